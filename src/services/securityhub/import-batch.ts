/**
 * Imports a provider's findings into one account and Region's hub (BatchImportFindings, and
 * GuardDuty's findings arriving on their own): each finding is created or updated as a provider
 * may (src/securityhub/provider-import.ts), the automation rules that apply run on it, every
 * change goes to its history, and all is written in one transaction. Resolves the findings
 * created or updated (an update older than the stored finding is ignored) for the events.
 */
import { compileRules } from '../../securityhub/automation-rules.js';
import { findingChanges } from '../../securityhub/finding-changes.js';
import type { Asff } from '../../securityhub/finding-index.js';
import { newProviderFinding, providerUpdate, type ImportContext } from '../../securityhub/provider-import.js';
import type { Scope, Store, StoreOps } from '../../store/index.js';
import { findingKey } from './common.js';
import { appendHistory, type HistoryRecord } from './finding-history.js';
import { findingsChanged } from './finding-index-cache.js';
import { readFinding, writeFindings, type StoredFinding } from './finding-records.js';
import { rulesFor } from './automation-rule-records.js';

export interface ImportSource {
  /** Who imports (the caller's ARN, or the product's for a service's own findings). */
  identity: string;
  /** ProductName and CompanyName of an AWS product; absent for the default product. */
  product?: ImportContext['product'];
}

interface Pending {
  stored?: StoredFinding;
  finding?: Asff;
  customerFields: Set<string>;
  history: HistoryRecord[];
}

const record = (type: HistoryRecord['UpdateSource']['Type'], identity: string, now: Date, updates: HistoryRecord['Updates'], created = false): HistoryRecord => ({
  UpdateTime: now.toISOString(),
  FindingCreated: created,
  UpdateSource: { Type: type, Identity: identity },
  Updates: updates,
});

export async function importFindings(store: Store, scope: Scope, findings: readonly Asff[], source: ImportSource, now = new Date()): Promise<Asff[]> {
  if (findings.length === 0) return [];
  const rules = compileRules(await rulesFor(store, scope), now.getTime());
  const context: ImportContext = { region: scope.region, product: source.product, now };
  const imported = await store.transaction(async (tx: StoreOps) => {
    const pending = new Map<string, Pending>();
    const out: Asff[] = [];
    for (const incoming of findings) {
      const key = findingKey(String(incoming.ProductArn), String(incoming.Id));
      let entry = pending.get(key);
      if (!entry) {
        const stored = await readFinding(tx, scope, key);
        entry = { stored, finding: stored?.Finding, customerFields: new Set(stored?.CustomerFields), history: [] };
        pending.set(key, entry);
      }
      const current = entry.finding;
      const next = current ? providerUpdate(current, incoming, [...entry.customerFields], context) : newProviderFinding(incoming, context);
      if (!next) continue;
      entry.history.push(record('BATCH_IMPORT_FINDINGS', source.identity, now, current ? findingChanges(current, next) : [], !current));
      const ruled = rules.apply(next, now);
      for (const applied of ruled.applied) {
        entry.history.push(record('BATCH_UPDATE_FINDINGS', applied.ruleArn, now, findingChanges(applied.before, applied.after)));
        for (const field of applied.changed) entry.customerFields.add(field);
      }
      entry.finding = ruled.finding;
      out.push(ruled.finding);
    }
    const writes = [...pending].filter(([, e]) => e.history.length > 0);
    await writeFindings(tx, scope, writes.map(([key, e]) => ({ key, finding: e.finding!, customerFields: [...e.customerFields], previous: e.stored })));
    for (const [key, e] of writes) await appendHistory(tx, scope, key, { Id: String(e.finding!.Id), ProductArn: String(e.finding!.ProductArn) }, e.history);
    return out;
  });
  if (imported.length > 0) findingsChanged();
  return imported;
}
