import { AwsError } from '../../core/aws-error.js';
import { StoreConflictError } from '../../store/index.js';
import type { OperationHandler, ServiceDefinition } from '../types.js';
import {
  createAccount,
  describeAccount,
  describeCreateAccountStatus,
  leaveOrganization,
  listAccounts,
  listAccountsForParent,
  listChildren,
  listCreateAccountStatus,
  listParents,
  moveAccount,
  removeAccountFromOrganization,
} from './accounts.js';
import { createOrganization, deleteOrganization, describeOrganization, disablePolicyType, enablePolicyType, listRoots } from './organization.js';
import { createOrganizationalUnit, deleteOrganizationalUnit, describeOrganizationalUnit, listOrganizationalUnitsForParent, updateOrganizationalUnit } from './ous.js';
import {
  attachPolicy,
  createPolicy,
  deletePolicy,
  describePolicy,
  detachPolicy,
  listPolicies,
  listPoliciesForTarget,
  listTagsForResource,
  listTargetsForPolicy,
  tagResource,
  untagResource,
  updatePolicy,
} from './policies.js';

export { scpLevelsFor, type OrganizationPolicyLevels } from './scp-levels.js';

const operations: Record<string, OperationHandler> = {
  CreateOrganization: createOrganization,
  DescribeOrganization: describeOrganization,
  DeleteOrganization: deleteOrganization,
  ListRoots: listRoots,
  EnablePolicyType: enablePolicyType,
  DisablePolicyType: disablePolicyType,

  CreateAccount: createAccount,
  DescribeCreateAccountStatus: describeCreateAccountStatus,
  ListCreateAccountStatus: listCreateAccountStatus,
  DescribeAccount: describeAccount,
  ListAccounts: listAccounts,
  ListAccountsForParent: listAccountsForParent,
  MoveAccount: moveAccount,
  RemoveAccountFromOrganization: removeAccountFromOrganization,
  LeaveOrganization: leaveOrganization,
  ListParents: listParents,
  ListChildren: listChildren,

  CreateOrganizationalUnit: createOrganizationalUnit,
  DescribeOrganizationalUnit: describeOrganizationalUnit,
  UpdateOrganizationalUnit: updateOrganizationalUnit,
  DeleteOrganizationalUnit: deleteOrganizationalUnit,
  ListOrganizationalUnitsForParent: listOrganizationalUnitsForParent,

  CreatePolicy: createPolicy,
  DescribePolicy: describePolicy,
  UpdatePolicy: updatePolicy,
  DeletePolicy: deletePolicy,
  ListPolicies: listPolicies,
  AttachPolicy: attachPolicy,
  DetachPolicy: detachPolicy,
  ListPoliciesForTarget: listPoliciesForTarget,
  ListTargetsForPolicy: listTargetsForPolicy,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

/** A write that lost an optimistic-concurrency race answers ConcurrentModificationException. */
function withConcurrency(handler: OperationHandler): OperationHandler {
  return async (ctx, input) => {
    try {
      return await handler(ctx, input);
    } catch (err) {
      if (err instanceof StoreConflictError) {
        throw new AwsError('ConcurrentModificationException', 'The target of the operation is currently being modified by a different request. Try again later.', { status: 400 });
      }
      throw err;
    }
  };
}

export const organizationsService: ServiceDefinition = {
  name: 'organizations',
  operations: Object.fromEntries(Object.entries(operations).map(([name, handler]) => [name, withConcurrency(handler)])),
};
