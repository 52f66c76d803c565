/**
 * Stored automation rules, and the rules that apply to a scope's findings: its administrator's
 * (else its own), from the home Region when the finding's Region is linked to one by the
 * owner's aggregator (cached; every rule change empties the configuration cache).
 */
import type { AutomationRule } from '../../securityhub/automation-rules.js';
import type { Scope, StoreOps } from '../../store/index.js';
import { arnPrefix, KIND, scopeOf, type Tags } from './common.js';
import { homeRegionOf } from './aggregation.js';
import { cached } from './config-cache.js';
import { rulesOwner } from './relationships.js';

export interface RuleRecord extends AutomationRule {
  RuleName: string;
  Description: string;
  CreatedAt: string;
  CreatedBy: string;
  Tags: Tags;
}

export const ruleArn = (scope: Scope, id: string): string => `${arnPrefix(scope.region, scope.account)}:automation-rule/${id}`;

/** The id of a rule ARN of `scope`, or undefined. */
export function ruleIdOf(scope: Scope, arn: unknown): string | undefined {
  const prefix = `${arnPrefix(scope.region, scope.account)}:automation-rule/`;
  return typeof arn === 'string' && arn.startsWith(prefix) && /^[0-9a-f-]{36}$/.test(arn.slice(prefix.length)) ? arn.slice(prefix.length) : undefined;
}

export async function readRules(ops: StoreOps, scope: Scope): Promise<RuleRecord[]> {
  return (await ops.list<RuleRecord>(scope, KIND.rule)).items.map((i) => i.value);
}

export function rulesFor(store: StoreOps & object, scope: Scope): Promise<RuleRecord[]> {
  return cached(store, `rules\u0000${scope.account}\u0000${scope.region}`, async () => {
    const owner = await rulesOwner(store, scope);
    const home = await homeRegionOf(store, owner.account, scope.region);
    return readRules(store, home ? scopeOf(owner.account, home) : owner);
  });
}
