import type { OperationHandler } from '../types.js';

/** Who am I: the authenticated principal as AWS reports it (no permission is needed). */
export const getCallerIdentity: OperationHandler = (ctx) => ({
  UserId: ctx.principal.userId,
  Account: ctx.principal.account,
  Arn: ctx.principal.arn,
});
