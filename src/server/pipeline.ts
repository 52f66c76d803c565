import { randomUUID } from 'node:crypto';
import type { MasterKey } from '../crypto/master-key.js';
import type { CredentialDirectory } from '../accounts/credential-directory.js';
import { AwsError, internalFailure } from '../core/aws-error.js';
import { peersInSync } from '../core/peers.js';
import type { ServiceEventBus } from '../core/service-events.js';
import type { EventHistory } from '../cloudtrail/event-history.js';
import type { Recorder } from '../cloudtrail/recorder.js';
import { loadServiceModel, type OperationModel, type ProtocolName } from '../models/index.js';
import type { ProtocolCodec } from '../protocol/codec.js';
import type { HttpRequest, HttpResponse } from '../protocol/http.js';
import type { RequestContext } from '../services/types.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Store } from '../store/index.js';
import type { Logger } from './logger.js';
import { createAuthenticator } from './steps/authenticate.js';
import type { Authorizer } from './steps/authorize.js';
import { dispatch } from './steps/dispatch.js';
import { settleBody } from './steps/body.js';
import { parseInput } from './steps/parse.js';
import { routeRequest } from './steps/route.js';

/**
 * The request pipeline, in order:
 *   1 route         which service (X-Amz-Target, credential scope, Host, Version; else S3)
 *   2 resolve       which operation (the protocol codec; its error waits until after step 3)
 *   3 authenticate  SigV4 → principal
 *   4 parse         input from the wire, validated against the model
 *   5 authorize     the IAM engine (a hook until issue #3)
 *   6 dispatch      the service handler
 *   7 serialize     output or AwsError → the protocol's wire shape
 *   8 observe       hooks after the response is built (CloudTrail, event bus; later issues)
 *   9 record        CloudTrail: the call's records reach the journal before the answer leaves
 *  10 in sync       with several workers, the answer waits until siblings dropped caches this call made stale
 */
export interface PipelineDeps {
  store: Store;
  masterKey: MasterKey;
  blobs: BlobStore;
  credentials: CredentialDirectory;
  codecs: Record<ProtocolName, ProtocolCodec>;
  authorize: Authorizer;
  defaultRegion: string;
  logger: Logger;
  observers: RequestObserver[];
  /** CloudTrail: records every answered call; the answer waits until its record is durable. */
  recorder?: Recorder;
  /** Event history for LookupEvents. */
  eventHistory?: EventHistory;
  /** Where services publish the events they emit to EventBridge. */
  serviceEvents?: ServiceEventBus;
}

/** Sees every answered AWS request (success or error); must not throw. */
export type RequestObserver = (event: { ctx?: RequestContext; service: string; operation?: string; error?: AwsError; req: HttpRequest; response?: HttpResponse }) => void;

export function createPipeline(deps: PipelineDeps): (req: HttpRequest) => Promise<HttpResponse> {
  const authenticate = createAuthenticator(deps.credentials);
  return async (req) => {
    const requestId = randomUUID();
    const route = routeRequest(req);
    const model = loadServiceModel(route.service);
    const codec = deps.codecs[model.metadata.protocol];
    let op: OperationModel | undefined;
    let ctx: RequestContext | undefined;
    let input: Record<string, unknown> | undefined;
    try {
      let resolveError: unknown;
      try {
        op = codec.resolveOperation(req, model);
      } catch (err) {
        resolveError = err;
      }
      await settleBody(req, codec, model, op);
      const auth = await authenticate(req, model, op);
      if (resolveError !== undefined || !op) throw resolveError;
      ctx = {
        requestId,
        service: model.name,
        operation: op.name,
        region: auth.region ?? route.region ?? deps.defaultRegion,
        account: auth.principal.account,
        principal: auth.principal,
        sourceIp: req.sourceIp,
        userAgent: req.headers['user-agent'] ?? '',
        receivedAt: new Date(),
        store: deps.store,
        masterKey: deps.masterKey,
        blobs: deps.blobs,
        presigned: auth.presigned,
        eventHistory: deps.eventHistory,
        serviceEvents: deps.serviceEvents,
      };
      input = parseInput(codec, req, model, op);
      await deps.authorize(ctx, op, input);
      const output = await dispatch(ctx, input);
      const response = codec.serializeResponse(model, op, output, { requestId });
      if (deps.observers.length > 0) notify(deps, { ctx, service: model.name, operation: op.name, req, response });
      const recorded = deps.recorder?.({ ctx, requestId, model, op, input, output, req, defaultRegion: deps.defaultRegion });
      if (recorded) await recorded;
      const sync = peersInSync();
      if (sync) await sync;
      return response;
    } catch (err) {
      const error = err instanceof AwsError ? err : unexpected(deps.logger, err, model.name, op?.name);
      const response = codec.serializeError(model, op, error, { requestId });
      if (deps.observers.length > 0) notify(deps, { ctx, service: model.name, operation: op?.name, error, req, response });
      try {
        const recorded = deps.recorder?.({ ctx, requestId, model, op, input, error, req, defaultRegion: deps.defaultRegion });
        if (recorded) await recorded;
      } catch (recordError) {
        deps.logger.error('recording the CloudTrail event failed', { err: recordError, service: model.name, operation: op?.name });
      }
      const sync = peersInSync();
      if (sync) await sync;
      return response;
    }
  };
}

function unexpected(logger: Logger, err: unknown, service: string, operation?: string): AwsError {
  logger.error('unexpected error', { service, operation, err });
  return internalFailure();
}

function notify(deps: PipelineDeps, event: Parameters<RequestObserver>[0]): void {
  for (const observer of deps.observers) {
    try {
      observer(event);
    } catch (err) {
      deps.logger.error('request observer failed', { err });
    }
  }
}
