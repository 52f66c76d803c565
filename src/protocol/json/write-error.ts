import type { AwsError } from '../../core/aws-error.js';
import type { ServiceModel, Shape } from '../../models/index.js';
import { formatTimestamp } from '../shared/timestamps.js';
import { shapeWriter } from './write-output.js';

/**
 * The body and status of an AWS JSON error response:
 * `{"__type":"NotFoundException","message":"…", …modelled fields}`.
 *
 * - `__type` is the bare error code (the SDK v3 resolves it in the service's own namespace; a
 *   namespaced `com.amazonaws.kms#NotFoundException` would also parse, but a foreign
 *   namespace would not, so the bare form is the safe one).
 * - The message key is the error shape's own member name: `Message` where the model spells it
 *   so (Secrets Manager, CloudTrail), `message` otherwise. SDK v3 and botocore read both.
 * - Status: an explicit non-400 AwsError status wins; otherwise the error shape's
 *   `httpStatusCode`, else 500 for a modelled server fault, else the AwsError's own status.
 */
export interface JsonErrorParts {
  status: number;
  body: Record<string, unknown>;
}

interface ErrorShapeInfo {
  shapeName: string;
  shape: Shape;
}

const errorShapesByModel = new WeakMap<ServiceModel, Map<string, ErrorShapeInfo>>();

/** The model's error shape for a code: by shape name, or by its `error.code`. */
export function findErrorShape(model: ServiceModel, code: string): ErrorShapeInfo | undefined {
  let table = errorShapesByModel.get(model);
  if (!table) {
    table = new Map();
    for (const [shapeName, shape] of Object.entries(model.shapes)) {
      if (!shape.exception) continue;
      table.set(shapeName, { shapeName, shape });
      if (shape.error?.code && !table.has(shape.error.code)) table.set(shape.error.code, { shapeName, shape });
    }
    errorShapesByModel.set(model, table);
  }
  return table.get(code);
}

function messageKey(shape: Shape | undefined): string {
  const members = shape?.members;
  if (members && !('message' in members) && 'Message' in members) return 'Message';
  return 'message';
}

export function errorParts(model: ServiceModel, error: AwsError): JsonErrorParts {
  const info = findErrorShape(model, error.code);
  const shape = info?.shape;
  let status = error.status;
  if (status === 400 && shape) status = shape.error?.httpStatusCode ?? (shape.fault ? 500 : 400);

  const body: Record<string, unknown> = { __type: error.code };
  const key = messageKey(shape);
  if (error.message) body[key] = error.message;
  const fields = error.fields ?? {};
  if (info) {
    const written = shapeWriter(model, info.shapeName)(fields) as Record<string, unknown>;
    for (const [name, value] of Object.entries(written)) {
      if (name.toLowerCase() !== 'message') body[name] = value;
    }
  } else {
    for (const [name, value] of Object.entries(fields)) {
      if (value !== undefined && value !== null && name !== '__type' && name.toLowerCase() !== 'message') body[name] = plainJson(value);
    }
  }
  return { status, body };
}

/** Fields of an unmodelled error, made JSON-safe without a shape to guide them. */
function plainJson(value: unknown): unknown {
  if (value instanceof Date) return formatTimestamp(value, 'unixTimestamp');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plainJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = plainJson(v);
    return out;
  }
  return value;
}
