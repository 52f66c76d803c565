/**
 * Custom insights: CreateInsight, UpdateInsight, DeleteInsight, GetInsights and
 * GetInsightResults (the visible findings its filters select, counted per GroupByAttribute
 * value). The filters are checked as GetFindings checks them; the grouping attribute is a
 * string attribute of the filters. At most 100 custom insights per account and Region.
 */
import { filterField } from '../../securityhub/filter-fields.js';
import { groupCounts } from '../../securityhub/insight-results.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { arnPrefix, KIND, newUuid, type InsightRecord } from './common.js';
import { conflict, invalidInput, limitExceeded, resourceNotFound } from './errors.js';
import { compiledFilters, selectFindings } from './finding-query.js';
import { callerScope, requireHub } from './hubs.js';
import { paginate } from './pagination.js';

const MAX_INSIGHTS = 100;

const insightArn = (scope: Scope, id: string): string => `${arnPrefix(scope.region, scope.account)}:insight/${scope.account}/custom/${id}`;

function insightIdOf(scope: Scope, arn: unknown): string | undefined {
  const prefix = `${arnPrefix(scope.region, scope.account)}:insight/${scope.account}/custom/`;
  return typeof arn === 'string' && arn.startsWith(prefix) && /^[0-9a-f-]{36}$/.test(arn.slice(prefix.length)) ? arn.slice(prefix.length) : undefined;
}

// Unconfirmed wording (the errors of this file).
function checkGrouping(attribute: unknown): void {
  if (typeof attribute !== 'string' || filterField(attribute)?.kind !== 'string') throw invalidInput(`Invalid GroupByAttribute: ${String(attribute)}`);
}

async function requireInsight(ops: StoreOps, scope: Scope, arn: unknown): Promise<{ id: string; insight: InsightRecord }> {
  const id = insightIdOf(scope, arn);
  const insight = id === undefined ? undefined : (await ops.get<InsightRecord>(scope, KIND.insight, id))?.value;
  if (!insight || id === undefined) throw resourceNotFound('Insight', String(arn));
  return { id, insight };
}

async function insightsOf(ops: StoreOps, scope: Scope): Promise<InsightRecord[]> {
  return (await ops.list<InsightRecord>(scope, KIND.insight)).items.map((i) => i.value);
}

export const createInsight: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  compiledFilters(input.Filters);
  checkGrouping(input.GroupByAttribute);
  const scope = callerScope(ctx);
  const insight: InsightRecord = { InsightArn: insightArn(scope, newUuid()), Name: input.Name as string, Filters: (input.Filters as Record<string, unknown>) ?? {}, GroupByAttribute: input.GroupByAttribute as string };
  await ctx.store.transaction(async (tx) => {
    const existing = await insightsOf(tx, scope);
    if (existing.length >= MAX_INSIGHTS) throw limitExceeded(`An account can have at most ${MAX_INSIGHTS} custom insights in a Region.`);
    if (existing.some((i) => i.Name === insight.Name)) throw conflict(`An insight named ${insight.Name} already exists.`);
    await tx.put(scope, KIND.insight, insightIdOf(scope, insight.InsightArn)!, insight);
  });
  return { InsightArn: insight.InsightArn };
};

export const updateInsight: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  if (input.Filters !== undefined) compiledFilters(input.Filters);
  if (input.GroupByAttribute !== undefined) checkGrouping(input.GroupByAttribute);
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const { id, insight } = await requireInsight(tx, scope, input.InsightArn);
    const next: InsightRecord = { ...insight };
    if (input.Name !== undefined) next.Name = input.Name as string;
    if (input.Filters !== undefined) next.Filters = input.Filters as Record<string, unknown>;
    if (input.GroupByAttribute !== undefined) next.GroupByAttribute = input.GroupByAttribute as string;
    await tx.put(scope, KIND.insight, id, next);
  });
  return {};
};

export const deleteInsight: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const scope = callerScope(ctx);
  const { id, insight } = await requireInsight(ctx.store, scope, input.InsightArn);
  await ctx.store.delete(scope, KIND.insight, id);
  return { InsightArn: insight.InsightArn };
};

export const getInsights: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const scope = callerScope(ctx);
  const arns = input.InsightArns as string[] | undefined;
  const insights = arns && arns.length > 0 ? await Promise.all(arns.map(async (arn) => (await requireInsight(ctx.store, scope, arn)).insight)) : await insightsOf(ctx.store, scope);
  const { page, NextToken } = paginate(insights, input.MaxResults, input.NextToken);
  return { Insights: page, ...(NextToken && { NextToken }) };
};

async function insightResults(ctx: RequestContext, insight: InsightRecord): Promise<ReturnType<typeof groupCounts>> {
  return groupCounts(await selectFindings(ctx, compiledFilters(insight.Filters), [insight.GroupByAttribute]));
}

export const getInsightResults: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const { insight } = await requireInsight(ctx.store, callerScope(ctx), input.InsightArn);
  return { InsightResults: { InsightArn: insight.InsightArn, GroupByAttribute: insight.GroupByAttribute, ResultValues: await insightResults(ctx, insight) } };
};
