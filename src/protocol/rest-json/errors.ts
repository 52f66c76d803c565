import { AwsError } from '../../core/aws-error.js';
import type { ServiceModel } from '../../models/index.js';
import type { ResponseContext } from '../codec.js';
import type { HttpResponse } from '../http.js';
import { validationMessage } from '../validate.js';
import { writeJsonValue } from './json-writer.js';
import type { RestJsonQuirks } from './service-quirks.js';

/**
 * rest-json errors on the wire: the status, `x-amzn-ErrorType: {code}` (what the SDKs read
 * first), `x-amzn-RequestId`, and a JSON body of the error shape's modelled members under
 * their JSON names — the message in the shape's Message member (GuardDuty `message`, Security
 * Hub `Message`), else in `message`; a modelled `Code` member carries the code.
 *
 * The protocol's own errors (smithy restJson1 front ends): a body or a bound value that
 * cannot be read is a 400 `SerializationException`; constraint violations a 400
 * `ValidationException` ("1 validation error detected: …"); no matching route a 404
 * `UnknownOperationException`. Services override these in their quirks files.
 */
export function serializationException(detail: string): AwsError {
  return new AwsError('SerializationException', detail, { status: 400 });
}

export function validationException(violations: string[]): AwsError {
  return new AwsError('ValidationException', validationMessage(violations), { status: 400 });
}

export function unknownOperationException(method: string, path: string): AwsError {
  return new AwsError('UnknownOperationException', `No operation matches ${method} ${path}.`, { status: 404 });
}

export function writeRestJsonError(model: ServiceModel, error: AwsError, ctx: ResponseContext, quirks: RestJsonQuirks): HttpResponse {
  const body = errorBody(model, error);
  quirks.errorBody?.(body, error);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(error.headers)) headers[k.toLowerCase()] = v;
  headers['x-amzn-requestid'] = ctx.requestId;
  headers['x-amzn-errortype'] = error.code;
  headers['content-type'] = 'application/json';
  return { status: error.status, headers, body: JSON.stringify(body) };
}

function errorBody(model: ServiceModel, error: AwsError): Record<string, unknown> {
  const shape = model.shapes[error.code];
  const body: Record<string, unknown> = {};
  if (!shape?.exception) {
    body.message = error.message;
    for (const [k, v] of Object.entries(error.fields)) if (v !== undefined && v !== null && k !== 'message') body[k] = v;
    return body;
  }
  let hasMessage = false;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    let value = error.fields[name];
    if (name.toLowerCase() === 'message') {
      value = error.message;
      hasMessage = true;
    } else if (name === 'Code' && value === undefined) {
      value = error.code;
    }
    if (value !== undefined && value !== null) body[ref.locationName ?? name] = writeJsonValue(model, ref, value);
  }
  if (!hasMessage) body.message = error.message;
  return body;
}
