/**
 * Creating a role in another account from outside IAM's request handlers (Organizations'
 * CreateAccount writes OrganizationAccountAccessRole into the new account). Same records as
 * CreateRole and Attach…Policy, no request context needed.
 */
import type { StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { recordAttachment } from './attachments.js';
import { iamScope } from './common.js';
import { createEntity, type EntityRecord } from './entities.js';
import { requirePolicy } from './managed-policies.js';

export interface RoleRecordInput {
  RoleName: string;
  AssumeRolePolicyDocument: string;
  Path?: string;
  Description?: string;
  MaxSessionDuration?: number;
  /** Managed policy ARNs to attach (e.g. arn:aws:iam::aws:policy/AdministratorAccess). */
  ManagedPolicyArns?: string[];
}

/**
 * Creates the role in `account` (EntityAlreadyExists on a name clash) and attaches the given
 * managed policies exactly as AttachRolePolicy does (AWS managed ones from the catalog, their
 * AttachmentCount counted in `account`; NoSuchEntity for a policy that does not exist).
 */
export async function createRoleRecord(ops: StoreOps, account: string, input: RoleRecordInput): Promise<EntityRecord> {
  // createEntity reads only the account from its context.
  const ctx = { account } as RequestContext;
  const role = await createEntity(ctx, ops, 'role', {
    Name: input.RoleName,
    Path: input.Path,
    AssumeRolePolicyDocument: input.AssumeRolePolicyDocument,
    Description: input.Description,
    MaxSessionDuration: input.MaxSessionDuration ?? 3600,
    Tags: [],
  });
  const scope = iamScope(ctx);
  for (const arn of input.ManagedPolicyArns ?? []) {
    await recordAttachment(ops, scope, 'role', role, await requirePolicy(ops, scope, arn));
  }
  return role;
}
