/**
 * Key policies: GetKeyPolicy, PutKeyPolicy, ListKeyPolicies. A KMS key has exactly one key
 * policy, named `default`. PutKeyPolicy checks the document (MalformedPolicyDocumentException)
 * and, unless bypassed, that the caller can still change it afterwards (lockout safety check).
 */
import type { OperationHandler } from '../types.js';
import { findKey, notFound, paginate, saveKey } from './common.js';
import { refuseAwsManaged } from './key-lifecycle.js';
import { checkKeyPolicy } from './key-policy-rules.js';

export const DEFAULT_POLICY_NAME = 'default';

function checkPolicyName(name: unknown): void {
  if (name !== undefined && name !== DEFAULT_POLICY_NAME) {
    // Unconfirmed wording: the only valid policy name is `default`.
    throw notFound(`No such policy exists: ${String(name)}. The only valid policy name is default.`);
  }
}

export const getKeyPolicy: OperationHandler = async (ctx, input) => {
  checkPolicyName(input.PolicyName);
  const { record } = await findKey(ctx.store, ctx, input.KeyId as string, { allowAlias: false });
  return { Policy: record.Policy, PolicyName: DEFAULT_POLICY_NAME };
};

export const putKeyPolicy: OperationHandler = async (ctx, input) => {
  checkPolicyName(input.PolicyName);
  await ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    refuseAwsManaged(ctx, found.record, 'PutKeyPolicy');
    const policy = input.Policy as string;
    checkKeyPolicy(ctx, policy, found.record.Arn, input.BypassPolicyLockoutSafetyCheck === true);
    found.record.Policy = policy;
    await saveKey(tx, found);
  });
  return {};
};

export const listKeyPolicies: OperationHandler = async (ctx, input) => {
  await findKey(ctx.store, ctx, input.KeyId as string, { allowAlias: false });
  const { page, NextMarker, Truncated } = paginate([DEFAULT_POLICY_NAME], (n) => n, input);
  return { PolicyNames: page, ...(NextMarker ? { NextMarker } : {}), Truncated };
};
