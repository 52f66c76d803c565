/**
 * Finding the caller's detector: the one of its account and the request's Region, by the id the
 * call names (any other id "is not owned by the current account").
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { KIND, scopeOf, type DetectorRecord } from './common.js';
import { detectorNotOwned } from './errors.js';

export const callerScope = (ctx: RequestContext): Scope => scopeOf(ctx.account, ctx.region);

/** The detector of a scope, if there is one. */
export async function detectorOf(ops: StoreOps, scope: Scope): Promise<DetectorRecord | undefined> {
  return (await ops.list<DetectorRecord>(scope, KIND.detector, { limit: 1 })).items[0]?.value;
}

export async function requireDetector(ctx: RequestContext, detectorId: unknown, ops: StoreOps = ctx.store): Promise<DetectorRecord> {
  if (typeof detectorId !== 'string') throw detectorNotOwned();
  const found = (await ops.get<DetectorRecord>(callerScope(ctx), KIND.detector, detectorId))?.value;
  if (!found) throw detectorNotOwned();
  return found;
}
