/**
 * Where Security Hub is enabled: the hub record of an account and Region (cached), and the
 * check every operation but EnableSecurityHub makes first.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { HUB_ID, KIND, scopeOf, type HubRecord } from './common.js';
import { cached } from './config-cache.js';
import { notSubscribed } from './errors.js';

export const callerScope = (ctx: RequestContext): Scope => scopeOf(ctx.account, ctx.region);

export async function readHub(ops: StoreOps, scope: Scope): Promise<HubRecord | undefined> {
  return (await ops.get<HubRecord>(scope, KIND.hub, HUB_ID))?.value;
}

/** The hub of a scope through the configuration cache. */
export function hubOf(store: StoreOps & object, scope: Scope): Promise<HubRecord | undefined> {
  return cached(store, `hub\u0000${scope.account}\u0000${scope.region}`, () => readHub(store, scope));
}

export async function requireHub(ctx: RequestContext): Promise<HubRecord> {
  const hub = await hubOf(ctx.store, callerScope(ctx));
  if (!hub) throw notSubscribed(ctx.account);
  return hub;
}
