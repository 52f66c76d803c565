/**
 * Reading buses and rules: the default bus always exists (stored only once written), a
 * custom bus when stored; rules by bus and name.
 */
import { pageByPosition } from '../shared/position-pages.js';
import type { Scope, StoreOps } from '../../store/index.js';
import { DEFAULT_BUS, defaultBus, KIND, ruleId, rulePrefix, type BusRecord, type RuleRecord } from '../../events/store/records.js';
import { busNotFound, invalidNextToken, ruleNotFound } from './errors.js';

export async function findBus(ops: StoreOps, scope: Scope, name: string): Promise<BusRecord | undefined> {
  const stored = (await ops.get<BusRecord>(scope, KIND.bus, name))?.value;
  return stored ?? (name === DEFAULT_BUS ? defaultBus(scope) : undefined);
}

export async function requireBus(ops: StoreOps, scope: Scope, name: string): Promise<BusRecord> {
  const bus = await findBus(ops, scope, name);
  if (!bus) throw busNotFound(name);
  return bus;
}

export async function findRule(ops: StoreOps, scope: Scope, bus: string, name: string): Promise<RuleRecord | undefined> {
  return (await ops.get<RuleRecord>(scope, KIND.rule, ruleId(bus, name)))?.value;
}

/** The rule, its bus required first (a missing bus is reported as such). */
export async function requireRule(ops: StoreOps, scope: Scope, bus: string, name: string): Promise<RuleRecord> {
  await requireBus(ops, scope, bus);
  const rule = await findRule(ops, scope, bus, name);
  if (!rule) throw ruleNotFound(name, bus);
  return rule;
}

/** Every rule of a bus, in name order. */
export async function rulesOf(ops: StoreOps, scope: Scope, bus: string): Promise<RuleRecord[]> {
  return (await ops.list<RuleRecord>(scope, KIND.rule, { prefix: rulePrefix(bus) })).items.map((i) => i.value);
}

/** A page of the records of a kind named with NamePrefix, those `keep` accepts (the List calls of connections and API destinations). */
export async function pageOfNamed<T>(ops: StoreOps, scope: Scope, kind: string, input: Record<string, unknown>, keep: (record: T) => boolean): Promise<{ page: T[]; NextToken?: string }> {
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  const records = (await ops.list<T>(scope, kind, { prefix })).items.map((i) => i.value).filter(keep);
  return page(records, input.Limit, input.NextToken);
}

/** Limit/NextToken pages of a computed list. */
export function page<T>(items: readonly T[], limit: unknown, nextToken: unknown): { page: T[]; NextToken?: string } {
  return pageByPosition(items, { maxResults: limit, nextToken, defaultMax: 100 }, { prefix: 'eb1:', invalid: invalidNextToken });
}

export const iso = (date = new Date()): string => date.toISOString();
export const dateOf = (text: string | undefined): Date | undefined => (text ? new Date(text) : undefined);
