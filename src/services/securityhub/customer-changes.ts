/**
 * Customers' changes to findings they see (BatchUpdateFindings, UpdateFindings): the findings
 * are found through the visible scopes' indexes, then read, changed and written back with their
 * history in one transaction per scope. Resolves the changed findings with their scopes, and
 * the keys found nowhere.
 */
import type { Asff } from '../../securityhub/finding-index.js';
import { findingChanges } from '../../securityhub/finding-changes.js';
import type { Scope } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { appendHistory } from './finding-history.js';
import { findingIndex, findingsChanged } from './finding-index-cache.js';
import { readFinding, writeFindings } from './finding-records.js';
import { callerScope } from './hubs.js';
import { visibleScopes } from './visibility.js';

/** A customer's change of one finding: the new finding and the top-level fields it changed (none: no change). */
export type CustomerChange = (finding: Asff) => { finding: Asff; changed: string[] };

export async function changeVisibleFindings(ctx: RequestContext, keys: readonly string[], change: CustomerChange): Promise<{ changed: Array<{ scope: Scope; finding: Asff }>; missing: Set<string> }> {
  const missing = new Set(keys);
  const out: Array<{ scope: Scope; finding: Asff }> = [];
  const now = new Date();
  for (const scope of await visibleScopes(ctx.store, callerScope(ctx))) {
    const index = await findingIndex(ctx.store, scope);
    const here = [...missing].filter((key) => index.get(key) !== undefined);
    if (here.length === 0) continue;
    for (const key of here) missing.delete(key);
    const changed = await ctx.store.transaction(async (tx) => {
      const writes = [];
      for (const key of here) {
        const stored = await readFinding(tx, scope, key);
        if (!stored) continue;
        const result = change(stored.Finding);
        if (result.changed.length === 0) continue;
        const customerFields = [...new Set([...(stored.CustomerFields ?? []), ...result.changed])];
        writes.push({ key, finding: result.finding, customerFields, previous: stored });
        const updates = findingChanges(stored.Finding, result.finding);
        await appendHistory(tx, scope, key, { Id: String(stored.Finding.Id), ProductArn: String(stored.Finding.ProductArn) }, [
          { UpdateTime: now.toISOString(), FindingCreated: false, UpdateSource: { Type: 'BATCH_UPDATE_FINDINGS', Identity: ctx.principal.arn }, Updates: updates },
        ]);
      }
      await writeFindings(tx, scope, writes);
      return writes.map((w) => w.finding);
    });
    for (const finding of changed) out.push({ scope, finding });
    if (missing.size === 0) break;
  }
  if (out.length > 0) findingsChanged();
  return { changed: out, missing };
}
