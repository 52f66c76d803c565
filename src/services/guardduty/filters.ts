/**
 * Filters: saved FindingCriteria with an Action — NOOP, or ARCHIVE (a suppression rule: new
 * findings it matches are archived as they arrive, suppression.ts) — and a Rank, the order in
 * which filters are applied. Ranks stay 1…n: a filter created or moved to a rank pushes the
 * ones from there down, a deleted one closes the gap. At most 100 filters per detector.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { KIND, type FilterRecord, type Tags } from './common.js';
import { filterExists, invalidParameter, listLimit, noSuchResource } from './errors.js';
import { compileCriteria } from './finding-criteria.js';
import { callerScope, requireDetector, storeKey } from './lookup.js';
import { paginate } from './pagination.js';

export const MAX_FILTERS = 100;
const FILTER_NAME = /^[A-Za-z0-9_.-]{3,64}$/;

/** The detector's filters in rank order. */
export async function filtersOf(ops: StoreOps, scope: Scope): Promise<FilterRecord[]> {
  return (await ops.list<FilterRecord>(scope, KIND.filter)).items.map((i) => i.value).sort((a, b) => a.Rank - b.Rank);
}

function checkedCriteria(criteria: unknown): FilterRecord['FindingCriteria'] {
  compileCriteria(criteria);
  const criterion = (criteria as { Criterion?: Record<string, unknown> } | undefined)?.Criterion;
  if (!criterion || Object.keys(criterion).length === 0) throw invalidParameter('findingCriteria');
  return { Criterion: criterion as Record<string, Record<string, unknown>> };
}

/** Puts `moved` at `rank` (1-based) among `others` and writes every filter whose rank changed. */
async function saveRanked(tx: StoreOps, scope: Scope, others: FilterRecord[], moved: FilterRecord, rank: number): Promise<void> {
  const ordered = [...others];
  ordered.splice(rank - 1, 0, moved);
  for (const [i, filter] of ordered.entries()) {
    if (filter === moved || filter.Rank !== i + 1) await tx.put(scope, KIND.filter, filter.Name, { ...filter, Rank: i + 1 });
  }
}

function requestedRank(input: OperationInput, count: number, fallback: number): number {
  if (input.Rank === undefined) return fallback;
  const rank = input.Rank as number;
  if (rank > count + 1) throw invalidParameter('rank');
  return rank;
}

export const createFilter: OperationHandler = async (ctx, input) => {
  const name = input.Name as string;
  if (!FILTER_NAME.test(name)) throw invalidParameter('name');
  const criteria = checkedCriteria(input.FindingCriteria);
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    await requireDetector(ctx, input.DetectorId, tx);
    const filters = await filtersOf(tx, scope);
    if (filters.some((f) => f.Name === name)) throw filterExists(name);
    if (filters.length >= MAX_FILTERS) throw listLimit('filter', MAX_FILTERS);
    const rank = requestedRank(input, filters.length, filters.length + 1);
    const filter: FilterRecord = {
      Name: name,
      ...(typeof input.Description === 'string' && { Description: input.Description }),
      Action: input.Action === 'ARCHIVE' ? 'ARCHIVE' : 'NOOP',
      Rank: rank,
      FindingCriteria: criteria,
      Tags: { ...((input.Tags as Tags | undefined) ?? {}) },
    };
    await saveRanked(tx, scope, filters, filter, rank);
  });
  return { Name: name };
};

async function requireFilter(ctx: RequestContext, input: OperationInput, ops: StoreOps): Promise<FilterRecord> {
  await requireDetector(ctx, input.DetectorId, ops);
  const name = storeKey(input.FilterName);
  const filter = name === undefined ? undefined : (await ops.get<FilterRecord>(callerScope(ctx), KIND.filter, name))?.value;
  if (!filter) throw noSuchResource();
  return filter;
}

export const getFilter: OperationHandler = async (ctx, input) => {
  const filter = await requireFilter(ctx, input, ctx.store);
  return {
    Name: filter.Name,
    ...(filter.Description !== undefined && { Description: filter.Description }),
    Action: filter.Action,
    Rank: filter.Rank,
    FindingCriteria: filter.FindingCriteria,
    Tags: filter.Tags,
  };
};

export const updateFilter: OperationHandler = async (ctx, input) => {
  const criteria = input.FindingCriteria === undefined ? undefined : checkedCriteria(input.FindingCriteria);
  const scope = callerScope(ctx);
  const name = await ctx.store.transaction(async (tx) => {
    const filter = await requireFilter(ctx, input, tx);
    const others = (await filtersOf(tx, scope)).filter((f) => f.Name !== filter.Name);
    const updated: FilterRecord = {
      ...filter,
      ...(typeof input.Description === 'string' && { Description: input.Description }),
      ...(input.Action !== undefined && { Action: input.Action === 'ARCHIVE' ? 'ARCHIVE' : 'NOOP' }),
      ...(criteria && { FindingCriteria: criteria }),
    };
    await saveRanked(tx, scope, others, updated, requestedRank(input, others.length, filter.Rank));
    return filter.Name;
  });
  return { Name: name };
};

export const deleteFilter: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const filter = await requireFilter(ctx, input, tx);
    await tx.delete(scope, KIND.filter, filter.Name);
    const rest = (await filtersOf(tx, scope)).filter((f) => f.Name !== filter.Name);
    for (const [i, f] of rest.entries()) if (f.Rank !== i + 1) await tx.put(scope, KIND.filter, f.Name, { ...f, Rank: i + 1 });
  });
  return {};
};

export const listFilters: OperationHandler = async (ctx, input) => {
  await requireDetector(ctx, input.DetectorId);
  const names = (await filtersOf(ctx.store, callerScope(ctx))).map((f) => f.Name);
  const { page, NextToken } = paginate(names, input.MaxResults, input.NextToken);
  return { FilterNames: page, ...(NextToken && { NextToken }) };
};
