import type { Principal } from '../accounts/principal.js';
import type { AwsError } from '../core/aws-error.js';
import type { EventHistory } from '../cloudtrail/event-history.js';
import type { ServiceEventBus } from '../core/service-events.js';
import type { MasterKey } from '../crypto/master-key.js';
import type { ContextLayer, ContextValue, PolicyInput } from '../iam/policy/index.js';
import type { BlobStore } from '../store/blob-store.js';
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
  /** Seals secrets (key material) before they reach the store. */
  masterKey: MasterKey;
  /** Object bytes on disk (S3). */
  blobs: BlobStore;
  /** How the request was signed: in the query string (a presigned URL); absent for unsigned requests. */
  presigned?: boolean;
  /**
   * Records the authorizer read for this request (a KMS key with its policy), keyed by the
   * service; handlers reading outside a transaction may reuse them instead of reading again.
   */
  readCache?: Map<string, unknown>;
  /**
   * Decides an action the service performs on the caller's behalf during this call (S3 using a
   * KMS key: kms:GenerateDataKey / kms:Decrypt with kms:ViaService and kms:CallerAccount;
   * s3:BypassGovernanceRetention) with the caller's policies and the resource's own policy.
   * Resolves to AWS's denial wording, or undefined when allowed. Set by the authorizer for every
   * request; absent when authorization is off (then everything is allowed).
   */
  authorizeAlso?: (action: string, resource: string, context?: Record<string, ContextValue>) => Promise<string | undefined>;
  /** ARNs of the resources the call was authorized on (CloudTrail's `resources`); set by the authorizer. */
  resourceArns?: readonly string[];
  /** The account owning the call's resource when its ARN does not say (an S3 bucket); CloudTrail records cross-account calls for it too. */
  resourceAccount?: string;
  /** Calls a service made on the caller's behalf during this call (S3 → KMS), recorded by CloudTrail as the caller's, invoked by the service. */
  onBehalf?: OnBehalfCall[];
  /** CloudTrail event history (LookupEvents reads it). */
  eventHistory?: EventHistory;
  /** Events this service emits to EventBridge (Security Hub's imported findings, …). */
  serviceEvents?: ServiceEventBus;
}

/** A call a service made on the caller's behalf (CloudTrail records it with `invokedBy`). */
export interface OnBehalfCall {
  service: string;
  operation: string;
  input: Record<string, unknown>;
  /** The service that made it (`s3.amazonaws.com`). */
  invokedBy: string;
  resources?: string[];
  error?: AwsError;
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
  /** Input rules beyond the model's, checked before authorization (S3: names the store can hold). */
  checkInput?: (operation: string, input: OperationInput, raw: { headers: Record<string, string>; body: Buffer }) => void;
  /** Per operation, top-level list members whose items the service validates itself and reports one by one (Security Hub's findings). */
  validatesItems?: Record<string, readonly string[]>;
  /** What the authorizer asks a service about its own resources (resource policies, …). */
  authorization?: ServiceAuthorization;
  /** Work due by the clock (deletion windows ending, scheduled rotations), run every minute. */
  housekeeping?: (store: Store, now: Date, masterKey: MasterKey) => Promise<unknown>;
}

/** One IAM action on one resource that a call needs allowed. */
export interface AuthorizationTarget {
  action: string;
  resource: string;
  /** Request condition keys of this target only (kms:EncryptionContext:… of one side of ReEncrypt). */
  context?: Record<string, ContextValue>;
}

/** What a stored resource brings to its authorization (services may cache it: it holds nothing of the caller). */
export interface ResourceAccess {
  /** The resource's own ARN (a KMS alias resolves to its key). */
  arn: string;
  /** The account owning the resource, when the engine is to weigh a caller from another account as such (both sides must allow). */
  account?: string;
  /** The resource-based policy (a KMS key policy, a bucket policy); the engine knows which must allow. */
  policy?: { document: PolicyInput; id: string };
  /** Condition keys the resource carries: its tags as aws:ResourceTag/…, kms:KeySpec, … */
  context: Record<string, ContextValue>;
  /** A second way to allow after an implicit deny, e.g. a KMS grant for this action. */
  grantAllows?: (ctx: RequestContext, action: string, context: ReadonlyArray<ContextLayer | undefined>) => Promise<boolean>;
}

export interface ServiceAuthorization {
  /**
   * The action/resource pairs a call needs, when they differ from the generic requirement
   * (`generic`): a KMS Decrypt names its key inside the ciphertext, ReEncrypt needs two actions.
   */
  targets?(ctx: RequestContext, input: OperationInput, generic: AuthorizationTarget[]): Promise<AuthorizationTarget[]>;
  /** The stored resource an ARN of this service names; undefined when none is stored. */
  resource?(ctx: RequestContext, arn: string): Promise<ResourceAccess | undefined>;
}
