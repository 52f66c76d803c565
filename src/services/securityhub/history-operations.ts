/**
 * GetFindingHistory: the changes of a finding the caller sees, newest first, between StartTime
 * (default: its creation) and EndTime (default: now), 100 records a page by default. A finding
 * the caller does not see has no history.
 */
import type { OperationHandler } from '../types.js';
import { findingKey } from './common.js';
import { findingIndex } from './finding-index-cache.js';
import { readHistory, type HistoryRecord } from './finding-history.js';
import { callerScope, requireHub } from './hubs.js';
import { paginate } from './pagination.js';
import { visibleScopes } from './visibility.js';

const timeOf = (value: unknown): number | undefined => (value instanceof Date ? value.getTime() : undefined);

export const getFindingHistory: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const identifier = input.FindingIdentifier as { Id: string; ProductArn: string };
  const key = findingKey(identifier.ProductArn, identifier.Id);
  let records: HistoryRecord[] = [];
  for (const scope of await visibleScopes(ctx.store, callerScope(ctx))) {
    if (!(await findingIndex(ctx.store, scope)).get(key)) continue;
    records = (await readHistory(ctx.store, scope, key))?.Records ?? [];
    break;
  }
  const start = timeOf(input.StartTime) ?? -Infinity;
  const end = timeOf(input.EndTime) ?? Infinity;
  const chosen = records.filter((r) => Date.parse(r.UpdateTime) >= start && Date.parse(r.UpdateTime) <= end).reverse();
  const { page, NextToken } = paginate(chosen, input.MaxResults, input.NextToken);
  return {
    Records: page.map((r) => ({ FindingIdentifier: { Id: identifier.Id, ProductArn: identifier.ProductArn }, ...r, Updates: r.Updates })),
    ...(NextToken && { NextToken }),
  };
};
