import type { Readable } from 'node:stream';
import { AwsError } from '../../core/aws-error.js';
import type { OperationModel, ServiceModel } from '../../models/index.js';
import type { ProtocolCodec, ResponseContext } from '../codec.js';
import { HTTP_STATUS } from '../../core/http-status.js';
import { isBodyStream, type HttpRequest, type HttpResponse } from '../http.js';
import type { RestDialect } from './dialect.js';
import { readBoundMembers, writeBoundMembers, type BoundSources } from './http-bindings.js';
import { parseQuery } from './percent.js';
import { routerFor, type RouteMatch } from './router.js';
import { structurePlan, type MemberPlan } from './structure-plan.js';

/**
 * The REST protocols' codec, generic over rest-json and rest-xml: routing by method + path +
 * query, the HTTP bindings of input and output members, the payload member; the body format
 * and the errors come from the dialect.
 */
interface Resolved {
  model: ServiceModel;
  path: string;
  query: Map<string, string[]>;
  match?: RouteMatch;
}

/** resolveOperation's work, kept for the parseRequest that follows on the same request. */
const resolvedRequests = new WeakMap<HttpRequest, Resolved>();

function resolve(dialect: RestDialect, req: HttpRequest, model: ServiceModel): Resolved {
  const cached = resolvedRequests.get(req);
  if (cached && cached.model === model) return cached;
  const path = dialect.requestPath(req, model);
  const query = parseQuery(req.rawQuery);
  const resolved: Resolved = { model, path, query, match: routerFor(model).resolve(req.method, path, query, req.headers) };
  resolvedRequests.set(req, resolved);
  return resolved;
}

export function createRestCodec(dialect: RestDialect): ProtocolCodec {
  return {
    takesBodyStream,
    resolveOperation(req: HttpRequest, model: ServiceModel): OperationModel {
      const r = resolve(dialect, req, model);
      if (!r.match) throw dialect.unknownOperation(model, req, r.path, routerFor(model).methodsFor(r.path));
      return r.match.op;
    },

    parseRequest(req: HttpRequest, model: ServiceModel, op: OperationModel): Record<string, unknown> {
      try {
        return parseInput(dialect, req, model, op);
      } catch (err) {
        if (err instanceof AwsError) throw err;
        throw dialect.malformedBody(model, (err as Error)?.message ?? 'unreadable request');
      }
    },

    serializeResponse(model: ServiceModel, op: OperationModel, output: Record<string, unknown>, ctx: ResponseContext): HttpResponse {
      output ??= {};
      const shape = model.outputShape(op);
      const plan = structurePlan(model, shape);
      const bound = writeBoundMembers(model, plan, output);
      const status = bound.status ?? statusOf(output) ?? op.http.responseCode ?? 200;
      const headers: Record<string, string> = Object.assign(dialect.requestIdHeaders(model, ctx), bound.headers);
      let body: Buffer | string | Readable = '';
      if (plan.payload) {
        const value = output[plan.payload.name];
        if (value !== undefined && value !== null) {
          const written = writePayloadValue(dialect, model, plan.payload, value);
          body = written.body;
          headers['content-type'] ??= written.contentType;
        }
      } else {
        const doc = dialect.writeDocument(model, op, shape, plan.body, output, status);
        if (doc !== undefined) {
          body = doc;
          headers['content-type'] ??= dialect.contentType;
        }
      }
      return { status, headers, body };
    },

    serializeError(model: ServiceModel, op: OperationModel | undefined, error: AwsError, ctx: ResponseContext): HttpResponse {
      return dialect.serializeError(model, op, error, ctx);
    },

    validationError(violations: string[], model?: ServiceModel): AwsError {
      return dialect.validationError(violations, model);
    },
  };
}

function parseInput(dialect: RestDialect, req: HttpRequest, model: ServiceModel, op: OperationModel): Record<string, unknown> {
  const r = resolve(dialect, req, model);
  const match = r.match?.op === op ? r.match : routerFor(model).matchOperation(op, r.path);
  const shape = model.inputShape(op);
  const plan = structurePlan(model, shape);
  const src: BoundSources = { labels: match?.labels ?? {}, query: r.query, headers: req.headers, queryLiterals: match?.queryLiterals ?? new Set() };
  const input = readBoundMembers(model, plan, src, (location, wire, text, reason) => {
    throw dialect.badValue(model, location, wire, text, reason);
  });
  if (plan.payload && req.bodyStream && isStreamingBlob(plan.payload)) {
    input[plan.payload.name] = req.bodyStream;
  } else if (plan.payload) {
    const value = readPayloadValue(dialect, model, plan.payload, req.body);
    if (value !== undefined) input[plan.payload.name] = value;
  } else if (plan.body.length > 0 && req.body.length > 0) {
    Object.assign(input, dialect.readDocument(model, shape, plan.body, req.body));
  }
  dialect.finishInput?.(req, model, op, input);
  return input;
}

const isStreamingBlob = (m: MemberPlan): boolean => m.shape.type === 'blob' && (m.ref.streaming === true || m.shape.streaming === true);

/** Whether an operation's input takes its body as a stream (S3 PutObject, UploadPart). */
function takesBodyStream(model: ServiceModel, op: OperationModel): boolean {
  const plan = structurePlan(model, model.inputShape(op));
  return plan.payload !== undefined && isStreamingBlob(plan.payload);
}

function readPayloadValue(dialect: RestDialect, model: ServiceModel, m: MemberPlan, body: Buffer): unknown {
  switch (m.shape.type) {
    case 'blob':
      // A streaming body is always there (possibly empty); a plain blob only when sent.
      return m.ref.streaming || m.shape.streaming || body.length > 0 ? body : undefined;
    case 'string':
      return body.length > 0 ? body.toString('utf8') : undefined;
    default:
      return body.length > 0 ? dialect.readPayload(model, m, body) : undefined;
  }
}

function writePayloadValue(dialect: RestDialect, model: ServiceModel, m: MemberPlan, value: unknown): { body: Buffer | string | Readable; contentType: string } {
  switch (m.shape.type) {
    case 'blob':
      return { body: isBodyStream(value) ? value : toBuffer(value), contentType: 'application/octet-stream' };
    case 'string':
      return { body: String(value), contentType: 'text/plain' };
    default:
      return { body: dialect.writePayload(model, m, value), contentType: dialect.contentType };
  }
}

function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return Buffer.from(String(value), 'utf8');
}

/** A status the handler set on its output (HTTP_STATUS), when it is one. */
function statusOf(output: Record<string, unknown> | undefined): number | undefined {
  const status = (output as Record<PropertyKey, unknown> | undefined)?.[HTTP_STATUS];
  return typeof status === 'number' ? status : undefined;
}
