import type { ServiceModel, ShapeRef } from '../../models/index.js';
import type { MemberPlan } from '../rest/structure-plan.js';
import type { RestDialect } from '../rest/dialect.js';
import { createRestCodec } from '../rest/rest-codec.js';
import { serializationException, unknownOperationException, validationException, writeRestJsonError } from './errors.js';
import { JsonTypeError, readJsonDocument, readJsonValue } from './json-reader.js';
import { writeJsonMembers, writeJsonValue } from './json-writer.js';
import { quirksFor } from './service-quirks.js';

/**
 * The rest-json protocol (restJson1: GuardDuty, Security Hub, Access Analyzer…): HTTP-bound
 * members in labels, query and headers; the rest in a JSON body (`Content-Type:
 * application/json`), or the payload member as the whole body.
 */
function parseJson(model: ServiceModel, body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw malformed(model, `Malformed JSON request body: ${(err as Error).message}`);
  }
}

function malformed(model: ServiceModel, detail: string) {
  return quirksFor(model.name).malformedBody?.(detail) ?? serializationException(detail);
}

function readTyped<T>(model: ServiceModel, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof JsonTypeError) throw malformed(model, err.message);
    throw err;
  }
}

const bodyLists = new WeakMap<MemberPlan[], [string, ShapeRef][]>();

function bodyEntries(members: MemberPlan[]): [string, ShapeRef][] {
  let list = bodyLists.get(members);
  if (!list) {
    list = members.map((m) => [m.name, m.ref]);
    bodyLists.set(members, list);
  }
  return list;
}

const restJsonDialect: RestDialect = {
  contentType: 'application/json',

  requestPath(req) {
    return req.path;
  },

  readDocument(model, _shape, members, body) {
    const json = parseJson(model, body);
    return readTyped(model, () => readJsonDocument(model, members, json));
  },

  readPayload(model, member, body) {
    const json = parseJson(model, body);
    return json === null ? undefined : readTyped(model, () => readJsonValue(model, member.ref, json));
  },

  writeDocument(model, _op, _shape, members, output, status) {
    if (status === 204 || status === 304) return undefined;
    return JSON.stringify(writeJsonMembers(model, bodyEntries(members), output));
  },

  writePayload(model, member, value) {
    return JSON.stringify(writeJsonValue(model, member.ref, value));
  },

  requestIdHeaders(_model, ctx) {
    return { 'x-amzn-requestid': ctx.requestId };
  },

  badValue(model, location, wire, text, reason) {
    return quirksFor(model.name).badValue?.(wire, text)
      ?? serializationException(`Invalid value for ${location === 'uri' ? 'URI label' : location === 'header' ? 'header' : 'query parameter'} ${wire}: ${reason}`);
  },

  malformedBody(model, detail) {
    return malformed(model, detail);
  },

  unknownOperation(model, req, path) {
    return quirksFor(model.name).unknownOperation?.(req.method, path) ?? unknownOperationException(req.method, path);
  },

  serializeError(model, _op, error, ctx) {
    return writeRestJsonError(model, error, ctx, quirksFor(model.name));
  },

  validationError(violations, model) {
    return (model && quirksFor(model.name).validationError?.(violations)) ?? validationException(violations);
  },
};

export const restJsonCodec = createRestCodec(restJsonDialect);
