/**
 * PutEventSelectors and GetEventSelectors. A trail has either basic event selectors or
 * advanced event selectors, never both: a request must give exactly one of the two, and it
 * replaces whatever the trail had (InvalidEventSelectorsException otherwise). Called from the
 * trail's home Region only.
 */
import type { OperationHandler } from '../types.js';
import { checkAdvancedSelectors } from './advanced-selectors.js';
import { checkEventSelectors } from './basic-selectors.js';
import { defaultEventSelectors, invalidEventSelectors, TRAIL_KIND, type TrailRecord } from './common.js';
import { findTrail } from './trail-lookup.js';

/** What GetEventSelectors and PutEventSelectors answer for a trail. */
export function selectorsOutput(trail: TrailRecord): Record<string, unknown> {
  if (trail.AdvancedEventSelectors) return { TrailARN: trail.TrailARN, AdvancedEventSelectors: trail.AdvancedEventSelectors };
  return { TrailARN: trail.TrailARN, EventSelectors: trail.EventSelectors ?? defaultEventSelectors() };
}

export const putEventSelectors: OperationHandler = async (ctx, input) => {
  const basic = input.EventSelectors !== undefined;
  const advanced = input.AdvancedEventSelectors !== undefined;
  // Unconfirmed wording.
  if (basic === advanced) throw invalidEventSelectors('Specify either EventSelectors or AdvancedEventSelectors, but not both.');
  const eventSelectors = basic ? checkEventSelectors(input.EventSelectors) : undefined;
  const advancedSelectors = advanced ? checkAdvancedSelectors(input.AdvancedEventSelectors) : undefined;
  const trail = await ctx.store.transaction(async (tx) => {
    const found = await findTrail(tx, ctx, input.TrailName as string, 'mutate');
    const next: TrailRecord = { ...found.trail, HasCustomEventSelectors: true };
    delete next.EventSelectors;
    delete next.AdvancedEventSelectors;
    if (eventSelectors) next.EventSelectors = eventSelectors;
    if (advancedSelectors) next.AdvancedEventSelectors = advancedSelectors;
    await tx.put(found.scope, TRAIL_KIND, next.Name, next);
    return next;
  });
  return selectorsOutput(trail);
};

export const getEventSelectors: OperationHandler = async (ctx, input) => {
  const { trail } = await findTrail(ctx.store, ctx, input.TrailName as string, 'read');
  return selectorsOutput(trail);
};
