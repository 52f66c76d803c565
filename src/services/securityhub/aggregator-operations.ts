/**
 * Cross-Region aggregation: CreateFindingAggregator (in the home Region, one per account),
 * GetFindingAggregator, UpdateFindingAggregator and DeleteFindingAggregator (from the home
 * Region), ListFindingAggregators. Linked Regions' findings then show in the home Region's
 * GetFindings, insights and BatchUpdateFindings (visibility.ts).
 */
import { GLOBAL_REGION } from '../../store/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { AGGREGATOR_ID, arnPrefix, KIND, newUuid, scopeOf, type AggregatorRecord, type RegionLinkingMode } from './common.js';
import { invalidInput, limitExceeded, resourceNotFound } from './errors.js';
import { aggregatorOf } from './aggregation.js';
import { requireHub } from './hubs.js';
import { paginate } from './pagination.js';

const MODES: readonly RegionLinkingMode[] = ['ALL_REGIONS', 'ALL_REGIONS_EXCEPT_SPECIFIED', 'SPECIFIED_REGIONS', 'NO_REGIONS'];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

// Unconfirmed wording (the errors of this file).
function linking(ctx: RequestContext, input: OperationInput): Pick<AggregatorRecord, 'RegionLinkingMode' | 'Regions'> {
  const mode = input.RegionLinkingMode as RegionLinkingMode;
  if (!MODES.includes(mode)) throw invalidInput(`Invalid RegionLinkingMode: ${String(input.RegionLinkingMode)}`);
  const regions = [...new Set((input.Regions as string[] | undefined) ?? [])];
  if (mode === 'NO_REGIONS' || mode === 'ALL_REGIONS') {
    if (regions.length > 0) throw invalidInput(`Regions cannot be provided when RegionLinkingMode is ${mode}.`);
  } else if (regions.length === 0) throw invalidInput(`Regions must be provided when RegionLinkingMode is ${mode}.`);
  for (const region of regions) {
    if (!REGION.test(region)) throw invalidInput(`Invalid Region: ${region}`);
    if (region === ctx.region) throw invalidInput('The home Region cannot be a linked Region.');
  }
  return { RegionLinkingMode: mode, Regions: regions };
}

const accountScope = (ctx: RequestContext) => scopeOf(ctx.account, GLOBAL_REGION);

async function requireAggregator(ctx: RequestContext, arn: unknown, homeOnly: boolean): Promise<AggregatorRecord> {
  const aggregator = await aggregatorOf(ctx.store, ctx.account);
  if (!aggregator || aggregator.FindingAggregatorArn !== arn) throw resourceNotFound('Finding aggregator', String(arn));
  if (homeOnly && aggregator.FindingAggregationRegion !== ctx.region) throw invalidInput(`The finding aggregator can only be changed from its home Region, ${aggregator.FindingAggregationRegion}.`);
  return aggregator;
}

export const createFindingAggregator: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const record: AggregatorRecord = { FindingAggregatorArn: `${arnPrefix(ctx.region, ctx.account)}:finding-aggregator/${newUuid()}`, FindingAggregationRegion: ctx.region, ...linking(ctx, input) };
  await ctx.store.transaction(async (tx) => {
    if (await aggregatorOf(tx, ctx.account)) throw limitExceeded('An account can have only one finding aggregator.');
    await tx.put(accountScope(ctx), KIND.aggregator, AGGREGATOR_ID, record);
  });
  return { ...record };
};

export const getFindingAggregator: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  return { ...(await requireAggregator(ctx, input.FindingAggregatorArn, false)) };
};

export const updateFindingAggregator: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const current = await requireAggregator(ctx, input.FindingAggregatorArn, true);
  const next: AggregatorRecord = { ...current, ...linking(ctx, input) };
  await ctx.store.put(accountScope(ctx), KIND.aggregator, AGGREGATOR_ID, next);
  return { ...next };
};

export const deleteFindingAggregator: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  await requireAggregator(ctx, input.FindingAggregatorArn, true);
  await ctx.store.delete(accountScope(ctx), KIND.aggregator, AGGREGATOR_ID);
  return {};
};

export const listFindingAggregators: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const aggregator = await aggregatorOf(ctx.store, ctx.account);
  const { page, NextToken } = paginate(aggregator ? [{ FindingAggregatorArn: aggregator.FindingAggregatorArn }] : [], input.MaxResults, input.NextToken);
  return { FindingAggregators: page, ...(NextToken && { NextToken }) };
};
