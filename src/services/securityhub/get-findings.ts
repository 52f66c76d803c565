/**
 * GetFindings: the visible findings matching Filters, in SortCriteria order, a page at a time
 * (100 by default); only as many matches are put in order as the page needs.
 */
import { sortedOnDemand } from '../../securityhub/first-sorted.js';
import { sortOrder } from '../../securityhub/finding-sort.js';
import type { OperationHandler } from '../types.js';
import { checkedFilters, compiledFilters, selectFindings } from './finding-query.js';
import { requireHub } from './hubs.js';
import { paginate } from './pagination.js';

export const getFindings: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const filters = compiledFilters(input.Filters);
  const order = checkedFilters(() => sortOrder(input.SortCriteria));
  const selected = await selectFindings(ctx, filters, order.fields);
  const { page, NextToken } = paginate(sortedOnDemand(selected, order.compare), input.MaxResults, input.NextToken);
  return { Findings: page.map((s) => s.finding), ...(NextToken && { NextToken }) };
};
