/**
 * Key policy documents as KMS checks them on CreateKey and PutKeyPolicy: well-formed JSON the
 * policy engine compiles as a resource policy (MalformedPolicyDocumentException otherwise), at
 * most 32 KB, and — unless BypassPolicyLockoutSafetyCheck — a policy that still lets the caller
 * call PutKeyPolicy, so nobody locks themselves out of a key.
 */
import { compilePolicy, evaluate, PolicyValidationError } from '../../iam/policy/index.js';
import type { RequestContext } from '../types.js';
import { malformedPolicy } from './common.js';

export const MAX_KEY_POLICY_BYTES = 32_768;

const LOCKOUT =
  'The new key policy will not allow you to update the key policy in the future.';

export function checkKeyPolicy(ctx: RequestContext, policy: string, keyArn: string, bypassLockoutCheck: boolean): void {
  if (Buffer.byteLength(policy, 'utf8') > MAX_KEY_POLICY_BYTES) throw malformedPolicy('Policy exceeds the maximum allowed size of 32768 bytes.');
  let compiled;
  try {
    compiled = compilePolicy(policy, 'resource', keyArn);
  } catch (err) {
    if (err instanceof PolicyValidationError) throw malformedPolicy(err.message);
    throw malformedPolicy('The policy is not valid JSON.');
  }
  if (bypassLockoutCheck) return;
  const principal = ctx.principal;
  const decision = evaluate(
    { principal: { arn: principal.arn, account: principal.account, userId: principal.userId }, action: 'kms:PutKeyPolicy', resource: keyArn, context: {} },
    { identity: [compilePolicy(ALLOW_ALL, 'identity')], resource: compiled, resourcePolicyRequired: true },
  );
  if (decision.decision !== 'Allow') throw malformedPolicy(LOCKOUT);
}

const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
