/**
 * The account password policy: UpdateAccountPasswordPolicy, GetAccountPasswordPolicy,
 * DeleteAccountPasswordPolicy, the check CreateLoginProfile/UpdateLoginProfile/ChangePassword
 * apply, and ChangePassword (an IAM user changes its own console password).
 */
import { AwsError } from '../../core/aws-error.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { iamScope, noSuchEntity } from './common.js';

const POLICY_KIND = 'iam:password-policy';
const POLICY_ID = 'account';

export interface PasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** The account's own policy, or undefined when it has none (IAM's default policy applies). */
export async function accountPasswordPolicy(ops: StoreOps, scope: Scope): Promise<PasswordPolicy | undefined> {
  return (await ops.get<PasswordPolicy>(scope, POLICY_KIND, POLICY_ID))?.value;
}

export function passwordPolicyViolation(message: string): AwsError {
  return new AwsError('PasswordPolicyViolation', message, { status: 400 });
}

/** The symbols IAM's RequireSymbols accepts. */
const SYMBOLS = /[!@#$%^&*()_+\-=[\]{}|']/;

/** Throws PasswordPolicyViolation (worded as IAM words each rule) when `password` breaks `policy`. */
export function checkAgainstPolicy(policy: PasswordPolicy, password: string): void {
  if (password.length < policy.MinimumPasswordLength) throw passwordPolicyViolation(`Password should have a minimum length of ${policy.MinimumPasswordLength}`);
  if (policy.RequireSymbols && !SYMBOLS.test(password)) throw passwordPolicyViolation('Password should have at least one symbol');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw passwordPolicyViolation('Password should have at least one number');
  if (policy.RequireUppercaseCharacters && !/[A-Z]/.test(password)) throw passwordPolicyViolation('Password should have at least one uppercase letter');
  if (policy.RequireLowercaseCharacters && !/[a-z]/.test(password)) throw passwordPolicyViolation('Password should have at least one lowercase letter');
}

export const updateAccountPasswordPolicy: OperationHandler = async (ctx, input) => {
  // Members left out take their defaults (not their previous values), as IAM documents.
  const policy: PasswordPolicy = {
    MinimumPasswordLength: (input.MinimumPasswordLength as number | undefined) ?? 6,
    RequireSymbols: input.RequireSymbols === true,
    RequireNumbers: input.RequireNumbers === true,
    RequireUppercaseCharacters: input.RequireUppercaseCharacters === true,
    RequireLowercaseCharacters: input.RequireLowercaseCharacters === true,
    AllowUsersToChangePassword: input.AllowUsersToChangePassword === true,
    ExpirePasswords: typeof input.MaxPasswordAge === 'number',
    MaxPasswordAge: input.MaxPasswordAge as number | undefined,
    PasswordReusePrevention: input.PasswordReusePrevention as number | undefined,
    HardExpiry: input.HardExpiry as boolean | undefined,
  };
  await ctx.store.put(iamScope(ctx), POLICY_KIND, POLICY_ID, policy);
  return {};
};

export const getAccountPasswordPolicy: OperationHandler = async (ctx) => {
  const policy = await accountPasswordPolicy(ctx.store, iamScope(ctx));
  if (!policy) throw noSuchEntity(`The Password Policy with domain name ${ctx.account} cannot be found.`);
  return { PasswordPolicy: policy };
};

export const deleteAccountPasswordPolicy: OperationHandler = async (ctx) => {
  if (!(await ctx.store.delete(iamScope(ctx), POLICY_KIND, POLICY_ID))) {
    throw noSuchEntity(`The account policy with name PasswordPolicy cannot be found.`);
  }
  return {};
};
