import { AwsError } from '../../core/aws-error.js';
import type { OperationModel, ServiceModel } from '../../models/index.js';
import type { ProtocolCodec, ResponseContext } from '../codec.js';
import type { HttpRequest, HttpResponse } from '../http.js';
import { validationMessage } from '../validate.js';
import { serializationException } from './errors.js';
import { readInput } from './read-input.js';
import { resolveTarget } from './resolve-target.js';
import { errorParts } from './write-error.js';
import { shapeWriter } from './write-output.js';

/**
 * The AWS JSON RPC protocol (awsJson1_0 and awsJson1_1), used by KMS, Secrets Manager,
 * CloudTrail, Organizations, SSM, EventBridge, Config, ACM, ACM PCA, Cognito user pools…
 *
 * Request: `POST /`, `X-Amz-Target: {targetPrefix}.{Operation}`, a JSON body of the input
 * members (an empty body reads as `{}`). Response: 200, `Content-Type:
 * application/x-amz-json-{jsonVersion}`, `x-amzn-RequestId`, a JSON body of the output members
 * (`{}` when there are none). Errors: `{"__type": code, "message": …}` plus modelled fields,
 * with `x-amzn-RequestId` and `x-amzn-ErrorType` headers.
 */
function contentType(model: ServiceModel): string {
  return `application/x-amz-json-${model.metadata.jsonVersion ?? '1.0'}`;
}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw serializationException(`Malformed JSON request body: ${(err as Error).message}`);
  }
}

export const jsonCodec: ProtocolCodec = {
  resolveOperation(req: HttpRequest, model: ServiceModel): OperationModel {
    return resolveTarget(req, model);
  },

  parseRequest(req: HttpRequest, model: ServiceModel, op: OperationModel): Record<string, unknown> {
    const json = parseBody(req.body);
    if (json === null) return {};
    try {
      return readInput(model, op.input?.shape, json);
    } catch (err) {
      if (err instanceof AwsError) throw err;
      // A stack overflow or a bug in a reader must still reach the client as a 400.
      throw serializationException('The request body could not be deserialized.');
    }
  },

  serializeResponse(model: ServiceModel, op: OperationModel, output: Record<string, unknown>, ctx: ResponseContext): HttpResponse {
    const body = op.output ? shapeWriter(model, op.output.shape)(output ?? {}) : {};
    return {
      status: op.http.responseCode ?? 200,
      headers: { 'content-type': contentType(model), 'x-amzn-requestid': ctx.requestId },
      body: JSON.stringify(body),
    };
  },

  serializeError(model: ServiceModel, _op: OperationModel | undefined, error: AwsError, ctx: ResponseContext): HttpResponse {
    const { status, body } = errorParts(model, error);
    return {
      status,
      headers: {
        ...lowerCaseKeys(error.headers),
        'content-type': contentType(model),
        'x-amzn-requestid': ctx.requestId,
        'x-amzn-errortype': error.code,
      },
      body: JSON.stringify(body),
    };
  },

  validationError(violations: string[]): AwsError {
    return new AwsError('ValidationException', validationMessage(violations), { status: 400 });
  },
};

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}
