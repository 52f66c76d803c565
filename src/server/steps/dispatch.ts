import { operationHandler } from '../../services/registry.js';
import type { OperationOutput, RequestContext } from '../../services/types.js';

/** Step 6 — dispatch: the service's handler, `(ctx, input) => output`. */
export async function dispatch(ctx: RequestContext, input: Record<string, unknown>): Promise<OperationOutput> {
  return (await operationHandler(ctx.service, ctx.operation)(ctx, input)) ?? {};
}
