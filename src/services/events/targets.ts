/**
 * A rule's targets: PutTargets adds or replaces by Id (at most 5 per rule), answering targets
 * Bulwark cannot deliver to in FailedEntries; RemoveTargets; ListTargetsByRule;
 * ListRuleNamesByTarget (rules of one bus).
 */
import { KIND, ruleId, type TargetRecord } from '../../events/store/records.js';
import type { OperationHandler } from '../types.js';
import { quotaExceeded } from './errors.js';
import { page, requireBus, requireRule, rulesOf } from './lookup.js';
import { busNameOf, callerScope } from './scope.js';
import { checkTarget, unsupportedTarget } from './target-checks.js';

export const MAX_TARGETS_PER_RULE = 5;

/** A target as stored: the request's members without empty ones. */
const stored = (target: Record<string, unknown>): TargetRecord => JSON.parse(JSON.stringify(target)) as TargetRecord;

export const putTargets: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const bus = busNameOf(ctx, input.EventBusName);
  const requested = (input.Targets as Array<Record<string, unknown>>).map(stored);
  for (const target of requested) checkTarget(target);
  const failed: Array<{ TargetId: string; ErrorCode: string; ErrorMessage: string }> = [];
  const accepted: TargetRecord[] = [];
  for (const target of requested) {
    const reason = unsupportedTarget(target);
    if (reason) failed.push({ TargetId: target.Id, ErrorCode: 'UnsupportedTarget', ErrorMessage: reason });
    else accepted.push(target);
  }
  await ctx.store.transaction(async (tx) => {
    const rule = await requireRule(tx, scope, bus, input.Rule as string);
    const targets = rule.Targets.slice();
    for (const target of accepted) {
      const i = targets.findIndex((t) => t.Id === target.Id);
      if (i >= 0) targets[i] = target;
      else targets.push(target);
    }
    if (targets.length > MAX_TARGETS_PER_RULE) throw quotaExceeded();
    await tx.put(scope, KIND.rule, ruleId(bus, rule.Name), { ...rule, Targets: targets });
  });
  return { FailedEntryCount: failed.length, FailedEntries: failed };
};

/** Ids the rule does not have are ignored. */
export const removeTargets: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const bus = busNameOf(ctx, input.EventBusName);
  const ids = new Set(input.Ids as string[]);
  await ctx.store.transaction(async (tx) => {
    const rule = await requireRule(tx, scope, bus, input.Rule as string);
    await tx.put(scope, KIND.rule, ruleId(bus, rule.Name), { ...rule, Targets: rule.Targets.filter((t) => !ids.has(t.Id)) });
  });
  return { FailedEntryCount: 0, FailedEntries: [] };
};

export const listTargetsByRule: OperationHandler = async (ctx, input) => {
  const rule = await requireRule(ctx.store, callerScope(ctx), busNameOf(ctx, input.EventBusName), input.Rule as string);
  const { page: shown, NextToken } = page(rule.Targets, input.Limit, input.NextToken);
  return { Targets: shown, NextToken };
};

export const listRuleNamesByTarget: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const bus = busNameOf(ctx, input.EventBusName);
  await requireBus(ctx.store, scope, bus);
  const names = (await rulesOf(ctx.store, scope, bus)).filter((r) => r.Targets.some((t) => t.Arn === input.TargetArn)).map((r) => r.Name);
  const { page: shown, NextToken } = page(names, input.Limit, input.NextToken);
  return { RuleNames: shown, NextToken };
};
