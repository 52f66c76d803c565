/**
 * Console passwords: CreateLoginProfile, GetLoginProfile, UpdateLoginProfile,
 * DeleteLoginProfile. Only a salted scrypt hash of the password is stored; the password is
 * never returned or logged. Passwords must meet the account's password policy, or IAM's default
 * one when the account has none.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { entityAlreadyExists, iamScope, noSuchEntity, nowIso, toDate } from './common.js';
import { CHILD, childId, type EntityRecord } from './entities.js';
import { accountPasswordPolicy, checkAgainstPolicy } from './password-policy.js';
import { targetUser } from './users.js';

export interface LoginProfile {
  CreateDate: string;
  PasswordResetRequired: boolean;
  /** scrypt$<salt hex>$<hash hex> */
  passwordHash: string;
}

export const profileId = (user: EntityRecord) => childId(user.Id, 'profile');

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('hex')}$${scryptSync(password, salt, 32).toString('hex')}`;
}

/**
 * The account's password policy when it has one; else IAM's default password policy: at least
 * 8 characters, three of the four character classes, and not the user name.
 */
export async function checkPassword(ops: StoreOps, scope: Scope, password: string, user: EntityRecord): Promise<void> {
  const policy = await accountPasswordPolicy(ops, scope);
  if (policy) return checkAgainstPolicy(policy, password);
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < 8 || classes < 3 || password.toLowerCase() === user.Name.toLowerCase()) {
    throw new AwsError('PasswordPolicyViolation', 'Password does not conform to the account password policy.', { status: 400 });
  }
}

function output(user: EntityRecord, p: LoginProfile): Record<string, unknown> {
  return { LoginProfile: { UserName: user.Name, CreateDate: toDate(p.CreateDate), PasswordResetRequired: p.PasswordResetRequired } };
}

function noProfile(user: EntityRecord): Error {
  return noSuchEntity(`Login Profile for User ${user.Name} cannot be found.`);
}

export const createLoginProfile: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  return ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    if (typeof input.Password !== 'string') throw new AwsError('InvalidInput', 'Password is required.', { status: 400 });
    if (await tx.get(scope, CHILD.loginProfile, profileId(user))) throw entityAlreadyExists(`Login Profile for user ${user.Name} already exists.`);
    await checkPassword(tx, scope, input.Password, user);
    const profile: LoginProfile = { CreateDate: nowIso(), PasswordResetRequired: input.PasswordResetRequired === true, passwordHash: hashPassword(input.Password) };
    await tx.put(scope, CHILD.loginProfile, profileId(user), profile);
    return output(user, profile);
  });
};

export const getLoginProfile: OperationHandler = async (ctx, input) => {
  const user = await targetUser(ctx, ctx.store, input.UserName);
  const found = await ctx.store.get<LoginProfile>(iamScope(ctx), CHILD.loginProfile, profileId(user));
  if (!found) throw noProfile(user);
  return output(user, found.value);
};

export const updateLoginProfile: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    const found = await tx.get<LoginProfile>(scope, CHILD.loginProfile, profileId(user));
    if (!found) throw noProfile(user);
    const updated = { ...found.value };
    if (typeof input.Password === 'string') {
      await checkPassword(tx, scope, input.Password, user);
      updated.passwordHash = hashPassword(input.Password);
    }
    if (typeof input.PasswordResetRequired === 'boolean') updated.PasswordResetRequired = input.PasswordResetRequired;
    await tx.put(scope, CHILD.loginProfile, found.id, updated);
  });
  return {};
};

export const deleteLoginProfile: OperationHandler = async (ctx, input) => {
  const user = await targetUser(ctx, ctx.store, input.UserName);
  if (!(await ctx.store.delete(iamScope(ctx), CHILD.loginProfile, profileId(user)))) throw noProfile(user);
  return {};
};
