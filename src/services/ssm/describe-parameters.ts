/**
 * DescribeParameters: the metadata of the account's parameters in this Region (never values),
 * filtered by Filters or ParameterFilters (not both), MaxResults ≤ 50 (default 50), NextToken.
 * Shared: true lists parameters other accounts share through AWS RAM — Bulwark has none.
 */
import type { OperationHandler } from '../types.js';
import { parameterArn, ssmScope, validation } from './common.js';
import { parseLegacyFilters, parseStringFilters } from './filters.js';
import { scanParameters } from './listing.js';
import { metadataOutput } from './outputs.js';

const DEFAULT_MAX_RESULTS = 50;

export const describeParameters: OperationHandler = async (ctx, input) => {
  if (input.Filters !== undefined && input.ParameterFilters !== undefined) throw validation('You can use either Filters or ParameterFilters in a single request.');
  const predicates = input.Filters !== undefined ? parseLegacyFilters(input.Filters) : parseStringFilters('DescribeParameters', input.ParameterFilters).predicates;
  if (input.Shared === true) return { Parameters: [] };
  const scope = ssmScope(ctx);
  const page = await scanParameters(ctx.store, scope, {
    predicates,
    limit: typeof input.MaxResults === 'number' ? input.MaxResults : DEFAULT_MAX_RESULTS,
    token: input.NextToken,
  });
  const out: Record<string, unknown> = { Parameters: page.records.map((r) => metadataOutput(r, parameterArn(scope, r.Name))) };
  if (page.NextToken !== undefined) out.NextToken = page.NextToken;
  return out;
};
