/**
 * Finding the caller's detector: the one of its account and the request's Region, by the id the
 * call names (any other id "is not owned by the current account").
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { KIND, scopeOf, type DetectorRecord } from './common.js';
import { detectorNotOwned } from './errors.js';

/**
 * A caller-supplied id as a store key: undefined for anything the store cannot hold (NUL, lone
 * surrogates) — such an id names nothing, and the caller gets "not found".
 */
export function storeKey(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && !value.includes('\u0000') && !LONE_SURROGATE.test(value) ? value : undefined;
}

/** With the u flag, `\p{Cs}` matches only unpaired surrogates. */
const LONE_SURROGATE = /\p{Cs}/u;

export const callerScope = (ctx: RequestContext): Scope => scopeOf(ctx.account, ctx.region);

/** The detector of a scope, if there is one. */
export async function detectorOf(ops: StoreOps, scope: Scope): Promise<DetectorRecord | undefined> {
  return (await ops.list<DetectorRecord>(scope, KIND.detector, { limit: 1 })).items[0]?.value;
}

export async function requireDetector(ctx: RequestContext, detectorId: unknown, ops: StoreOps = ctx.store): Promise<DetectorRecord> {
  const id = storeKey(detectorId);
  const found = id === undefined ? undefined : (await ops.get<DetectorRecord>(callerScope(ctx), KIND.detector, id))?.value;
  if (!found) throw detectorNotOwned();
  return found;
}
