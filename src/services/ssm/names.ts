/**
 * Parameter names as AWS accepts them, and the ways a caller may name a parameter:
 *
 *   writing   a name: letters, digits, `_`, `.`, `-`; `/` delimits a hierarchy of at most 15
 *             levels and then leads the name; never prefixed with `aws` or `ssm` (any case);
 *             spaces at either end are removed, inside they are refused; the ARN the name
 *             makes is at most 1011 characters
 *   reading   a name or a parameter ARN, with an optional selector `:<version>` or `:<label>`
 *             (GetParameter, GetParameters)
 *   paths     GetParametersByPath's `/a/b` (a trailing `/` is allowed)
 */
import { AwsError } from '../../core/aws-error.js';
import type { Scope } from '../../store/index.js';
import { parameterArn, validation } from './common.js';

export const MAX_LEVELS = 15;
/** The longest parameter ARN a caller may create ("the maximum length for a parameter name that you create is 1011 characters", ARN included). */
const MAX_ARN_LENGTH = 1011;

const NAME_RULES =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

const PATH_RULES =
  'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.';

const SEGMENT = /^[a-zA-Z0-9_.-]+$/;
const RESERVED = /^(aws|ssm)/i;

/** Spaces at either end of a name are removed, as AWS does. */
export function trimName(name: string): string {
  let start = 0;
  let end = name.length;
  while (start < end && name.charCodeAt(start) === 32) start++;
  while (end > start && name.charCodeAt(end - 1) === 32) end--;
  return start === 0 && end === name.length ? name : name.slice(start, end);
}

/** Checks a name PutParameter is to create; throws AWS's error. */
export function checkNewName(scope: Scope, name: string): void {
  const hierarchical = name.charCodeAt(0) === 47;
  if (!hierarchical && name.includes('/')) {
    // Unconfirmed wording: a hierarchy must start at the root.
    throw validation('Parameter name must be a fully qualified name.');
  }
  const segments = (hierarchical ? name.slice(1) : name).split('/');
  for (const s of segments) if (!SEGMENT.test(s)) throw validation(NAME_RULES);
  if (RESERVED.test(segments[0] as string)) throw validation(NAME_RULES);
  if (segments.length > MAX_LEVELS) {
    throw new AwsError(
      'HierarchyLevelLimitExceededException',
      // Unconfirmed wording beyond the first sentence.
      'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the AWS Systems Manager User Guide.',
    );
  }
  const arn = parameterArn(scope, name);
  if (arn.length > MAX_ARN_LENGTH) {
    // Unconfirmed wording.
    throw validation(`Parameter name is too long: the parameter ARN ${arn.slice(0, 64)}… has ${arn.length} characters; the maximum is ${MAX_ARN_LENGTH}.`);
  }
}

/** A simple name, or `/`-led segments (one pass: `/` cannot be part of a segment, so no backtracking). */
const READABLE = /^(?:[a-zA-Z0-9_.-]+|(?:\/[a-zA-Z0-9_.-]+)+)$/;

/** A well-formed name a caller can look up (reading never creates, so only the characters matter). */
export function isReadableName(name: string): boolean {
  return name.length <= 2048 && READABLE.test(name);
}

/** A parameter as a read names it: candidate stored names (an ARN is ambiguous about a leading `/`) and a selector. */
export interface ParameterReference {
  /** Stored names to try, in order. */
  names: string[];
  /** `:3` → { version: 3 }; `:prod` → { label: 'prod' }. */
  selector?: { version?: number; label?: string; text: string };
}

const PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:([a-z0-9-]+):(\d{12}):parameter\/(.+)$/;

/**
 * What `Name` refers to, as GetParameter reads it; undefined when it cannot name a parameter of
 * this account and region (a malformed name, another region's ARN): the caller treats it as
 * not found.
 */
export function parseReference(scope: Scope, given: string, allowSelector: boolean): ParameterReference | undefined {
  let body = given;
  let fromArn = false;
  if (given.startsWith('arn:')) {
    const m = PARAMETER_ARN.exec(given);
    if (!m || m[1] !== scope.region || m[2] !== scope.account) return undefined;
    body = m[3] as string;
    fromArn = true;
  }
  let selector: ParameterReference['selector'];
  const colon = body.indexOf(':');
  if (colon >= 0) {
    if (!allowSelector) return undefined;
    const text = body.slice(colon + 1);
    body = body.slice(0, colon);
    if (text === '') return undefined;
    selector = /^[0-9]{1,15}$/.test(text) ? { version: Number(text), text } : { label: text, text };
  }
  if (fromArn) {
    const slashed = `/${body}`;
    if (!isReadableName(slashed)) return undefined;
    // The ARN of `/a/b` and of `x` drop the leading slash; `x` may also be `/x`.
    return { names: body.includes('/') ? [slashed] : [body, slashed], selector };
  }
  if (!isReadableName(body)) return undefined;
  return { names: [body], selector };
}

/** GetParametersByPath's path without a trailing `/` (the root stays `/`); AWS's error when malformed. */
export function normalizePath(path: string): string {
  if (path.charCodeAt(0) !== 47) throw validation(PATH_RULES);
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (trimmed === '/') return trimmed;
  const segments = trimmed.slice(1).split('/');
  for (const s of segments) if (!SEGMENT.test(s)) throw validation(PATH_RULES);
  if (segments.length > MAX_LEVELS) throw validation(PATH_RULES);
  return trimmed;
}

/** Whether `name` lies under `path` (one level below, or anywhere below when recursive). */
export function isUnder(name: string, path: string, recursive: boolean): boolean {
  const prefix = path === '/' ? '/' : `${path}/`;
  if (!name.startsWith(prefix) || name.length === prefix.length) return false;
  return recursive || !name.includes('/', prefix.length);
}
