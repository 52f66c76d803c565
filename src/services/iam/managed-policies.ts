/**
 * Customer managed policies: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy. The policy
 * record lives under its lower-cased name (names are unique in an account, whatever the path);
 * its versions are `<policy id>/v<n>` (policy-versions.ts).
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { deleteConflict, entityAlreadyExists, iamArn, iamScope, nameKey, newId, noSuchEntity, nowIso, outputTags, pageOutput, paginate, requestTags, toDate, type Tag } from './common.js';
import { validatePolicyDocument } from './policy-document.js';

export const POLICY_KIND = 'iam:policy';
export const VERSION_KIND = 'iam:policy-version';

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

/** The policy an ARN names in the caller's account, or undefined. */
export async function findPolicy(ops: StoreOps, scope: Scope, arn: string): Promise<{ record: PolicyRecord; version: number } | undefined> {
  const m = POLICY_ARN.exec(arn);
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

export async function savePolicy(ops: StoreOps, scope: Scope, policy: PolicyRecord): Promise<void> {
  await ops.put(scope, POLICY_KIND, policy.PolicyName.toLowerCase(), policy);
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

export const listPolicies: OperationHandler = async (ctx, input) => {
  // Only customer managed policies exist here: Scope=AWS lists nothing.
  const policies =
    input.Scope === 'AWS'
      ? []
      : (await ctx.store.list<PolicyRecord>(iamScope(ctx), POLICY_KIND)).items
          .map((i) => i.value)
          .filter((p) => !input.PathPrefix || p.Path.startsWith(input.PathPrefix as string))
          .filter((p) => !input.OnlyAttached || p.AttachmentCount > 0)
          .filter((p) => input.PolicyUsageFilter !== 'PermissionsBoundary' || p.PermissionsBoundaryUsageCount > 0)
          .sort((a, b) => (nameKey(a.PolicyName) < nameKey(b.PolicyName) ? -1 : 1));
  return pageOutput('Policies', paginate(policies, (p) => nameKey(p.PolicyName), input), (p) => policyOutput(p, false));
};

export const deletePolicy: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const policy = await requirePolicy(tx, scope, input.PolicyArn as string);
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
