import { AwsError } from '../../core/aws-error.js';

/**
 * The errors the AWS JSON (awsJson1_0 / awsJson1_1) front end raises before a service sees the
 * request. Wording follows what AWS's JSON RPC front end has been observed to return:
 *
 * - A body that is not JSON, or a value whose JSON type does not fit the model, is a 400
 *   `SerializationException`. Type mismatches name the JSON token and the target type, as in
 *   "NUMBER_VALUE can not be converted to a String", "TRUE_VALUE can not be converted to an
 *   Integer", "Start of structure or map found where not expected.", "Start of list found where
 *   not expected", "Expected list or null", "Expected map or null", and "Expected null" (a
 *   scalar where a structure belongs). A bad base64 blob reads "'abc' can not be converted to a
 *   Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3".
 * - An `X-Amz-Target` naming no operation of the service (or another service's prefix) is a 400
 *   `UnknownOperationException`. A request the JSON front end cannot dispatch at all (no
 *   target header, a non-JSON Content-Type, a method other than POST) is the 404
 *   `UnknownOperationException` of AWS's common-errors table. AWS words neither with a message;
 *   ours say what was wrong, which no SDK minds.
 */
export function serializationException(message: string): AwsError {
  return new AwsError('SerializationException', message, { status: 400 });
}

export function unknownOperation(message: string, status: 400 | 404 = 400): AwsError {
  return new AwsError('UnknownOperationException', message, { status });
}

/** The JSON token name AWS's deserializer reports for a value (`NUMBER_VALUE`, `TRUE_VALUE`…). */
export function tokenName(value: unknown): string {
  switch (typeof value) {
    case 'string': return 'STRING_VALUE';
    case 'number': return 'NUMBER_VALUE';
    case 'boolean': return value ? 'TRUE_VALUE' : 'FALSE_VALUE';
    default: return 'VALUE';
  }
}

/** The error for a JSON value whose type cannot become `target` ("a String", "an Integer"…). */
export function typeMismatch(value: unknown, target: string): AwsError {
  if (Array.isArray(value)) return serializationException('Start of list found where not expected');
  if (value !== null && typeof value === 'object') {
    return serializationException('Start of structure or map found where not expected.');
  }
  return serializationException(`${tokenName(value)} can not be converted to ${target}`);
}

/** Quotes a rejected value in a message, shortened so a huge value does not bloat the error. */
export function quoteValue(text: string): string {
  return text.length > 64 ? `'${text.slice(0, 61)}...'` : `'${text}'`;
}
