/**
 * SortCriteria: findings ordered by one field (ASC unless OrderBy is DESC) — numbers and times
 * numerically, text by code point — with the finding id breaking ties, so pages are stable.
 * Without SortCriteria, findings come newest update first. An attribute that names no field of
 * the Finding answers "the parameter sortCriteria has an invalid value".
 */
import type { Finding } from '../../guardduty/finding.js';
import { invalidParameter } from './errors.js';
import { findingField } from './finding-fields.js';

export function sortFindings(findings: Finding[], sortCriteria: unknown): Finding[] {
  const criteria = (sortCriteria ?? {}) as { AttributeName?: unknown; OrderBy?: unknown };
  const attribute = typeof criteria.AttributeName === 'string' && criteria.AttributeName !== '' ? criteria.AttributeName : undefined;
  const field = findingField(attribute ?? 'updatedAt');
  if (!field) throw invalidParameter('sortCriteria');
  const descending = attribute === undefined ? criteria.OrderBy !== 'ASC' : criteria.OrderBy === 'DESC';
  const keyed = findings.map((finding) => ({ finding, key: field.values(finding)[0] }));
  keyed.sort((a, b) => {
    const order = compareKeys(a.key, b.key);
    const directed = descending ? -order : order;
    return directed !== 0 ? directed : a.finding.Id < b.finding.Id ? -1 : a.finding.Id > b.finding.Id ? 1 : 0;
  });
  return keyed.map((k) => k.finding);
}

/** Absent values sort first; numbers before text; then natural order. */
function compareKeys(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
