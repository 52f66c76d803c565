import { AwsError } from '../../core/aws-error.js';
import type { ServiceModel } from '../../models/index.js';
import type { HttpResponse } from '../http.js';
import { escapeXml } from '../shared/xml.js';
import { errorFields, wireError, writeMembers, type BadParameter } from '../query/index.js';

/**
 * EC2's own request errors (Amazon EC2 API "Error codes": InvalidAction, MissingAction,
 * MissingParameter, InvalidParameterValue — 400) and its error document:
 * `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`.
 */
export function ec2MissingAction(): AwsError {
  return new AwsError('MissingAction', 'The request must contain the parameter Action', { status: 400 });
}

export function ec2InvalidAction(action: string): AwsError {
  return new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`, { status: 400 });
}

export function ec2NoSuchVersion(model: ServiceModel, version: string): AwsError {
  return new AwsError('NoSuchVersion', `The requested version (${version}) of service Amazon${model.metadata.serviceId} does not exist`, { status: 400 });
}

const EXPECTED: Record<string, string> = {
  integer: 'Expected an integer.',
  long: 'Expected an integer.',
  float: 'Expected a number.',
  double: 'Expected a number.',
  boolean: "Expected 'true' or 'false'.",
  timestamp: 'Expected an ISO 8601 timestamp.',
  blob: 'Expected base64-encoded data.',
};

export function ec2BadParameter(bad: BadParameter): AwsError {
  const reason = EXPECTED[bad.expected] ?? '';
  return new AwsError('InvalidParameterValue', `Value (${bad.text}) for parameter ${bad.wireName} is invalid. ${reason}`.trimEnd(), { status: 400 });
}

const MISSING = /^Value null at '([^']*)' failed to satisfy constraint: Member must not be null$/;
const INVALID = /^Value (.*) at '([^']*)' failed to satisfy constraint: (.*)$/s;

/**
 * EC2 reports the first problem only: a missing required member as MissingParameter, any
 * other violated constraint as InvalidParameterValue.
 */
export function ec2ValidationError(violations: string[]): AwsError {
  const first = violations[0] ?? '';
  const missing = MISSING.exec(first);
  if (missing) return new AwsError('MissingParameter', `The request must contain the parameter ${parameterName(missing[1])}`, { status: 400 });
  const invalid = INVALID.exec(first);
  if (invalid) {
    const value = invalid[1].replace(/^'(.*)'$/s, '$1');
    return new AwsError('InvalidParameterValue', `Value (${value}) for parameter ${parameterName(invalid[2])} is invalid. ${invalid[3]}`, { status: 400 });
  }
  return new AwsError('InvalidParameterValue', first, { status: 400 });
}

/** `instanceIds.1.member.name` → `InstanceIds.1.Name`, the parameter spelling. */
function parameterName(path: string): string {
  return path
    .split('.')
    .filter((segment) => segment !== 'member')
    .map((segment) => segment.charAt(0).toUpperCase() + segment.slice(1))
    .join('.');
}

export function ec2ErrorResponse(model: ServiceModel, error: AwsError, requestId: string): HttpResponse {
  const wire = wireError(model, error);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>',
    `<Code>${escapeXml(wire.code)}</Code><Message>${escapeXml(error.message)}</Message>`,
  ];
  if (wire.shape) writeMembers(model, wire.shape, errorFields(wire.shape, error), out);
  out.push(`</Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`);
  return {
    status: wire.status,
    headers: { ...error.headers, 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
    body: out.join(''),
  };
}
