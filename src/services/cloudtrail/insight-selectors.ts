/**
 * PutInsightSelectors and GetInsightSelectors for trails. The selectors are stored (Bulwark
 * does not compute Insights events); an empty list turns Insights off, and GetInsightSelectors
 * then answers InsightNotEnabledException. As AWS requires, ApiCallRateInsight on management
 * events needs the trail to log write management events, ApiErrorRateInsight on management
 * events read or write management events, and either type on data events read or write data
 * events (InvalidInsightSelectorsException). Event data stores are not part of Bulwark.
 */
import type { OperationHandler, OperationInput } from '../types.js';
import {
  insightNotEnabled,
  invalidInsightSelectors,
  invalidParameterCombination,
  TRAIL_KIND,
  unsupportedOperation,
  type InsightSelector,
  type TrailRecord,
} from './common.js';
import { findTrail } from './trail-lookup.js';

type Category = 'Management' | 'Data';

// Unconfirmed wording (every message below).
function trailNameOf(input: OperationInput): string {
  const eventDataStore = input.EventDataStore !== undefined || input.InsightsDestination !== undefined;
  if (eventDataStore && input.TrailName !== undefined) throw invalidParameterCombination('TrailName cannot be used with EventDataStore or InsightsDestination.');
  if (eventDataStore) throw unsupportedOperation('Bulwark does not support CloudTrail Lake event data stores; Insights selectors can be set on trails only.');
  if (typeof input.TrailName !== 'string') throw invalidParameterCombination('Specify a TrailName.');
  return input.TrailName;
}

/** Whether the trail logs events of the category, with write (or read) events. */
function logs(trail: TrailRecord, category: Category, write: boolean): boolean {
  if (trail.AdvancedEventSelectors) {
    return trail.AdvancedEventSelectors.some((s) => {
      const field = (name: string) => s.FieldSelectors.find((f) => f.Field === name)?.Equals?.[0];
      // readOnly = true logs read events only; false write events only; absent both.
      return field('eventCategory') === category && (!write || field('readOnly') !== 'true');
    });
  }
  return (trail.EventSelectors ?? []).some((s) => {
    const covered = category === 'Management' ? s.IncludeManagementEvents : s.DataResources.length > 0;
    return covered && (!write || s.ReadWriteType !== 'ReadOnly');
  });
}

function checkSelectors(trail: TrailRecord, raw: unknown): InsightSelector[] {
  const selectors = (Array.isArray(raw) ? raw : []) as Array<Partial<InsightSelector>>;
  const types = new Set<string>();
  return selectors.map((s) => {
    if (s.InsightType === undefined) throw invalidInsightSelectors('Each Insights selector must name an InsightType: ApiCallRateInsight or ApiErrorRateInsight.');
    if (types.has(s.InsightType)) throw invalidInsightSelectors(`InsightType ${s.InsightType} is specified more than once.`);
    types.add(s.InsightType);
    const categories = s.EventCategories ?? ['Management'];
    for (const category of categories) {
      const write = s.InsightType === 'ApiCallRateInsight' && category === 'Management';
      if (!logs(trail, category, write)) {
        const needed = write ? 'write management events' : `read or write ${category.toLowerCase()} events`;
        throw invalidInsightSelectors(`${s.InsightType} on ${category} events needs the trail to log ${needed}; change the trail's event selectors first.`);
      }
    }
    return s.EventCategories === undefined ? { InsightType: s.InsightType } : { InsightType: s.InsightType, EventCategories: [...s.EventCategories] };
  });
}

export const putInsightSelectors: OperationHandler = async (ctx, input) => {
  const name = trailNameOf(input);
  const trail = await ctx.store.transaction(async (tx) => {
    const found = await findTrail(tx, ctx, name, 'mutate');
    const selectors = checkSelectors(found.trail, input.InsightSelectors);
    const next: TrailRecord = { ...found.trail, InsightSelectors: selectors };
    await tx.put(found.scope, TRAIL_KIND, next.Name, next);
    return next;
  });
  return { TrailARN: trail.TrailARN, InsightSelectors: trail.InsightSelectors };
};

export const getInsightSelectors: OperationHandler = async (ctx, input) => {
  const { trail } = await findTrail(ctx.store, ctx, trailNameOf(input), 'read');
  if (!trail.InsightSelectors?.length) throw insightNotEnabled(trail.TrailARN);
  return { TrailARN: trail.TrailARN, InsightSelectors: trail.InsightSelectors };
};
