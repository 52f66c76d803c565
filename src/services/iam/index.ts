import { StoreConflictError } from '../../store/index.js';
import type { OperationHandler, ServiceDefinition } from '../types.js';
import { createAccessKey, deleteAccessKey, getAccessKeyLastUsed, listAccessKeys, updateAccessKey } from './access-keys.js';
import { createAccountAlias, deleteAccountAlias, getAccountSummary, listAccountAliases } from './account.js';
import { attachPolicy, detachPolicy, listAttachedPolicies, listEntitiesForPolicy } from './attachments.js';
import { deletePermissionsBoundary, putPermissionsBoundary } from './boundaries.js';
import { concurrentModification } from './common.js';
import { credentialOperations } from './credential-operations.js';
import { addUserToGroup, createGroup, deleteGroup, getGroup, listGroups, listGroupsForUser, removeUserFromGroup, updateGroup } from './groups.js';
import { deleteInlinePolicy, getInlinePolicy, listInlinePolicies, putInlinePolicy } from './inline-policies.js';
import { createLoginProfile, deleteLoginProfile, getLoginProfile, updateLoginProfile } from './login-profiles.js';
import { createPolicy, deletePolicy, getPolicy, listPolicies } from './managed-policies.js';
import { mfaAndPasswordOperations } from './mfa-operations.js';
import { providerAndProfileOperations } from './provider-operations.js';
import { simulationAndReportOperations } from './report-operations.js';
import { createPolicyVersion, deletePolicyVersion, getPolicyVersion, listPolicyVersions, setDefaultPolicyVersion } from './policy-versions.js';
import { createRole, deleteRole, getRole, listRoles, updateAssumeRolePolicy, updateRole, updateRoleDescription } from './roles.js';
import { entityTarget, listResourceTags, policyTarget, tagResource, untagResource } from './tags.js';
import { createUser, deleteUser, getUser, listUsers, updateUser } from './users.js';

const operations: Record<string, OperationHandler> = {
  CreateUser: createUser,
  GetUser: getUser,
  ListUsers: listUsers,
  UpdateUser: updateUser,
  DeleteUser: deleteUser,
  TagUser: tagResource(entityTarget('user')),
  UntagUser: untagResource(entityTarget('user')),
  ListUserTags: listResourceTags(entityTarget('user')),

  CreateLoginProfile: createLoginProfile,
  GetLoginProfile: getLoginProfile,
  UpdateLoginProfile: updateLoginProfile,
  DeleteLoginProfile: deleteLoginProfile,

  CreateAccessKey: createAccessKey,
  ListAccessKeys: listAccessKeys,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,

  CreateGroup: createGroup,
  GetGroup: getGroup,
  ListGroups: listGroups,
  UpdateGroup: updateGroup,
  DeleteGroup: deleteGroup,
  AddUserToGroup: addUserToGroup,
  RemoveUserFromGroup: removeUserFromGroup,
  ListGroupsForUser: listGroupsForUser,

  CreateRole: createRole,
  GetRole: getRole,
  ListRoles: listRoles,
  UpdateRole: updateRole,
  UpdateRoleDescription: updateRoleDescription,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  DeleteRole: deleteRole,
  TagRole: tagResource(entityTarget('role')),
  UntagRole: untagResource(entityTarget('role')),
  ListRoleTags: listResourceTags(entityTarget('role')),

  CreatePolicy: createPolicy,
  GetPolicy: getPolicy,
  ListPolicies: listPolicies,
  DeletePolicy: deletePolicy,
  CreatePolicyVersion: createPolicyVersion,
  GetPolicyVersion: getPolicyVersion,
  ListPolicyVersions: listPolicyVersions,
  DeletePolicyVersion: deletePolicyVersion,
  SetDefaultPolicyVersion: setDefaultPolicyVersion,
  TagPolicy: tagResource(policyTarget),
  UntagPolicy: untagResource(policyTarget),
  ListPolicyTags: listResourceTags(policyTarget),
  ListEntitiesForPolicy: listEntitiesForPolicy,

  AttachUserPolicy: attachPolicy('user'),
  AttachGroupPolicy: attachPolicy('group'),
  AttachRolePolicy: attachPolicy('role'),
  DetachUserPolicy: detachPolicy('user'),
  DetachGroupPolicy: detachPolicy('group'),
  DetachRolePolicy: detachPolicy('role'),
  ListAttachedUserPolicies: listAttachedPolicies('user'),
  ListAttachedGroupPolicies: listAttachedPolicies('group'),
  ListAttachedRolePolicies: listAttachedPolicies('role'),

  PutUserPolicy: putInlinePolicy('user'),
  PutGroupPolicy: putInlinePolicy('group'),
  PutRolePolicy: putInlinePolicy('role'),
  GetUserPolicy: getInlinePolicy('user'),
  GetGroupPolicy: getInlinePolicy('group'),
  GetRolePolicy: getInlinePolicy('role'),
  ListUserPolicies: listInlinePolicies('user'),
  ListGroupPolicies: listInlinePolicies('group'),
  ListRolePolicies: listInlinePolicies('role'),
  DeleteUserPolicy: deleteInlinePolicy('user'),
  DeleteGroupPolicy: deleteInlinePolicy('group'),
  DeleteRolePolicy: deleteInlinePolicy('role'),

  PutUserPermissionsBoundary: putPermissionsBoundary('user'),
  DeleteUserPermissionsBoundary: deletePermissionsBoundary('user'),
  PutRolePermissionsBoundary: putPermissionsBoundary('role'),
  DeleteRolePermissionsBoundary: deletePermissionsBoundary('role'),

  GetAccountSummary: getAccountSummary,
  CreateAccountAlias: createAccountAlias,
  DeleteAccountAlias: deleteAccountAlias,
  ListAccountAliases: listAccountAliases,

  ...credentialOperations,
  ...mfaAndPasswordOperations,
  ...simulationAndReportOperations,
  ...providerAndProfileOperations,
};

/** A write that lost an optimistic-concurrency race answers ConcurrentModification (409), as IAM does. */
function withConcurrency(handler: OperationHandler): OperationHandler {
  return async (ctx, input) => {
    try {
      return await handler(ctx, input);
    } catch (err) {
      if (err instanceof StoreConflictError) throw concurrentModification();
      throw err;
    }
  };
}

export const iamService: ServiceDefinition = {
  name: 'iam',
  operations: Object.fromEntries(Object.entries(operations).map(([name, handler]) => [name, withConcurrency(handler)])),
};
