/**
 * Whom remediation acts as. The target's RoleArn when it has one: a role of the target's
 * account whose trust policy lets events.amazonaws.com assume it (aws:SourceAccount = the
 * account), as EventBridge requires. Otherwise the role Bulwark maintains in each account,
 * /service-role/BulwarkRemediationRole: trusting events.amazonaws.com for this account only,
 * with one inline policy granting exactly the catalog's IAM actions. It is written through
 * IAM's own records on first use, and put back as the catalog says (trust and policy) when
 * found otherwise, so it is an ordinary role to IAM (GetRole, ListRoles, CloudTrail).
 */
import { emptyCaches, changedState } from '../core/peers.js';
import { DeliveryError } from '../events/delivery/delivery-error.js';
import { evaluate, PolicyValidationError } from '../iam/policy/index.js';
import { CHILD, childId, findEntity, saveEntity, type EntityRecord } from '../services/iam/entities.js';
import { createRoleRecord } from '../services/iam/role-records.js';
import { GLOBAL_REGION, type Scope, type Store, type StoreOps } from '../store/index.js';
import type { RemediationAction } from './action.js';

export const SERVICE_PRINCIPAL = 'events.amazonaws.com';
export const ROLE_NAME = 'BulwarkRemediationRole';
export const ROLE_PATH = '/service-role/';
export const POLICY_NAME = 'BulwarkRemediation';

const iamScope = (account: string): Scope => ({ account, region: GLOBAL_REGION });

export function trustPolicy(account: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: SERVICE_PRINCIPAL }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': account } } }],
  });
}

/** One statement per action (Sid: its name in PascalCase), each with exactly the IAM actions it calls. */
export function permissionsPolicy(catalog: Iterable<RemediationAction>): string {
  const statements = [...catalog].map((action) => ({
    Sid: action.name.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase()),
    Effect: 'Allow',
    Action: [...action.iamActions],
    Resource: '*',
  }));
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Whether the role's trust policy lets EventBridge assume it on behalf of `account` (for the rule `ruleArn`). */
export function trustsEventBridge(role: EntityRecord, account: string, ruleArn?: string): boolean {
  const document = role.AssumeRolePolicyDocument;
  if (document === undefined) return false;
  try {
    const decision = evaluate(
      {
        principal: { arn: SERVICE_PRINCIPAL, type: 'Service' },
        action: 'sts:AssumeRole',
        resource: role.Arn,
        resourceAccount: account,
        context: Object.assign({ 'aws:SourceAccount': account, 'aws:PrincipalServiceName': SERVICE_PRINCIPAL }, ruleArn ? { 'aws:SourceArn': ruleArn } : {}),
      },
      { resource: document, resourceKind: 'trust', sameAccount: false },
    );
    const trust = decision.matched.filter((s) => s.policyKind === 'resource');
    return trust.some((s) => s.effect === 'Allow') && !trust.some((s) => s.effect === 'Deny');
  } catch (err) {
    if (err instanceof PolicyValidationError) return false;
    throw err;
  }
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;

/** The target's role, checked as EventBridge checks it before assuming it. */
export async function givenRole(store: Store, account: string, roleArn: string, ruleArn?: string): Promise<EntityRecord> {
  const m = ROLE_ARN.exec(roleArn);
  if (!m) throw new DeliveryError('INVALID_PARAMETER', `The target's RoleArn ${roleArn} is not a role ARN.`, false);
  if (m[1] !== account) throw new DeliveryError('NO_PERMISSIONS', `The target's role ${roleArn} is not in the target's account ${account}.`, false);
  const role = await findEntity(store, iamScope(account), 'role', m[2]!);
  if (!role || role.Arn !== roleArn) throw new DeliveryError('RESOURCE_NOT_FOUND', `The target's role ${roleArn} does not exist.`, false);
  if (!trustsEventBridge(role, account, ruleArn)) {
    throw new DeliveryError('NO_PERMISSIONS', `EventBridge is not allowed to assume ${roleArn}: its trust policy must allow ${SERVICE_PRINCIPAL} sts:AssumeRole.`, false);
  }
  return role;
}

interface InlinePolicyRecord {
  PolicyName: string;
  PolicyDocument: string;
}

/** The maintained role of `account`, created or put back as the catalog says. */
export async function maintainedRole(store: Store, account: string, catalog: Iterable<RemediationAction>): Promise<EntityRecord> {
  const scope = iamScope(account);
  const trust = trustPolicy(account);
  const policy = permissionsPolicy(catalog);
  const current = await findEntity(store, scope, 'role', ROLE_NAME);
  if (current && current.AssumeRolePolicyDocument === trust && (await inlinePolicy(store, scope, current))?.PolicyDocument === policy) return current;
  const role = await store.transaction(async (tx) => {
    let role = await findEntity(tx, scope, 'role', ROLE_NAME);
    role ??= await createRoleRecord(tx, account, {
      RoleName: ROLE_NAME,
      Path: ROLE_PATH,
      AssumeRolePolicyDocument: trust,
      Description: "Bulwark's remediation actions act as this role when their EventBridge target has no RoleArn.",
    });
    if (role.AssumeRolePolicyDocument !== trust) {
      role = { ...role, AssumeRolePolicyDocument: trust };
      await saveEntity(tx, scope, 'role', role);
    }
    await tx.put<InlinePolicyRecord>(scope, CHILD.inline, childId(role.Id, POLICY_NAME), { PolicyName: POLICY_NAME, PolicyDocument: policy });
    return role;
  });
  // Written outside IAM's handlers: empty the policy caches here and in sibling workers.
  emptyCaches();
  changedState();
  return role;
}

async function inlinePolicy(ops: StoreOps, scope: Scope, role: EntityRecord): Promise<InlinePolicyRecord | undefined> {
  return (await ops.get<InlinePolicyRecord>(scope, CHILD.inline, childId(role.Id, POLICY_NAME)))?.value;
}
