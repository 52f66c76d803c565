import { createHash } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { OperationModel, ServiceModel } from '../../models/index.js';
import type { ResponseContext } from '../codec.js';
import type { HttpResponse } from '../http.js';
import { escapeXml } from '../shared/xml.js';
import { validationMessage } from '../validate.js';
import { isS3 } from './s3.js';
import { writeXmlElement } from './xml-writer.js';

/**
 * rest-xml errors on the wire. S3: `<Error><Code/><Message/>…fields<RequestId/><HostId/></Error>`
 * with `x-amz-request-id` and `x-amz-id-2` headers. Other rest-xml services:
 * `<ErrorResponse><Error>[<Type/>]<Code/><Message/>…fields</Error><RequestId/></ErrorResponse>`
 * — S3 Control (which signs as `s3`) answers in that form without `Type`, with S3's headers and
 * a `HostId`. A HEAD response (and a 304) carries no body (the SDKs then name the error by its
 * status).
 *
 * The protocol's own errors, as S3 words them: a body that is not well-formed XML (or holds a
 * value of the wrong type) is `400 MalformedXML`; a header or query value of the wrong type
 * `400 InvalidArgument` with `ArgumentName`/`ArgumentValue`.
 */
export function malformedXml(): AwsError {
  return new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', { status: 400 });
}

export function invalidArgument(wire: string, text: string, integer: boolean): AwsError {
  const message = integer ? `Provided ${wire} not an integer or within integer range` : `Invalid value for ${wire}`;
  return new AwsError('InvalidArgument', message, { status: 400, fields: { ArgumentName: wire, ArgumentValue: text.length > 256 ? `${text.slice(0, 253)}...` : text } });
}

export function validationException(violations: string[]): AwsError {
  return new AwsError('ValidationException', validationMessage(violations), { status: 400 });
}

export function unknownOperationException(method: string, path: string): AwsError {
  return new AwsError('UnknownOperationException', `No operation matches ${method} ${path}.`, { status: 404 });
}

/** S3 Control signs as `s3` too and shares S3's request-id headers. */
export function isS3Family(model: ServiceModel): boolean {
  return model.metadata.signingName === 's3';
}

/** The `x-amz-id-2` / `<HostId>` S3 pairs with each request id. */
export function hostId(requestId: string): string {
  return createHash('sha256').update(requestId).digest('base64');
}

export function requestIdHeaders(model: ServiceModel, requestId: string): Record<string, string> {
  return isS3Family(model) ? { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId(requestId) } : { 'x-amzn-requestid': requestId };
}

export function writeRestXmlError(model: ServiceModel, op: OperationModel | undefined, error: AwsError, ctx: ResponseContext): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(error.headers)) headers[k.toLowerCase()] = v;
  Object.assign(headers, requestIdHeaders(model, ctx.requestId));
  if (op?.http.method.toUpperCase() === 'HEAD' || error.status === 304 || error.status === 204) return { status: error.status, headers, body: '' };
  headers['content-type'] = 'application/xml';
  const inner = `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${errorFields(model, error)}`;
  const ids = `<RequestId>${escapeXml(ctx.requestId)}</RequestId>`;
  const hostIdElement = isS3Family(model) ? `<HostId>${hostId(ctx.requestId)}</HostId>` : '';
  const body = isS3(model)
    ? `<Error>${inner}${ids}${hostIdElement}</Error>`
    : `<ErrorResponse><Error>${isS3Family(model) ? '' : `<Type>${error.fault}</Type>`}${inner}</Error>${ids}${hostIdElement}</ErrorResponse>`;
  return { status: error.status, headers, body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` };
}

function errorFields(model: ServiceModel, error: AwsError): string {
  const shape = model.shapes[error.code];
  const members = shape?.exception ? shape.members ?? {} : {};
  let out = '';
  for (const [name, value] of Object.entries(error.fields)) {
    if (value === undefined || value === null || name === 'Code' || name === 'Message') continue;
    const ref = members[name];
    out += ref ? writeXmlElement(model, ref.locationName ?? name, ref, value) : plainElement(name, value);
  }
  return out;
}

function plainElement(name: string, value: unknown): string {
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (Array.isArray(value)) return value.map((v) => plainElement(name, v)).join('');
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>).map(([k, v]) => (v === undefined || v === null ? '' : plainElement(k, v))).join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}
