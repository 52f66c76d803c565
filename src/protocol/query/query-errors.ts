import { AwsError } from '../../core/aws-error.js';
import type { ServiceModel } from '../../models/index.js';
import type { HttpResponse } from '../http.js';
import { escapeXml } from '../shared/xml.js';
import { validationMessage } from '../validate.js';
import type { BadParameter } from './input-reader.js';
import { errorFields, wireError } from './modelled-errors.js';
import { writeMembers } from './xml-writer.js';

/**
 * The query protocol's own errors (AWS "Common Errors" of IAM/STS: MissingAction,
 * InvalidAction, ValidationError — all 400, Sender) and its error document:
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
 */
export function missingAction(): AwsError {
  return new AwsError('MissingAction', 'Missing Action', { status: 400 });
}

/** IAM, STS and other query services answer an unknown action or version this way. */
export function unknownOperation(action: string, version: string): AwsError {
  return new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`, { status: 400 });
}

export function queryValidationError(violations: string[]): AwsError {
  return new AwsError('ValidationError', validationMessage(violations), { status: 400 });
}

const EXPECTED: Record<string, string> = {
  integer: 'a 32-bit integer',
  long: 'a 64-bit integer',
  float: 'a number',
  double: 'a number',
  boolean: "'true' or 'false'",
  timestamp: 'an ISO 8601 timestamp',
  blob: 'base64-encoded',
};

/** A parameter whose text is not of its type, in the ValidationError wording. */
export function queryBadParameter(bad: BadParameter): AwsError {
  const expected = EXPECTED[bad.expected] ?? `a ${bad.expected}`;
  return queryValidationError([`Value '${bad.text}' at '${bad.memberPath}' failed to satisfy constraint: Member must be ${expected}`]);
}

/** The default namespace of a query service's documents, e.g. `https://iam.amazonaws.com/doc/2010-05-08/`. */
export function queryNamespace(model: ServiceModel): string {
  return model.metadata.xmlNamespace ?? `https://${model.metadata.endpointPrefix}.amazonaws.com/doc/${model.metadata.apiVersion}/`;
}

export function queryErrorResponse(model: ServiceModel, error: AwsError, requestId: string): HttpResponse {
  const wire = wireError(model, error);
  const out: string[] = [
    `<ErrorResponse xmlns="${escapeXml(queryNamespace(model))}"><Error>`,
    `<Type>${wire.fault}</Type><Code>${escapeXml(wire.code)}</Code><Message>${escapeXml(error.message)}</Message>`,
  ];
  if (wire.shape) writeMembers(model, wire.shape, errorFields(wire.shape, error), out);
  out.push(`</Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`);
  return {
    status: wire.status,
    headers: { ...error.headers, 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: out.join(''),
  };
}
