/**
 * Managed policies: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy. A customer managed
 * policy's record lives under its lower-cased name (names are unique in an account, whatever
 * the path); its versions are `<policy id>/v<n>` (policy-versions.ts).
 *
 * AWS managed policies (`arn:aws:iam::aws:policy/…`) come from the read-only catalog
 * (aws-managed-policies.ts); findPolicy/requirePolicy give them the same PolicyRecord shape.
 * The only per-account state they have is their usage (AttachmentCount,
 * PermissionsBoundaryUsageCount), kept under AWS_USAGE_KIND by ARN; savePolicy writes only
 * that for them, and every change to the policy itself answers AccessDenied.
 */
import { AwsError } from '../../core/aws-error.js';
import { GLOBAL_REGION, type Scope, type StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { awsManagedPolicy, isAwsManagedPolicyArn, listAwsManagedPolicies, type AwsManagedPolicy } from './aws-managed-policies.js';
import { deleteConflict, entityAlreadyExists, iamArn, iamScope, nameKey, newId, noSuchEntity, nowIso, outputTags, pageOutput, paginate, requestTags, toDate, type Tag } from './common.js';
import { validatePolicyDocument } from './policy-document.js';

export const POLICY_KIND = 'iam:policy';
export const VERSION_KIND = 'iam:policy-version';
/** Per-account usage of an AWS managed policy, by ARN: `AwsPolicyUsage`. */
export const AWS_USAGE_KIND = 'iam:aws-policy-usage';

interface AwsPolicyUsage {
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
}

export interface PolicyRecord {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  CreateDate: string;
  UpdateDate: string;
  Tags?: Tag[];
  /** The number the next version gets (v1, v2, … are never reused). */
  NextVersion: number;
  VersionCount: number;
}

export interface VersionRecord {
  VersionId: string;
  Document: string;
  CreateDate: string;
}

export function versionId(policy: PolicyRecord, version: string): string {
  return `${policy.PolicyId}/${version}`;
}

const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy(\/(?:.*\/)?)([^/]+)$/;

/** An AWS managed policy as this account sees it (its usage counted in the account). */
function awsPolicyRecord(p: AwsManagedPolicy, usage: AwsPolicyUsage | undefined): PolicyRecord {
  const record: PolicyRecord = {
    PolicyName: p.name,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.versionId,
    AttachmentCount: usage?.AttachmentCount ?? 0,
    PermissionsBoundaryUsageCount: usage?.PermissionsBoundaryUsageCount ?? 0,
    CreateDate: p.createDate,
    UpdateDate: p.updateDate,
    NextVersion: Number(p.versionId.slice(1)) + 1,
    VersionCount: 1,
  };
  if (p.description) record.Description = p.description;
  return record;
}

/** Whether a policy record is an AWS managed policy (from the catalog, not the account). */
export function isAwsManaged(policy: PolicyRecord): boolean {
  return isAwsManagedPolicyArn(policy.Arn);
}

/**
 * AccessDenied (403) for a change to an AWS managed policy: only AWS changes them. IAM words it
 * "Cannot delete policies outside your own account." for DeletePolicy; the other operations
 * follow the same pattern (`what` = "delete policies", "create policy versions", …).
 */
export function assertCustomerManaged(policy: PolicyRecord, what: string): void {
  if (!isAwsManaged(policy)) return;
  throw new AwsError('AccessDenied', `Cannot ${what} outside your own account.`, { status: 403 });
}

/**
 * The policy an ARN names in the caller's account (customer managed) or in the AWS managed
 * catalog (`arn:aws:iam::aws:policy/…`, with this account's usage counts), or undefined.
 */
export async function findPolicy(ops: StoreOps, scope: Scope, arn: string): Promise<{ record: PolicyRecord; version: number } | undefined> {
  const m = POLICY_ARN.exec(arn);
  if (m && m[1] === 'aws') {
    const aws = awsManagedPolicy(arn);
    if (!aws) return undefined;
    const usage = await ops.get<AwsPolicyUsage>(scope, AWS_USAGE_KIND, arn);
    return { record: awsPolicyRecord(aws, usage?.value), version: usage?.version ?? 0 };
  }
  if (!m || m[1] !== scope.account) return undefined;
  const found = await ops.get<PolicyRecord>(scope, POLICY_KIND, (m[3] as string).toLowerCase());
  return found && found.value.Arn === arn ? { record: found.value, version: found.version } : undefined;
}

/** The policy, or NoSuchEntity "Policy <arn> was not found.". */
export async function requirePolicy(ops: StoreOps, scope: Scope, arn: string): Promise<PolicyRecord> {
  const found = await findPolicy(ops, scope, arn);
  if (!found) throw noSuchEntity(`Policy ${arn} was not found.`);
  return found.record;
}

/** Stores a customer managed policy; for an AWS managed policy, stores only this account's usage counts. */
export async function savePolicy(ops: StoreOps, scope: Scope, policy: PolicyRecord): Promise<void> {
  if (isAwsManaged(policy)) {
    if (policy.AttachmentCount > 0 || policy.PermissionsBoundaryUsageCount > 0) {
      const usage: AwsPolicyUsage = { AttachmentCount: policy.AttachmentCount, PermissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount };
      await ops.put(scope, AWS_USAGE_KIND, policy.Arn, usage);
    } else {
      await ops.delete(scope, AWS_USAGE_KIND, policy.Arn);
    }
    return;
  }
  await ops.put(scope, POLICY_KIND, policy.PolicyName.toLowerCase(), policy);
}

/**
 * The default version's document of a managed policy, customer managed (in `account`) or
 * AWS managed (from the catalog): what the policy engine evaluates for an attached policy or
 * a permissions boundary. `id` is the policy ARN.
 */
export async function defaultPolicyDocument(ops: StoreOps, account: string, arn: string): Promise<{ id: string; document: string } | undefined> {
  if (isAwsManagedPolicyArn(arn)) {
    const aws = awsManagedPolicy(arn);
    return aws ? { id: arn, document: aws.document } : undefined;
  }
  const scope: Scope = { account, region: GLOBAL_REGION };
  const found = await findPolicy(ops, scope, arn);
  if (!found) return undefined;
  const version = await ops.get<VersionRecord>(scope, VERSION_KIND, versionId(found.record, found.record.DefaultVersionId));
  return version ? { id: arn, document: version.value.Document } : undefined;
}

export function policyOutput(p: PolicyRecord, full = true): Record<string, unknown> {
  return {
    PolicyName: p.PolicyName,
    PolicyId: p.PolicyId,
    Arn: p.Arn,
    Path: p.Path,
    DefaultVersionId: p.DefaultVersionId,
    AttachmentCount: p.AttachmentCount,
    PermissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount,
    IsAttachable: true,
    Description: full ? p.Description : undefined,
    CreateDate: toDate(p.CreateDate),
    UpdateDate: toDate(p.UpdateDate),
    Tags: full ? outputTags(p.Tags) : undefined,
  };
}

export const createPolicy: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const name = input.PolicyName as string;
  const document = input.PolicyDocument as string;
  validatePolicyDocument(document, 'managed');
  const tags = requestTags(input);
  const policy = await ctx.store.transaction(async (tx) => {
    if (await tx.get(scope, POLICY_KIND, name.toLowerCase())) {
      throw entityAlreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    const path = (input.Path as string | undefined) ?? '/';
    const now = nowIso();
    const record: PolicyRecord = {
      PolicyName: name,
      PolicyId: newId('ANPA'),
      Arn: iamArn(ctx.account, 'policy', path, name),
      Path: path,
      Description: input.Description as string | undefined,
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      CreateDate: now,
      UpdateDate: now,
      Tags: tags,
      NextVersion: 2,
      VersionCount: 1,
    };
    await savePolicy(tx, scope, record);
    await tx.put<VersionRecord>(scope, VERSION_KIND, versionId(record, 'v1'), { VersionId: 'v1', Document: document, CreateDate: now });
    return record;
  });
  const out = policyOutput(policy);
  delete out.Description; // CreatePolicy's response carries no description
  return { Policy: out };
};

export const getPolicy: OperationHandler = async (ctx, input) => ({
  Policy: policyOutput(await requirePolicy(ctx.store, iamScope(ctx), input.PolicyArn as string)),
});

/** The AWS managed policies as this account sees them (with its usage counts), sorted by name. */
async function awsPolicyRecords(ops: StoreOps, scope: Scope, usedOnly: boolean): Promise<PolicyRecord[]> {
  const usage = new Map((await ops.list<AwsPolicyUsage>(scope, AWS_USAGE_KIND)).items.map((i) => [i.id, i.value]));
  if (usedOnly) {
    const used: PolicyRecord[] = [];
    for (const [arn, u] of usage) {
      const aws = awsManagedPolicy(arn);
      if (aws) used.push(awsPolicyRecord(aws, u));
    }
    return used.sort((a, b) => (nameKey(a.PolicyName) < nameKey(b.PolicyName) ? -1 : 1));
  }
  return listAwsManagedPolicies().map((p) => awsPolicyRecord(p, usage.get(p.arn)));
}

/**
 * ListPolicies. Scope=Local: the account's customer managed policies; Scope=AWS: the AWS
 * managed catalog; Scope=All (the default): both, AWS managed first, then local, each sorted
 * by name (one Marker walks across both).
 */
export const listPolicies: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const which = (input.Scope as string | undefined) ?? 'All';
  const usedOnly = input.OnlyAttached === true || input.PolicyUsageFilter === 'PermissionsBoundary';
  const aws = which === 'Local' ? [] : await awsPolicyRecords(ctx.store, scope, usedOnly);
  const local =
    which === 'AWS'
      ? []
      : (await ctx.store.list<PolicyRecord>(scope, POLICY_KIND)).items
          .map((i) => i.value)
          .sort((a, b) => (nameKey(a.PolicyName) < nameKey(b.PolicyName) ? -1 : 1));
  const policies = [...aws, ...local]
    .filter((p) => !input.PathPrefix || p.Path.startsWith(input.PathPrefix as string))
    .filter((p) => input.OnlyAttached !== true || p.AttachmentCount > 0)
    .filter((p) => input.PolicyUsageFilter !== 'PermissionsBoundary' || p.PermissionsBoundaryUsageCount > 0);
  const key = (p: PolicyRecord) => `${isAwsManaged(p) ? 'a' : 'l'}\u0000${nameKey(p.PolicyName)}`;
  return pageOutput('Policies', paginate(policies, key, input), (p) => policyOutput(p, false));
};

export const deletePolicy: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const policy = await requirePolicy(tx, scope, input.PolicyArn as string);
    assertCustomerManaged(policy, 'delete policies');
    if (policy.AttachmentCount > 0 || policy.PermissionsBoundaryUsageCount > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
    if (policy.VersionCount > 1) {
      throw deleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    await tx.delete(scope, VERSION_KIND, versionId(policy, policy.DefaultVersionId));
    await tx.delete(scope, POLICY_KIND, policy.PolicyName.toLowerCase());
  });
  return {};
};
