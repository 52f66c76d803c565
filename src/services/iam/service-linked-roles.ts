/**
 * Service-linked roles: CreateServiceLinkedRole, DeleteServiceLinkedRole and
 * GetServiceLinkedRoleDeletionStatus. The role is an ordinary role record (created through
 * role-records.ts) named AWSServiceRoleFor<Name>[_<CustomSuffix>] under
 * /aws-service-role/<service>/, trusting the service principal. Bulwark knows the role names
 * of a table of common services (below); any other service name is InvalidInput. The service's
 * own permissions policy is not attached (Bulwark has no service acting with the role), and
 * deletion completes at once: the task is recorded as SUCCEEDED.
 */
import { randomUUID } from 'node:crypto';
import type { OperationHandler } from '../types.js';
import { deleteConflict, iamScope, invalidInput, noSuchEntity, nowIso } from './common.js';
import { CHILD, deleteEntity, findEntity, hasChildren, requireEntity } from './entities.js';
import { ROLE_INSTANCE_PROFILES } from './instance-profiles.js';
import { createRoleRecord } from './role-records.js';
import { roleOutput } from './roles.js';

const DELETION_KIND = 'iam:slr-deletion';

interface ServiceInfo {
  /** The part after AWSServiceRoleFor. */
  name: string;
  /** Whether CustomSuffix is accepted (services that allow several roles). */
  suffix?: boolean;
}

/** Service principal → role name of common AWS services. */
const SERVICES: Record<string, ServiceInfo> = {
  'access-analyzer.amazonaws.com': { name: 'AccessAnalyzer' },
  'autoscaling.amazonaws.com': { name: 'AutoScaling', suffix: true },
  'cloudtrail.amazonaws.com': { name: 'CloudTrail' },
  'config.amazonaws.com': { name: 'Config' },
  'dynamodb.application-autoscaling.amazonaws.com': { name: 'ApplicationAutoScaling_DynamoDBTable' },
  'ecs.amazonaws.com': { name: 'ECS' },
  'ecs.application-autoscaling.amazonaws.com': { name: 'ApplicationAutoScaling_ECSService' },
  'eks.amazonaws.com': { name: 'AmazonEKS' },
  'eks-nodegroup.amazonaws.com': { name: 'AmazonEKSNodegroup' },
  'elasticache.amazonaws.com': { name: 'ElastiCache' },
  'elasticbeanstalk.amazonaws.com': { name: 'ElasticBeanstalk', suffix: true },
  'elasticloadbalancing.amazonaws.com': { name: 'ElasticLoadBalancing' },
  'elasticmapreduce.amazonaws.com': { name: 'EMRCleanup' },
  'es.amazonaws.com': { name: 'AmazonElasticsearchService' },
  'guardduty.amazonaws.com': { name: 'AmazonGuardDuty' },
  'inspector2.amazonaws.com': { name: 'AmazonInspector2' },
  'lambda.amazonaws.com': { name: 'Lambda' },
  'macie.amazonaws.com': { name: 'AmazonMacie' },
  'opensearchservice.amazonaws.com': { name: 'AmazonOpenSearchService' },
  'organizations.amazonaws.com': { name: 'Organizations' },
  'rds.amazonaws.com': { name: 'RDS' },
  'replicator.lambda.amazonaws.com': { name: 'LambdaReplicator' },
  'securityhub.amazonaws.com': { name: 'SecurityHub' },
  'spot.amazonaws.com': { name: 'EC2Spot' },
  'ssm.amazonaws.com': { name: 'AmazonSSM' },
  'sso.amazonaws.com': { name: 'SSO' },
  'support.amazonaws.com': { name: 'Support' },
  'trustedadvisor.amazonaws.com': { name: 'TrustedAdvisor' },
};

function trustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
  });
}

export const createServiceLinkedRole: OperationHandler = async (ctx, input) => {
  const service = input.AWSServiceName as string;
  const info = SERVICES[service];
  if (!info) throw invalidInput(`Invalid service name: ${service}. Bulwark knows the service-linked roles of: ${Object.keys(SERVICES).join(', ')}.`);
  const suffix = input.CustomSuffix as string | undefined;
  if (suffix !== undefined && !info.suffix) throw invalidInput(`Custom suffix is not allowed for ${service}`);
  const roleName = `AWSServiceRoleFor${info.name}${suffix !== undefined ? `_${suffix}` : ''}`;
  const scope = iamScope(ctx);
  const role = await ctx.store.transaction(async (tx) => {
    if (await findEntity(tx, scope, 'role', roleName)) {
      throw invalidInput(`Service role name ${roleName} has been taken in this account, please try a different suffix.`);
    }
    return createRoleRecord(tx, ctx.account, {
      RoleName: roleName,
      Path: `/aws-service-role/${service}/`,
      AssumeRolePolicyDocument: trustPolicy(service),
      Description: input.Description as string | undefined,
    });
  });
  const out = roleOutput(role);
  delete out.RoleLastUsed;
  delete out.Tags;
  return { Role: out };
};

interface DeletionTask {
  Status: 'SUCCEEDED';
  RoleArn: string;
  CreateDate: string;
}

export const deleteServiceLinkedRole: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const name = input.RoleName as string;
  const taskId = await ctx.store.transaction(async (tx) => {
    const role = await requireEntity(tx, scope, 'role', name);
    const service = /^\/aws-service-role\/([^/]+)\/$/.exec(role.Path)?.[1];
    if (!service) throw invalidInput(`Role ${name} is not a service-linked role.`);
    const has = (kind: string) => hasChildren(tx, scope, kind, role.Id);
    if (await has(CHILD.inline)) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if (await has(CHILD.attached)) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    if (await has(ROLE_INSTANCE_PROFILES)) throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    await deleteEntity(tx, scope, 'role', role);
    const id = `task/aws-service-role/${service}/${role.Name}/${randomUUID()}`;
    await tx.put<DeletionTask>(scope, DELETION_KIND, id, { Status: 'SUCCEEDED', RoleArn: role.Arn, CreateDate: nowIso() });
    return id;
  });
  return { DeletionTaskId: taskId };
};

export const getServiceLinkedRoleDeletionStatus: OperationHandler = async (ctx, input) => {
  const id = input.DeletionTaskId as string;
  const task = await ctx.store.get<DeletionTask>(iamScope(ctx), DELETION_KIND, id);
  if (!task) throw noSuchEntity(`Deletion task ${id} cannot be found.`);
  return { Status: task.value.Status };
};
