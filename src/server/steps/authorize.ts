import type { OperationModel } from '../../models/index.js';
import type { RequestContext } from '../../services/types.js';

/**
 * Step 5 — authorize. The IAM policy engine decides every authenticated call
 * (src/authz/authorizer.ts: `createAuthorization`), in one of three modes chosen with
 * `--enforcement`: enforce (AccessDenied), soft (log what would be denied, allow) or off.
 * Throws the protocol's AccessDenied error to refuse; resolves to allow.
 */
export type Authorizer = (ctx: RequestContext, op: OperationModel, input: Record<string, unknown>) => Promise<void>;

/** Allows everything: what `--enforcement off` amounts to. */
export const allowAll: Authorizer = async () => {};

/** @deprecated the foundation's name for `allowAll` (only root principals existed then). */
export const allowRoot: Authorizer = allowAll;

export { createAuthorization, type AuthorizationService, type EnforcementMode } from '../../authz/authorizer.js';
