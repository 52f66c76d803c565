/**
 * CreateAutomationRule, BatchGetAutomationRules, BatchUpdateAutomationRules,
 * BatchDeleteAutomationRules and ListAutomationRules. Criteria are checked as filters
 * (automation rules allow CONTAINS and NOT_CONTAINS on maps); the one action is a
 * FINDING_FIELDS_UPDATE. At most 100 rules per account and Region.
 */
import { compileFilters, FilterError } from '../../securityhub/filters/compile.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { KIND, newUuid, nowIso, type Tags } from './common.js';
import { invalidInput, limitExceeded } from './errors.js';
import { callerScope, requireHub } from './hubs.js';
import { paginate } from './pagination.js';
import { readRules, ruleArn, ruleIdOf, type RuleRecord } from './automation-rule-records.js';

const MAX_RULES = 100;

type Unprocessed = { RuleArn: string; ErrorCode: number; ErrorMessage: string };

// Unconfirmed wording (the errors of this file).
function checkRule(criteria: unknown, actions: unknown): void {
  try {
    compileFilters(criteria, { automationRules: true });
  } catch (err) {
    if (err instanceof FilterError) throw invalidInput(err.message);
    throw err;
  }
  if (actions === undefined) return;
  for (const action of actions as Array<Record<string, unknown>>) {
    const update = action.FindingFieldsUpdate as Record<string, unknown> | undefined;
    if (action.Type !== 'FINDING_FIELDS_UPDATE' || !update || Object.keys(update).length === 0) throw invalidInput('An automation rule action must be a FINDING_FIELDS_UPDATE naming at least one field to update.');
  }
}

function config(rule: RuleRecord): Record<string, unknown> {
  const { Tags: _tags, ...rest } = rule;
  return rest;
}

function metadata(rule: RuleRecord): Record<string, unknown> {
  const { Tags: _tags, Criteria: _criteria, Actions: _actions, ...rest } = rule;
  return rest;
}

export const createAutomationRule: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  checkRule(input.Criteria, input.Actions);
  const scope = callerScope(ctx);
  const id = newUuid();
  const now = nowIso();
  const rule: RuleRecord = {
    RuleArn: ruleArn(scope, id),
    RuleStatus: input.RuleStatus === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    RuleOrder: input.RuleOrder as number,
    RuleName: input.RuleName as string,
    Description: input.Description as string,
    IsTerminal: input.IsTerminal === true,
    Criteria: input.Criteria as Record<string, unknown>,
    Actions: input.Actions as RuleRecord['Actions'],
    CreatedAt: now,
    UpdatedAt: now,
    CreatedBy: ctx.principal.arn,
    Tags: { ...(input.Tags as Tags | undefined) },
  };
  await ctx.store.transaction(async (tx) => {
    if ((await tx.list(scope, KIND.rule)).items.length >= MAX_RULES) throw limitExceeded(`An account can have at most ${MAX_RULES} automation rules in a Region.`);
    await tx.put(scope, KIND.rule, id, rule);
  });
  return { RuleArn: rule.RuleArn };
};

const notFound = (arn: unknown): Unprocessed => ({ RuleArn: String(arn), ErrorCode: 404, ErrorMessage: 'Rule not found.' });

export const batchGetAutomationRules: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const scope = callerScope(ctx);
  const rules: Record<string, unknown>[] = [];
  const unprocessed: Unprocessed[] = [];
  for (const arn of (input.AutomationRulesArns as unknown[] | undefined) ?? []) {
    const id = ruleIdOf(scope, arn);
    const rule = id === undefined ? undefined : (await ctx.store.get<RuleRecord>(scope, KIND.rule, id))?.value;
    if (rule) rules.push(config(rule));
    else unprocessed.push(notFound(arn));
  }
  return { Rules: rules, UnprocessedAutomationRules: unprocessed };
};

const UPDATABLE = ['RuleStatus', 'RuleOrder', 'Description', 'RuleName', 'IsTerminal', 'Criteria', 'Actions'] as const;

async function updateOne(ctx: RequestContext, item: OperationInput): Promise<Unprocessed | undefined> {
  const scope = callerScope(ctx);
  const id = ruleIdOf(scope, item.RuleArn);
  if (id === undefined) return notFound(item.RuleArn);
  checkRule(item.Criteria ?? {}, item.Actions);
  const found = await ctx.store.transaction(async (tx) => {
    const rule = (await tx.get<RuleRecord>(scope, KIND.rule, id))?.value;
    if (!rule) return false;
    const next: RuleRecord = { ...rule, UpdatedAt: nowIso() };
    for (const field of UPDATABLE) if (item[field] !== undefined) (next as unknown as Record<string, unknown>)[field] = item[field];
    await tx.put(scope, KIND.rule, id, next);
    return true;
  });
  return found ? undefined : notFound(item.RuleArn);
}

export const batchUpdateAutomationRules: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const processed: string[] = [];
  const unprocessed: Unprocessed[] = [];
  for (const item of (input.UpdateAutomationRulesRequestItems as OperationInput[] | undefined) ?? []) {
    const failure = await updateOne(ctx, item);
    if (failure) unprocessed.push(failure);
    else processed.push(String(item.RuleArn));
  }
  return { ProcessedAutomationRules: processed, UnprocessedAutomationRules: unprocessed };
};

export const batchDeleteAutomationRules: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const scope = callerScope(ctx);
  const processed: string[] = [];
  const unprocessed: Unprocessed[] = [];
  for (const arn of (input.AutomationRulesArns as unknown[] | undefined) ?? []) {
    const id = ruleIdOf(scope, arn);
    if (id !== undefined && (await ctx.store.delete(scope, KIND.rule, id))) processed.push(String(arn));
    else unprocessed.push(notFound(arn));
  }
  return { ProcessedAutomationRules: processed, UnprocessedAutomationRules: unprocessed };
};

export const listAutomationRules: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const rules = (await readRules(ctx.store, callerScope(ctx))).sort((a, b) => a.RuleOrder - b.RuleOrder || (a.UpdatedAt < b.UpdatedAt ? -1 : 1));
  const { page, NextToken } = paginate(rules, input.MaxResults, input.NextToken);
  return { AutomationRulesMetadata: page.map(metadata), ...(NextToken && { NextToken }) };
};
