/**
 * Where an organization lives: every record in the management account's scope under the
 * GLOBAL region, plus one global index (`organizations:membership`, keyed by account id) that
 * lets any account, management or member, find its organization.
 */
import { GLOBAL_REGION, type Scope, type StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import {
  accessDenied,
  managedPolicyArn,
  notInUse,
  parentNotFound,
  policyNotFound,
  targetNotFound,
  type Tag,
} from './common.js';

export const KIND = {
  organization: 'organizations:organization',
  root: 'organizations:root',
  ou: 'organizations:ou',
  account: 'organizations:account',
  policy: 'organizations:policy',
  /** `<target id>/<policy id>` → Attachment. */
  attachment: 'organizations:attachment',
  /** `<policy id>/<target id>` → Attachment (the reverse index). */
  policyTarget: 'organizations:policy-target',
  createAccountStatus: 'organizations:create-account-status',
  membership: 'organizations:membership',
} as const;

/** The one global scope of the membership index. */
export const MEMBERSHIP_SCOPE: Scope = { account: 'aws', region: GLOBAL_REGION };
const ORG_ID = 'organization';

export type PolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
export const SUPPORTED_POLICY_TYPES: readonly string[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

export interface OrganizationRecord {
  Id: string;
  Arn: string;
  FeatureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  MasterAccountId: string;
  MasterAccountArn: string;
  MasterAccountEmail: string;
  RootId: string;
}

export interface PolicyTypeSummary {
  Type: string;
  Status: 'ENABLED';
}

export interface RootRecord {
  Id: string;
  Arn: string;
  Name: string;
  PolicyTypes: PolicyTypeSummary[];
  Tags?: Tag[];
}

export interface OuRecord {
  Id: string;
  Arn: string;
  Name: string;
  ParentId: string;
  Tags?: Tag[];
}

export interface AccountRecord {
  Id: string;
  Arn: string;
  Email: string;
  Name: string;
  Status: 'ACTIVE';
  State: 'ACTIVE';
  JoinedMethod: 'INVITED' | 'CREATED';
  JoinedTimestamp: string;
  ParentId: string;
  Tags?: Tag[];
}

export interface PolicyRecord {
  Id: string;
  Arn: string;
  Name: string;
  Description: string;
  Type: string;
  AwsManaged: boolean;
  Content: string;
  Tags?: Tag[];
}

export interface Attachment {
  TargetId: string;
  PolicyId: string;
  PolicyType: string;
}

export interface Membership {
  organizationId: string;
  managementAccount: string;
}

export interface CreateAccountStatusRecord {
  Id: string;
  AccountName: string;
  State: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';
  RequestedTimestamp: string;
  CompletedTimestamp?: string;
  AccountId?: string;
  FailureReason?: string;
}

/** The AWS managed policies every organization has: FullAWSAccess and RCPFullAWSAccess. */
export const MANAGED_POLICIES: Record<string, PolicyRecord> = {
  'p-FullAWSAccess': {
    Id: 'p-FullAWSAccess',
    Arn: managedPolicyArn('SERVICE_CONTROL_POLICY', 'p-FullAWSAccess'),
    Name: 'FullAWSAccess',
    Description: 'Allows access to every operation',
    Type: 'SERVICE_CONTROL_POLICY',
    AwsManaged: true,
    Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
  },
  'p-RCPFullAWSAccess': {
    Id: 'p-RCPFullAWSAccess',
    Arn: managedPolicyArn('RESOURCE_CONTROL_POLICY', 'p-RCPFullAWSAccess'),
    Name: 'RCPFullAWSAccess',
    Description: 'Allows access to every operation',
    Type: 'RESOURCE_CONTROL_POLICY',
    AwsManaged: true,
    Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }),
  },
};

/** The managed policy attached by default to every target while its type is enabled. */
export const DEFAULT_POLICY: Record<string, string> = {
  SERVICE_CONTROL_POLICY: 'p-FullAWSAccess',
  RESOURCE_CONTROL_POLICY: 'p-RCPFullAWSAccess',
};

// --- the organization an account belongs to -----------------------------------------------

export interface OrgContext {
  /** The management account's scope, where every record lives. */
  scope: Scope;
  org: OrganizationRecord;
  /** Whether the caller is the management account. */
  management: boolean;
}

export function managementScope(account: string): Scope {
  return { account, region: GLOBAL_REGION };
}

export async function membershipOf(ops: StoreOps, account: string): Promise<Membership | undefined> {
  return (await ops.get<Membership>(MEMBERSHIP_SCOPE, KIND.membership, account))?.value;
}

/** The organization the account belongs to, or undefined. */
export async function loadOrg(ops: StoreOps, account: string): Promise<OrgContext | undefined> {
  const membership = await membershipOf(ops, account);
  if (!membership) return undefined;
  const scope = managementScope(membership.managementAccount);
  const org = (await ops.get<OrganizationRecord>(scope, KIND.organization, ORG_ID))?.value;
  if (!org) return undefined;
  return { scope, org, management: account === membership.managementAccount };
}

export async function saveOrg(ops: StoreOps, scope: Scope, org: OrganizationRecord): Promise<void> {
  await ops.put(scope, KIND.organization, ORG_ID, org);
}

export async function deleteOrgRecord(ops: StoreOps, scope: Scope): Promise<void> {
  await ops.delete(scope, KIND.organization, ORG_ID);
}

/** The caller's organization, or AWSOrganizationsNotInUseException. */
export async function requireOrg(ctx: RequestContext, ops: StoreOps = ctx.store): Promise<OrgContext> {
  const found = await loadOrg(ops, ctx.account);
  if (!found) throw notInUse();
  return found;
}

/** The caller's organization when the caller is its management account, else AccessDenied. */
export async function requireManagement(ctx: RequestContext, ops: StoreOps = ctx.store): Promise<OrgContext> {
  const found = await requireOrg(ctx, ops);
  if (!found.management) throw accessDenied();
  return found;
}

// --- records ---------------------------------------------------------------------------------

export async function getRoot(ops: StoreOps, oc: OrgContext): Promise<RootRecord> {
  const root = (await ops.get<RootRecord>(oc.scope, KIND.root, oc.org.RootId))?.value;
  if (!root) throw new Error(`organization ${oc.org.Id} has no root record`);
  return root;
}

export function isEnabled(root: RootRecord, type: string): boolean {
  return root.PolicyTypes.some((t) => t.Type === type && t.Status === 'ENABLED');
}

export async function getOu(ops: StoreOps, oc: OrgContext, id: string): Promise<OuRecord | undefined> {
  return (await ops.get<OuRecord>(oc.scope, KIND.ou, id))?.value;
}

export async function getAccount(ops: StoreOps, oc: OrgContext, id: string): Promise<AccountRecord | undefined> {
  return (await ops.get<AccountRecord>(oc.scope, KIND.account, id))?.value;
}

export async function allOus(ops: StoreOps, oc: OrgContext): Promise<OuRecord[]> {
  return (await ops.list<OuRecord>(oc.scope, KIND.ou)).items.map((i) => i.value);
}

export async function allAccounts(ops: StoreOps, oc: OrgContext): Promise<AccountRecord[]> {
  return (await ops.list<AccountRecord>(oc.scope, KIND.account)).items.map((i) => i.value);
}

/** A root or OU by id, or ParentNotFoundException (or the given error). */
export async function requireParent(ops: StoreOps, oc: OrgContext, id: string, notFound = parentNotFound): Promise<RootRecord | OuRecord> {
  if (id === oc.org.RootId) return getRoot(ops, oc);
  const ou = id.startsWith('ou-') ? await getOu(ops, oc, id) : undefined;
  if (!ou) throw notFound();
  return ou;
}

export type TargetType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

export type Target =
  | { type: 'ROOT'; record: RootRecord }
  | { type: 'ORGANIZATIONAL_UNIT'; record: OuRecord }
  | { type: 'ACCOUNT'; record: AccountRecord };

export async function findTarget(ops: StoreOps, oc: OrgContext, id: string): Promise<Target | undefined> {
  if (id === oc.org.RootId) return { type: 'ROOT', record: await getRoot(ops, oc) };
  if (id.startsWith('ou-')) {
    const ou = await getOu(ops, oc, id);
    return ou && { type: 'ORGANIZATIONAL_UNIT', record: ou };
  }
  if (/^\d{12}$/.test(id)) {
    const account = await getAccount(ops, oc, id);
    return account && { type: 'ACCOUNT', record: account };
  }
  return undefined;
}

/** A root, OU or account by id, or TargetNotFoundException. */
export async function requireTarget(ops: StoreOps, oc: OrgContext, id: string): Promise<Target> {
  const target = await findTarget(ops, oc, id);
  if (!target) throw targetNotFound();
  return target;
}

/** Stores a changed root, OU or account record. */
export async function saveTarget(ops: StoreOps, oc: OrgContext, target: Target): Promise<void> {
  const kind = target.type === 'ROOT' ? KIND.root : target.type === 'ORGANIZATIONAL_UNIT' ? KIND.ou : KIND.account;
  await ops.put(oc.scope, kind, target.record.Id, target.record);
}

export async function findPolicy(ops: StoreOps, oc: OrgContext, id: string): Promise<PolicyRecord | undefined> {
  return MANAGED_POLICIES[id] ?? (await ops.get<PolicyRecord>(oc.scope, KIND.policy, id))?.value;
}

export async function requirePolicy(ops: StoreOps, oc: OrgContext, id: string): Promise<PolicyRecord> {
  const policy = await findPolicy(ops, oc, id);
  if (!policy) throw policyNotFound();
  return policy;
}

// --- attachments -----------------------------------------------------------------------------

export async function attachmentsOf(ops: StoreOps, scope: Scope, targetId: string, type?: string): Promise<Attachment[]> {
  const { items } = await ops.list<Attachment>(scope, KIND.attachment, { prefix: `${targetId}/` });
  return items.map((i) => i.value).filter((a) => !type || a.PolicyType === type);
}

export async function targetsOf(ops: StoreOps, scope: Scope, policyId: string): Promise<Attachment[]> {
  return (await ops.list<Attachment>(scope, KIND.policyTarget, { prefix: `${policyId}/` })).items.map((i) => i.value);
}

export async function isAttached(ops: StoreOps, scope: Scope, targetId: string, policyId: string): Promise<boolean> {
  return (await ops.get(scope, KIND.attachment, `${targetId}/${policyId}`)) !== undefined;
}

export async function putAttachment(ops: StoreOps, scope: Scope, targetId: string, policy: PolicyRecord): Promise<void> {
  const a: Attachment = { TargetId: targetId, PolicyId: policy.Id, PolicyType: policy.Type };
  await ops.put(scope, KIND.attachment, `${targetId}/${policy.Id}`, a);
  await ops.put(scope, KIND.policyTarget, `${policy.Id}/${targetId}`, a);
}

export async function removeAttachment(ops: StoreOps, scope: Scope, targetId: string, policyId: string): Promise<boolean> {
  const removed = await ops.delete(scope, KIND.attachment, `${targetId}/${policyId}`);
  await ops.delete(scope, KIND.policyTarget, `${policyId}/${targetId}`);
  return removed;
}

/** Removes every attachment of a target (when it leaves or is deleted). */
export async function removeAllAttachments(ops: StoreOps, scope: Scope, targetId: string): Promise<void> {
  for (const a of await attachmentsOf(ops, scope, targetId)) await removeAttachment(ops, scope, targetId, a.PolicyId);
}

/** Attaches the default managed policy of every enabled type (a new OU or account). */
export async function attachDefaults(ops: StoreOps, oc: OrgContext, root: RootRecord, targetId: string): Promise<void> {
  for (const t of root.PolicyTypes) {
    const id = DEFAULT_POLICY[t.Type];
    const policy = id ? MANAGED_POLICIES[id] : undefined;
    if (policy) await putAttachment(ops, oc.scope, targetId, policy);
  }
}
