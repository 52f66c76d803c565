/**
 * What a parameter value must satisfy before it is stored:
 *
 *   AllowedPattern  a regular expression the value must match (ParameterPatternMismatchException);
 *                   a pattern that does not compile is InvalidAllowedPatternException. A hostile
 *                   pattern cannot stall the server: matching runs with a time limit (node:vm),
 *                   and a pattern that exceeds it is refused as invalid.
 *   DataType        `text` (default), `aws:ec2:image` (String parameters holding an AMI id,
 *                   checked for format only — AWS also checks the image exists, asynchronously)
 *                   or `aws:ssm:integration`
 */
import vm from 'node:vm';
import { AwsError } from '../../core/aws-error.js';
import { validation, type ParameterType } from './common.js';

const MATCH_TIME_LIMIT_MS = 100;

export const DATA_TYPES: ReadonlySet<string> = new Set(['text', 'aws:ec2:image', 'aws:ssm:integration']);
const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

const invalidPattern = (): AwsError => new AwsError('InvalidAllowedPatternException', 'The request does not meet the regular expression requirement.');

/** The pattern compiled, or InvalidAllowedPatternException. */
export function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    throw invalidPattern();
  }
}

let sandbox: vm.Context | undefined;
const MATCH = new vm.Script('pattern.test(value)');

/** Checks `value` against the parameter's AllowedPattern. */
export function checkPattern(pattern: string, value: string): void {
  const regex = compilePattern(pattern);
  sandbox ??= vm.createContext({});
  sandbox.pattern = regex;
  sandbox.value = value;
  let matched: unknown;
  try {
    matched = MATCH.runInContext(sandbox, { timeout: MATCH_TIME_LIMIT_MS });
  } catch {
    // Unconfirmed wording: a pattern too costly to evaluate is treated as invalid.
    throw new AwsError('InvalidAllowedPatternException', 'The allowed pattern could not be evaluated against the value within the time limit.');
  } finally {
    sandbox.pattern = undefined;
    sandbox.value = undefined;
  }
  if (matched !== true) throw new AwsError('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${pattern}`);
}

/** Checks the data type and what it asks of the value. */
export function checkDataType(dataType: string, type: ParameterType, value: string): void {
  if (!DATA_TYPES.has(dataType)) throw validation(`The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
  if (dataType !== 'aws:ec2:image') return;
  if (type !== 'String') {
    // Unconfirmed wording.
    throw new AwsError('UnsupportedParameterType', `The data type aws:ec2:image is supported only for parameters of type String, not ${type}.`);
  }
  if (!AMI_ID.test(value)) {
    // Unconfirmed wording.
    throw validation(`Parameter value, ${value.length > 64 ? `${value.slice(0, 64)}…` : value}, is not a valid Amazon Machine Image (AMI) ID: the format is ami-12345abcdeEXAMPLE.`);
  }
}
