import type { Principal } from '../accounts/principal.js';
import type { Store } from '../store/index.js';

/** What a service handler knows about the call; it never sees HTTP. */
export interface RequestContext {
  requestId: string;
  service: string;
  operation: string;
  /** The region the request was signed for (or the default region). */
  region: string;
  /** The account the caller belongs to. */
  account: string;
  principal: Principal;
  sourceIp: string;
  userAgent: string;
  receivedAt: Date;
  store: Store;
}

export type OperationInput = Record<string, unknown>;
export type OperationOutput = Record<string, unknown>;

/** `(ctx, input) => output`, or it throws an AwsError. */
export type OperationHandler = (ctx: RequestContext, input: OperationInput) => Promise<OperationOutput> | OperationOutput;

export interface ServiceDefinition {
  /** The model name (`sts`, `kms`, `cognito-idp`, …). */
  name: string;
  /** Implemented operations; every other modelled operation answers NotImplemented. */
  operations: Record<string, OperationHandler>;
}
