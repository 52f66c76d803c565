/**
 * The enabled pattern rules of a bus, compiled into a RuleIndex and cached per process
 * (core/store-cache.ts: every EventBridge write empties the cache, in sibling workers too;
 * entries also expire after 5 s). Delivery reads a bus's rules for every event, the API
 * writes them rarely.
 */
import { StoreCache } from '../../core/store-cache.js';
import type { Scope, Store } from '../../store/index.js';
import { compileEventPattern } from '../pattern/index.js';
import { KIND, rulePrefix, type RuleRecord } from '../store/records.js';
import { RuleIndex } from './rule-index.js';

export interface BusRules {
  index: RuleIndex<RuleRecord>;
}

const cache = new StoreCache<BusRules>();

/** Empties the cache (after every EventBridge write). */
export const invalidateBusRules = (): void => cache.invalidate();

export async function busRules(store: Store, scope: Scope, bus: string): Promise<BusRules> {
  const key = `${scope.account}\u0001${scope.region}\u0001${bus}`;
  return (await cache.get(store, key, () => loadBusRules(store, scope, bus)))!;
}

async function loadBusRules(store: Store, scope: Scope, bus: string): Promise<BusRules> {
  const index = new RuleIndex<RuleRecord>();
  for (const { value: rule } of (await store.list<RuleRecord>(scope, KIND.rule, { prefix: rulePrefix(bus) })).items) {
    if (rule.State === 'DISABLED' || rule.EventPattern === undefined) continue;
    index.add(rule, compileEventPattern(rule.EventPattern));
  }
  return { index };
}
