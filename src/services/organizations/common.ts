/**
 * What every Organizations operation shares: ids and ARNs as AWS spells them, the errors with
 * their wording, NextToken/MaxResults pagination and tag rules.
 */
import { randomInt } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import { tagRules } from '../shared/tags.js';
import type { OperationInput } from '../types.js';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function random(chars: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += chars[randomInt(chars.length)];
  return out;
}

export const newOrganizationId = (): string => `o-${random(LOWER_ALNUM, 10)}`;
export const newRootId = (): string => `r-${random(LOWER_ALNUM, 4)}`;
/** ou-<root suffix>-<8 chars>, as AWS embeds the root's id. */
export const newOuId = (rootId: string): string => `ou-${rootId.slice(2)}-${random(LOWER_ALNUM, 8)}`;
export const newPolicyId = (): string => `p-${random(LOWER_ALNUM, 8)}`;
export const newCreateAccountRequestId = (): string => `car-${random(LOWER_ALNUM, 32)}`;
/** A 12-digit account id that does not start with 0 (so it never collides with 000000000000). */
export const newAccountId = (): string => `${randomInt(1, 10)}${random('0123456789', 11)}`;

export const orgArn = (mgmt: string, orgId: string): string => `arn:aws:organizations::${mgmt}:organization/${orgId}`;
export const rootArn = (mgmt: string, orgId: string, rootId: string): string => `arn:aws:organizations::${mgmt}:root/${orgId}/${rootId}`;
export const ouArn = (mgmt: string, orgId: string, ouId: string): string => `arn:aws:organizations::${mgmt}:ou/${orgId}/${ouId}`;
export const accountArn = (mgmt: string, orgId: string, accountId: string): string => `arn:aws:organizations::${mgmt}:account/${orgId}/${accountId}`;
export const policyArn = (mgmt: string, orgId: string, type: string, policyId: string): string =>
  `arn:aws:organizations::${mgmt}:policy/${orgId}/${type.toLowerCase()}/${policyId}`;
export const managedPolicyArn = (type: string, policyId: string): string => `arn:aws:organizations::aws:policy/${type.toLowerCase()}/${policyId}`;

export const nowIso = (): string => new Date().toISOString();

// --- errors: every Organizations error is a 400 with AWS's wording --------------------------

function error(code: string, message: string, fields?: Record<string, unknown>): AwsError {
  return new AwsError(code, message, { status: 400, fields });
}

export const notInUse = (): AwsError => error('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
export const alreadyInOrganization = (): AwsError => error('AlreadyInOrganizationException', 'This account is already a member of an organization. An account can belong to only one organization at a time.');
export const accessDenied = (): AwsError => error('AccessDeniedException', "You don't have permissions to access this resource.");
export const invalidInput = (message: string, reason = 'INVALID_INPUT'): AwsError => error('InvalidInputException', message, { Reason: reason });
export const constraintViolation = (reason: string, message: string): AwsError => error('ConstraintViolationException', message, { Reason: reason });
export const accountNotFound = (): AwsError =>
  error(
    'AccountNotFoundException',
    "We can't find an AWS account with the AccountId that you specified, or the account whose credentials you used to make this request isn't a member of an organization.",
  );
export const organizationalUnitNotFound = (): AwsError =>
  error('OrganizationalUnitNotFoundException', "We can't find an OU with the OrganizationalUnitId that you specified.");
export const organizationalUnitNotEmpty = (): AwsError =>
  error('OrganizationalUnitNotEmptyException', 'The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child OUs, and try the operation again.');
export const duplicateOrganizationalUnit = (): AwsError => error('DuplicateOrganizationalUnitException', 'An OU with the same name already exists.');
export const parentNotFound = (): AwsError => error('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
export const childNotFound = (): AwsError => error('ChildNotFoundException', "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
export const rootNotFound = (): AwsError => error('RootNotFoundException', "We can't find a root with the RootId that you specified.");
export const sourceParentNotFound = (): AwsError => error('SourceParentNotFoundException', "We can't find a source root or OU with the ParentId that you specified.");
export const destinationParentNotFound = (): AwsError =>
  error('DestinationParentNotFoundException', "We can't find the destination container (a root or OU) with the ParentId that you specified.");
export const duplicateAccount = (): AwsError => error('DuplicateAccountException', 'That account is already present in the specified destination.');
export const policyNotFound = (): AwsError => error('PolicyNotFoundException', "We can't find a policy with the PolicyId that you specified.");
export const policyInUse = (): AwsError =>
  error('PolicyInUseException', 'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.');
export const duplicatePolicy = (): AwsError => error('DuplicatePolicyException', 'A policy with the same name already exists.');
export const duplicatePolicyAttachment = (): AwsError => error('DuplicatePolicyAttachmentException', 'The selected policy is already attached to the specified target.');
export const policyNotAttached = (): AwsError => error('PolicyNotAttachedException', 'The policy isn\'t attached to the specified target in the specified root.');
export const policyTypeNotEnabled = (): AwsError =>
  error('PolicyTypeNotEnabledException', "The specified policy type isn't currently enabled in this root. You can't attach policies of the specified type to entities in a root until you enable that type in the root.");
export const policyTypeAlreadyEnabled = (): AwsError => error('PolicyTypeAlreadyEnabledException', 'The specified policy type is already enabled in the specified root.');
export const policyTypeNotAvailable = (): AwsError =>
  error('PolicyTypeNotAvailableForOrganizationException', "You can't use a policy type that isn't available in the organization's feature set.");
export const targetNotFound = (): AwsError => error('TargetNotFoundException', "We can't find a root, OU, account, or policy with the TargetId that you specified.");
export const malformedPolicy = (message: string): AwsError => error('MalformedPolicyDocumentException', message);
export const organizationNotEmpty = (): AwsError =>
  error('OrganizationNotEmptyException', 'The organization isn\'t empty. To delete an organization, you must first remove all accounts except the management account.');
export const masterCannotLeave = (): AwsError =>
  error(
    'MasterCannotLeaveOrganizationException',
    "You can't remove a management account from an organization. If you want the management account to become a member account in another organization, you must first delete the current organization of the management account.",
  );
export const createAccountStatusNotFound = (): AwsError =>
  error('CreateAccountStatusNotFoundException', "We can't find an create account request with the CreateAccountRequestId that you specified.");

// --- pagination -----------------------------------------------------------------------------

export interface Page<T> {
  items: T[];
  NextToken?: string;
}

/** NextToken/MaxResults over items sorted by `key`: at most MaxResults (default 20, the model's max). */
export function paginate<T>(items: T[], key: (item: T) => string, input: OperationInput): Page<T> {
  const max = typeof input.MaxResults === 'number' ? input.MaxResults : 20;
  let start = 0;
  if (typeof input.NextToken === 'string') {
    const after = Buffer.from(input.NextToken, 'base64url').toString('utf8');
    if (Buffer.from(after, 'utf8').toString('base64url') !== input.NextToken) throw invalidInput('The specified pagination token is not valid.', 'INVALID_PAGINATION_TOKEN');
    start = items.findIndex((item) => key(item) > after);
    if (start < 0) start = items.length;
  }
  const slice = items.slice(start, start + max);
  if (start + max >= items.length) return { items: slice };
  return { items: slice, NextToken: Buffer.from(key(slice[slice.length - 1] as T), 'utf8').toString('base64url') };
}

/** `{ [listName]: items, NextToken? }`. */
export function pageOutput<T, R>(listName: string, page: Page<T>, map: (item: T) => R): Record<string, unknown> {
  const out: Record<string, unknown> = { [listName]: page.items.map(map) };
  if (page.NextToken) out.NextToken = page.NextToken;
  return out;
}

// --- tags -----------------------------------------------------------------------------------

export { MAX_TAGS, type Tag } from '../shared/tags.js';

/** Organizations' tag rules: keys are case-sensitive; a request's own list is held to 50 too. */
const orgTags = tagRules({
  keyOf: (key) => key,
  duplicateKey: () => invalidInput('Duplicate tag keys found.', 'DUPLICATE_TAG_KEY'),
  tooMany: () => constraintViolation('MAX_TAG_LIMIT_EXCEEDED', 'You have exceeded the maximum number of tags allowed on this resource.'),
  capRequest: true,
});

/** Tags from a request; a key given twice is an InvalidInput. */
export const requestTags = orgTags.requestTags;
/** `existing` with `added` applied (same key replaces), at most 50. */
export const mergeTags = orgTags.mergeTags;
export const removeTags = orgTags.removeTags;
