import type { AwsError } from '../../core/aws-error.js';
import type { ServiceModel, Shape } from '../../models/index.js';

/**
 * The wire form of an AwsError for the XML query protocols: a code the model declares
 * (e.g. IAM's `NoSuchEntityException` shape is sent as code `NoSuchEntity`, status 404) keeps
 * the model's code and status; any other code is sent as thrown.
 */
export interface WireError {
  code: string;
  status: number;
  fault: 'Sender' | 'Receiver';
  /** The modelled error structure, when the code is one, for its extra members. */
  shape?: Shape;
}

const indexes = new WeakMap<ServiceModel, Map<string, Shape>>();

/** Error shapes by shape name and by wire code (`error.code`). */
function errorIndex(model: ServiceModel): Map<string, Shape> {
  let index = indexes.get(model);
  if (!index) {
    index = new Map();
    for (const [name, shape] of Object.entries(model.shapes)) {
      if (!shape.exception) continue;
      index.set(name, shape);
      if (shape.error?.code && !index.has(shape.error.code)) index.set(shape.error.code, shape);
    }
    indexes.set(model, index);
  }
  return index;
}

export function wireError(model: ServiceModel, error: AwsError): WireError {
  const shape = errorIndex(model).get(error.code);
  if (!shape) return { code: error.code, status: error.status, fault: error.fault };
  const code = shape.error?.code ?? error.code;
  const status = shape.error?.httpStatusCode ?? error.status;
  const fault = shape.error?.senderFault ? 'Sender' : status >= 500 || shape.fault ? 'Receiver' : error.fault;
  return { code, status, fault, shape };
}

/** The modelled error's extra members (everything but its message), from the error's fields. */
export function errorFields(shape: Shape | undefined, error: AwsError): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (!shape?.members) return fields;
  for (const name of Object.keys(shape.members)) {
    if (name.toLowerCase() === 'message') continue;
    if (error.fields[name] !== undefined) fields[name] = error.fields[name];
  }
  return fields;
}
