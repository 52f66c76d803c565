/**
 * ListSecrets: the caller's secrets in the Region, without those marked for deletion unless
 * IncludePlannedDeletion, filtered (filters.ts), sorted by SortBy (created-date by default) in
 * SortOrder (ascending by default), paginated (MaxResults 1–100, default 100).
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { SECRET_KIND, type SecretRecord } from './common.js';
import { secretMetadata } from './describe.js';
import { checkFilters, matchesFilters, type Filter } from './filters.js';
import { paginate } from './pagination.js';

/** Every secret of a scope (all store pages). */
export async function allSecrets(ops: StoreOps, scope: Scope): Promise<SecretRecord[]> {
  const out: SecretRecord[] = [];
  let after: string | undefined;
  do {
    const page = await ops.list<SecretRecord>(scope, SECRET_KIND, { after, limit: 1000 });
    for (const item of page.items) out.push(item.value);
    after = page.next;
  } while (after !== undefined);
  return out;
}

const SORT_FIELDS: Record<string, (r: SecretRecord) => string> = {
  'created-date': (r) => r.CreatedDate,
  'last-accessed-date': (r) => r.LastAccessedDate ?? '',
  'last-changed-date': (r) => r.LastChangedDate,
  name: (r) => r.Name,
};

/** The secrets that match, in the requested order. */
export async function matchingSecrets(ops: StoreOps, scope: Scope, filters: Filter[] | undefined, options: { includeDeleted?: boolean; sortBy?: unknown; sortOrder?: unknown } = {}): Promise<SecretRecord[]> {
  if (filters) checkFilters(filters);
  const field = SORT_FIELDS[typeof options.sortBy === 'string' ? options.sortBy : 'created-date'] ?? (SORT_FIELDS['created-date'] as (r: SecretRecord) => string);
  const descending = options.sortOrder === 'desc';
  const records = (await allSecrets(ops, scope)).filter((r) => (options.includeDeleted || !r.DeletedDate) && (!filters || matchesFilters(r, filters)));
  records.sort((a, b) => {
    const x = field(a);
    const y = field(b);
    const c = x < y ? -1 : x > y ? 1 : a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0;
    return descending ? -c : c;
  });
  return records;
}

export const listSecrets: OperationHandler = async (ctx, input) => {
  const records = await matchingSecrets(ctx.store, { account: ctx.account, region: ctx.region }, input.Filters as Filter[] | undefined, {
    includeDeleted: input.IncludePlannedDeletion === true,
    sortBy: input.SortBy,
    sortOrder: input.SortOrder,
  });
  const { page, NextToken } = paginate(records, input.MaxResults, input.NextToken, 100);
  const out: Record<string, unknown> = { SecretList: page.map((r) => secretMetadata(r, 'SecretVersionsToStages')) };
  if (NextToken) out.NextToken = NextToken;
  return out;
};
