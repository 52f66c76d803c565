/**
 * Rules: PutRule creates or replaces (what a call omits is dropped, targets and tags stay),
 * with an event pattern (checked and refused with AWS's reasons), a schedule (rate()/cron(),
 * default bus only) or both; at most 300 rules per bus. Enable/Disable set the state;
 * DeleteRule refuses a rule that still has targets and succeeds for one that is gone.
 */
import { next, parseSchedule, ScheduleError } from '../../core/aws-schedule.js';
import { compileEventPattern, invalidEventPattern, PatternError } from '../../events/pattern/index.js';
import { DEFAULT_BUS, KIND, ruleArn, ruleId, rulePrefix, type RuleRecord, type RuleState } from '../../events/store/records.js';
import type { OperationHandler, OperationOutput, RequestContext } from '../types.js';
import { quotaExceeded, validation } from './errors.js';
import { findRule, iso, page, requireBus, requireRule, rulesOf } from './lookup.js';
import { busNameOf, callerScope } from './scope.js';
import { tags } from './tags.js';

export const MAX_RULES_PER_BUS = 300;

export function checkEventPattern(text: string): void {
  try {
    compileEventPattern(text);
  } catch (err) {
    if (err instanceof PatternError) throw invalidEventPattern(err);
    throw err;
  }
}

function checkSchedule(expression: string, bus: string): void {
  if (bus !== DEFAULT_BUS) throw validation('ScheduleExpression is supported only on the default event bus.');
  try {
    parseSchedule(expression);
  } catch (err) {
    if (err instanceof ScheduleError) throw validation('Parameter ScheduleExpression is not valid.');
    throw err;
  }
}

export const putRule: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const bus = busNameOf(ctx, input.EventBusName);
  const name = input.Name as string;
  const pattern = nonEmpty(input.EventPattern);
  const schedule = nonEmpty(input.ScheduleExpression);
  if (pattern === undefined && schedule === undefined) throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  const requestTags = tags.requestTags(input);
  await requireBus(ctx.store, scope, bus);
  if (schedule !== undefined) checkSchedule(schedule, bus);
  if (pattern !== undefined) checkEventPattern(pattern);
  return ctx.store.transaction(async (tx) => {
    const existing = await findRule(tx, scope, bus, name);
    if (!existing) {
      const count = (await tx.list(scope, KIND.rule, { prefix: rulePrefix(bus), limit: MAX_RULES_PER_BUS })).items.length;
      if (count >= MAX_RULES_PER_BUS) throw quotaExceeded();
    }
    const rule: RuleRecord = {
      Name: name,
      Arn: ruleArn(scope, bus, name),
      EventBusName: bus,
      EventPattern: pattern,
      ScheduleExpression: schedule,
      State: (input.State as RuleState | undefined) ?? 'ENABLED',
      Description: input.Description as string | undefined,
      RoleArn: input.RoleArn as string | undefined,
      CreatedBy: existing?.CreatedBy ?? ctx.account,
      CreationTime: existing?.CreationTime ?? iso(),
      // As AWS: the tags of an existing rule are not changed by PutRule.
      Tags: existing ? existing.Tags : requestTags,
      Targets: existing?.Targets ?? [],
    };
    await tx.put(scope, KIND.rule, ruleId(bus, name), rule);
    // A new or changed schedule counts from now.
    if (existing?.ScheduleExpression !== schedule) {
      const due = schedule === undefined ? undefined : next(parseSchedule(schedule), new Date());
      if (due) await tx.put(scope, KIND.schedule, ruleId(bus, name), { next: due.toISOString() });
      else await tx.delete(scope, KIND.schedule, ruleId(bus, name));
    }
    return { RuleArn: rule.Arn };
  });
};

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function ruleOutput(rule: RuleRecord): OperationOutput {
  return {
    Name: rule.Name,
    Arn: rule.Arn,
    EventPattern: rule.EventPattern,
    ScheduleExpression: rule.ScheduleExpression,
    State: rule.State,
    Description: rule.Description,
    RoleArn: rule.RoleArn,
    EventBusName: rule.EventBusName,
  };
}

export const describeRule: OperationHandler = async (ctx, input) => {
  const rule = await requireRule(ctx.store, callerScope(ctx), busNameOf(ctx, input.EventBusName), input.Name as string);
  return { ...ruleOutput(rule), CreatedBy: rule.CreatedBy };
};

export const listRules: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const bus = busNameOf(ctx, input.EventBusName);
  await requireBus(ctx.store, scope, bus);
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  const rules = (await rulesOf(ctx.store, scope, bus)).filter((r) => r.Name.startsWith(prefix));
  const { page: shown, NextToken } = page(rules, input.Limit, input.NextToken);
  return { Rules: shown.map(ruleOutput), NextToken };
};

export const deleteRule: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const bus = busNameOf(ctx, input.EventBusName);
  const name = input.Name as string;
  await requireBus(ctx.store, scope, bus);
  await ctx.store.transaction(async (tx) => {
    const rule = await findRule(tx, scope, bus, name);
    if (!rule) return;
    if (rule.Targets.length > 0) throw validation("Rule can't be deleted since it has targets.");
    await tx.delete(scope, KIND.rule, ruleId(bus, name));
    await tx.delete(scope, KIND.schedule, ruleId(bus, name));
  });
  return {};
};

async function setState(ctx: RequestContext, input: Record<string, unknown>, state: RuleState): Promise<OperationOutput> {
  const scope = callerScope(ctx);
  const bus = busNameOf(ctx, input.EventBusName);
  await ctx.store.transaction(async (tx) => {
    const rule = await requireRule(tx, scope, bus, input.Name as string);
    await tx.put(scope, KIND.rule, ruleId(bus, rule.Name), { ...rule, State: state });
  });
  return {};
}

export const enableRule: OperationHandler = (ctx, input) => setState(ctx, input, 'ENABLED');
export const disableRule: OperationHandler = (ctx, input) => setState(ctx, input, 'DISABLED');
