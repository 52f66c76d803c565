/**
 * Findings as the API reads and changes them: every finding the caller sees (its own and its
 * associated members', relationships.ts), found by id, and changed in place (archive,
 * feedback) in a transaction per scope.
 */
import type { Finding } from '../../guardduty/finding.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { KIND } from './common.js';
import { callerScope, storeKey } from './lookup.js';
import { visibleScopes } from './relationships.js';

export async function findingsIn(ops: StoreOps, scope: Scope): Promise<Finding[]> {
  return (await ops.list<Finding>(scope, KIND.finding)).items.map((i) => i.value);
}

export async function visibleFindings(ctx: RequestContext): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const scope of await visibleScopes(ctx.store, callerScope(ctx))) out.push(...(await findingsIn(ctx.store, scope)));
  return out;
}

/** The visible findings with these ids (unknown ids are left out, as AWS does), in the order asked. */
export async function visibleFindingsById(ctx: RequestContext, ids: readonly string[]): Promise<Finding[]> {
  const scopes = await visibleScopes(ctx.store, callerScope(ctx));
  const out: Finding[] = [];
  for (const id of new Set(ids.map(storeKey))) {
    if (id === undefined) continue;
    for (const scope of scopes) {
      const found = (await ctx.store.get<Finding>(scope, KIND.finding, id))?.value;
      if (found) {
        out.push(found);
        break;
      }
    }
  }
  return out;
}

/** Applies `change` to each visible finding with one of these ids; resolves the changed findings. */
export async function changeFindings(ctx: RequestContext, ids: readonly string[], change: (finding: Finding) => Finding): Promise<Finding[]> {
  const wanted = new Set(ids.map(storeKey).filter((id): id is string => id !== undefined));
  const changed: Finding[] = [];
  for (const scope of await visibleScopes(ctx.store, callerScope(ctx))) {
    // The transaction may run more than once (PostgreSQL): it only returns what it changed.
    const inScope = await ctx.store.transaction(async (tx) => {
      const out: Finding[] = [];
      for (const id of wanted) {
        const found = (await tx.get<Finding>(scope, KIND.finding, id))?.value;
        if (!found) continue;
        const next = change(found);
        await tx.put(scope, KIND.finding, id, next);
        out.push(next);
      }
      return out;
    });
    for (const finding of inScope) {
      changed.push(finding);
      wanted.delete(finding.Id);
    }
    if (wanted.size === 0) break;
  }
  return changed;
}
