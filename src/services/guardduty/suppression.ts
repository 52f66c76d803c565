/**
 * Suppression rules: a new finding goes through the detector's filters in rank order, and the
 * first filter whose criteria match decides — ARCHIVE archives it as it arrives, NOOP keeps it
 * active. Later occurrences keep the finding's archived state (finding.ts aggregation).
 */
import type { Finding } from '../../guardduty/finding.js';
import type { FilterRecord } from './common.js';
import { compileCriteria, type FindingPredicate } from './finding-criteria.js';

const compiled = new WeakMap<FilterRecord, FindingPredicate | null>();

function predicateOf(filter: FilterRecord): FindingPredicate | undefined {
  let predicate = compiled.get(filter);
  if (predicate === undefined) {
    try {
      predicate = compileCriteria(filter.FindingCriteria);
    } catch {
      predicate = null;
    }
    compiled.set(filter, predicate);
  }
  return predicate ?? undefined;
}

/** Whether a suppression rule archives this new finding. */
export function suppressed(finding: Finding, filters: readonly FilterRecord[]): boolean {
  for (const filter of filters) {
    if (predicateOf(filter)?.(finding)) return filter.Action === 'ARCHIVE';
  }
  return false;
}

/** The finding as it is first stored: archived when a suppression rule says so. */
export function withSuppression(finding: Finding, filters: readonly FilterRecord[]): Finding {
  if (!suppressed(finding, filters)) return finding;
  return { ...finding, Service: { ...finding.Service, Archived: true } };
}
