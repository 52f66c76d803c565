/**
 * GetInsightResults: the findings an insight's filters select, counted per value of its
 * GroupByAttribute (a finding with several values — Types, ResourceId — counts once for each),
 * the largest groups first, at most 100 of them.
 */
import type { Selected } from './finding-index.js';

export const MAX_GROUPS = 100;

export interface GroupCount {
  GroupByAttributeValue: string;
  Count: number;
}

/** `selected` carries the grouping attribute's values as its first value list. */
export function groupCounts(selected: readonly Selected[]): GroupCount[] {
  const counts = new Map<string, number>();
  for (const { values } of selected) {
    for (const value of new Set((values[0] ?? []).map(String))) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_GROUPS)
    .map(([GroupByAttributeValue, Count]) => ({ GroupByAttributeValue, Count }));
}
