/**
 * ChangePassword: the calling IAM user replaces its own console password. The old password
 * must match the stored hash; the new one must meet the account's password policy (or IAM's
 * default). Whether the user may call it at all is the authorize step's business
 * (iam:ChangePassword on its own user).
 */
import { scryptSync, timingSafeEqual } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler } from '../types.js';
import { iamScope, noSuchEntity } from './common.js';
import { CHILD } from './entities.js';
import { checkPassword, hashPassword, profileId, type LoginProfile } from './login-profiles.js';
import { callerUser } from './users.js';

/** Whether `password` matches a `scrypt$<salt>$<hash>` record, in constant time. */
export function passwordMatches(password: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

export const changePassword: OperationHandler = async (ctx, input) => {
  if (ctx.principal.type !== 'IAMUser') throw new AwsError('InvalidUserType', 'Only IAM users can change their own password.', { status: 400 });
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const user = await callerUser(ctx, tx);
    const found = await tx.get<LoginProfile>(scope, CHILD.loginProfile, profileId(user));
    if (!found) throw noSuchEntity(`Login Profile for User ${user.Name} cannot be found.`);
    if (!passwordMatches(input.OldPassword as string, found.value.passwordHash)) {
      throw new AwsError('InvalidUserType', 'The old password is incorrect.', { status: 400 });
    }
    await checkPassword(tx, scope, input.NewPassword as string, user);
    await tx.put(scope, CHILD.loginProfile, found.id, { ...found.value, passwordHash: hashPassword(input.NewPassword as string), PasswordResetRequired: false });
  });
  return {};
};
