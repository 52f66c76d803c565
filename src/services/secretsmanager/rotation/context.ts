/**
 * What a rotation runs with once RotateSecret has answered (or housekeeping started it): the
 * secret's place, the token of the version being made, and a request context of Secrets
 * Manager itself (the built-in rotators act as a rotation function's role would, on the
 * secret's own account; KMS is used without a caller's policies to weigh).
 */
import type { MasterKey } from '../../../crypto/master-key.js';
import type { BlobStore } from '../../../store/blob-store.js';
import type { Scope, Store } from '../../../store/index.js';
import type { RequestContext } from '../../types.js';
import { SERVICE_PRINCIPAL } from '../common.js';

export const STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
export type Step = (typeof STEPS)[number];

/** Where a rotation's work comes from: a request's context, or housekeeping's store and key. */
export interface RotationBase {
  store: Store;
  masterKey: MasterKey;
  blobs?: BlobStore;
}

export interface RotationRun {
  base: RotationBase;
  scope: Scope;
  arn: string;
  name: string;
  /** The ClientRequestToken: the new version's id. */
  token: string;
  /** The function RotationLambdaARN names. */
  functionName: string;
}

/** A fresh context of Secrets Manager acting in the secret's account and Region (one per step). */
export function serviceContext(run: RotationRun): RequestContext {
  return {
    requestId: `rotation-${run.token}`,
    service: 'secretsmanager',
    operation: 'RotateSecret',
    region: run.scope.region,
    account: run.scope.account,
    principal: { type: 'AWSService', account: run.scope.account, arn: SERVICE_PRINCIPAL, userId: SERVICE_PRINCIPAL },
    sourceIp: '127.0.0.1',
    userAgent: SERVICE_PRINCIPAL,
    receivedAt: new Date(),
    store: run.base.store,
    masterKey: run.base.masterKey,
    // Secrets Manager never stores blobs; housekeeping has none to give.
    blobs: run.base.blobs as BlobStore,
  };
}
