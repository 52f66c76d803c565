/**
 * Custom actions (action targets): CreateActionTarget (Id of up to 20 letters and digits, Name
 * of up to 20 characters, at most 50 per account and Region), DescribeActionTargets,
 * UpdateActionTarget and DeleteActionTarget. Invoking one on findings (Bulwark has no console)
 * goes through custom-action.ts.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { arnPrefix, KIND, type ActionTargetRecord } from './common.js';
import { conflict, invalidInput, limitExceeded, resourceNotFound } from './errors.js';
import { callerScope, requireHub } from './hubs.js';
import { paginate } from './pagination.js';

const MAX_TARGETS = 50;

export const actionTargetArn = (scope: Scope, id: string): string => `${arnPrefix(scope.region, scope.account)}:action/custom/${id}`;

/** The custom action id of an action target ARN of `scope`, or undefined. */
export function actionTargetIdOf(scope: Scope, arn: unknown): string | undefined {
  const prefix = `${arnPrefix(scope.region, scope.account)}:action/custom/`;
  return typeof arn === 'string' && arn.startsWith(prefix) && /^[A-Za-z0-9]{1,20}$/.test(arn.slice(prefix.length)) ? arn.slice(prefix.length) : undefined;
}

export async function readActionTarget(ops: StoreOps, scope: Scope, arn: unknown): Promise<{ id: string; target: ActionTargetRecord } | undefined> {
  const id = actionTargetIdOf(scope, arn);
  const target = id === undefined ? undefined : (await ops.get<ActionTargetRecord>(scope, KIND.actionTarget, id))?.value;
  return target && id !== undefined ? { id, target } : undefined;
}

// Unconfirmed wording (the errors of this file).
async function requireActionTarget(ops: StoreOps, scope: Scope, arn: unknown): Promise<{ id: string; target: ActionTargetRecord }> {
  const found = await readActionTarget(ops, scope, arn);
  if (!found) throw resourceNotFound('Action target', String(arn));
  return found;
}

function checkName(name: unknown): void {
  if (typeof name === 'string' && name.length > 20) throw invalidInput('The Name of a custom action can contain at most 20 characters.');
}

export const createActionTarget: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const id = input.Id as string;
  if (!/^[A-Za-z0-9]{1,20}$/.test(id)) throw invalidInput('The Id of a custom action can contain at most 20 alphanumeric characters.');
  checkName(input.Name);
  const scope = callerScope(ctx);
  const target: ActionTargetRecord = { ActionTargetArn: actionTargetArn(scope, id), Name: input.Name as string, Description: input.Description as string };
  await ctx.store.transaction(async (tx) => {
    if (await tx.get(scope, KIND.actionTarget, id)) throw conflict(`The custom action ${target.ActionTargetArn} already exists.`);
    if ((await tx.list(scope, KIND.actionTarget)).items.length >= MAX_TARGETS) throw limitExceeded(`An account can have at most ${MAX_TARGETS} custom actions in a Region.`);
    await tx.put(scope, KIND.actionTarget, id, target);
  });
  return { ActionTargetArn: target.ActionTargetArn };
};

export const describeActionTargets: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const scope = callerScope(ctx);
  const arns = input.ActionTargetArns as string[] | undefined;
  const all = (await ctx.store.list<ActionTargetRecord>(scope, KIND.actionTarget)).items.map((i) => i.value);
  const targets = arns && arns.length > 0 ? all.filter((t) => arns.includes(t.ActionTargetArn)) : all;
  const { page, NextToken } = paginate(targets, input.MaxResults, input.NextToken);
  return { ActionTargets: page, ...(NextToken && { NextToken }) };
};

export const updateActionTarget: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  checkName(input.Name);
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const { id, target } = await requireActionTarget(tx, scope, input.ActionTargetArn);
    await tx.put(scope, KIND.actionTarget, id, { ...target, ...(input.Name !== undefined && { Name: input.Name as string }), ...(input.Description !== undefined && { Description: input.Description as string }) });
  });
  return {};
};

export const deleteActionTarget: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const scope = callerScope(ctx);
  const { id, target } = await requireActionTarget(ctx.store, scope, input.ActionTargetArn);
  await ctx.store.delete(scope, KIND.actionTarget, id);
  return { ActionTargetArn: target.ActionTargetArn };
};
