/**
 * Secret names as AWS checks them before anything else runs (ServiceDefinition.checkInput):
 * ASCII letters, digits and `/_+=.@-`. A SecretId is a name unless it starts with `arn:`
 * (lookup.ts resolves ARNs, full or partial). Anything else answers ValidationException. A
 * ClientRequestToken (a future version id) must be text the store can hold.
 */
import type { OperationInput } from '../types.js';
import { invalidName, invalidParameter } from './errors.js';

const NAME = /^[A-Za-z0-9/_+=.@-]+$/;
const LONE_SURROGATE = /\p{Cs}/u;

/** Text the store can hold as a key (no NUL, no lone surrogate); anything else names nothing. */
export const storable = (text: string): boolean => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

function checkId(value: unknown): void {
  if (typeof value === 'string' && !value.startsWith('arn:') && !NAME.test(value)) throw invalidName();
}

export function checkSecretNames(operation: string, input: OperationInput): void {
  if (operation === 'CreateSecret' && typeof input.Name === 'string' && !NAME.test(input.Name)) throw invalidName();
  checkId(input.SecretId);
  if (Array.isArray(input.SecretIdList)) for (const id of input.SecretIdList) checkId(id);
  // A ClientRequestToken becomes a version id, part of a store key. Unconfirmed wording.
  if (typeof input.ClientRequestToken === 'string' && !storable(input.ClientRequestToken)) throw invalidParameter('The ClientRequestToken contains characters that are not allowed.');
}
