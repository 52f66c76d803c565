import type { OperationModel } from '../../models/index.js';
import type { RequestContext } from '../../services/types.js';

/**
 * Step 5 — authorize. The IAM policy engine plugs in here (issue #3). Until it does, an
 * authenticated root principal — the only kind the foundation issues — is allowed everything,
 * exactly as AWS treats an account's root user outside Organizations.
 */
export type Authorizer = (ctx: RequestContext, op: OperationModel, input: Record<string, unknown>) => Promise<void>;

export const allowRoot: Authorizer = async () => {};
