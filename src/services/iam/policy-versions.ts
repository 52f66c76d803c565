/** Managed policy versions: CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, DeletePolicyVersion, SetDefaultPolicyVersion. */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { deleteConflict, iamScope, limitExceeded, noSuchEntity, nowIso, pageOutput, paginate, toDate } from './common.js';
import { awsManagedPolicy } from './aws-managed-policies.js';
import { assertCustomerManaged, isAwsManaged, requirePolicy, savePolicy, VERSION_KIND, versionId, type PolicyRecord, type VersionRecord } from './managed-policies.js';
import { encodeDocument, validatePolicyDocument } from './policy-document.js';

export const MAX_VERSIONS = 5;

async function requireVersion(ops: StoreOps, scope: Scope, policy: PolicyRecord, version: string): Promise<VersionRecord> {
  if (isAwsManaged(policy)) {
    // The catalog holds an AWS managed policy's default version only.
    const aws = awsManagedPolicy(policy.Arn);
    if (aws && version === aws.versionId) return { VersionId: aws.versionId, Document: aws.document, CreateDate: aws.updateDate };
    throw noSuchEntity(`Policy ${policy.Arn} version ${version} does not exist or is not attachable.`);
  }
  const found = await ops.get<VersionRecord>(scope, VERSION_KIND, versionId(policy, version));
  if (!found) throw noSuchEntity(`Policy ${policy.Arn} version ${version} does not exist or is not attachable.`);
  return found.value;
}

const versionNumber = (v: VersionRecord) => Number(v.VersionId.slice(1));

function versionOutput(policy: PolicyRecord, v: VersionRecord, withDocument: boolean): Record<string, unknown> {
  return {
    Document: withDocument ? encodeDocument(v.Document) : undefined,
    VersionId: v.VersionId,
    IsDefaultVersion: v.VersionId === policy.DefaultVersionId,
    CreateDate: toDate(v.CreateDate),
  };
}

export const createPolicyVersion: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const document = input.PolicyDocument as string;
  validatePolicyDocument(document, 'managed');
  return ctx.store.transaction(async (tx) => {
    const policy = await requirePolicy(tx, scope, input.PolicyArn as string);
    assertCustomerManaged(policy, 'create policy versions for policies');
    if (policy.VersionCount >= MAX_VERSIONS) {
      throw limitExceeded(`A managed policy can have up to ${MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version.`);
    }
    const now = nowIso();
    const version: VersionRecord = { VersionId: `v${policy.NextVersion}`, Document: document, CreateDate: now };
    await tx.put(scope, VERSION_KIND, versionId(policy, version.VersionId), version);
    const updated: PolicyRecord = {
      ...policy,
      NextVersion: policy.NextVersion + 1,
      VersionCount: policy.VersionCount + 1,
      UpdateDate: now,
      DefaultVersionId: input.SetAsDefault === true ? version.VersionId : policy.DefaultVersionId,
    };
    await savePolicy(tx, scope, updated);
    return { PolicyVersion: versionOutput(updated, version, false) };
  });
};

export const getPolicyVersion: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const policy = await requirePolicy(ctx.store, scope, input.PolicyArn as string);
  const version = await requireVersion(ctx.store, scope, policy, input.VersionId as string);
  return { PolicyVersion: versionOutput(policy, version, true) };
};

export const listPolicyVersions: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const policy = await requirePolicy(ctx.store, scope, input.PolicyArn as string);
  const versions = isAwsManaged(policy)
    ? [await requireVersion(ctx.store, scope, policy, policy.DefaultVersionId)]
    : (await ctx.store.list<VersionRecord>(scope, VERSION_KIND, { prefix: `${policy.PolicyId}/` })).items.map((i) => i.value);
  versions.sort((a, b) => versionNumber(b) - versionNumber(a)); // newest first
  const key = (v: VersionRecord) => String(1e9 - versionNumber(v)).padStart(10, '0');
  return pageOutput('Versions', paginate(versions, key, input), (v) => versionOutput(policy, v, false));
};

export const deletePolicyVersion: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const policy = await requirePolicy(tx, scope, input.PolicyArn as string);
    assertCustomerManaged(policy, 'delete policy versions for policies');
    const version = await requireVersion(tx, scope, policy, input.VersionId as string);
    if (version.VersionId === policy.DefaultVersionId) throw deleteConflict('Cannot delete the default version of a policy.');
    await tx.delete(scope, VERSION_KIND, versionId(policy, version.VersionId));
    await savePolicy(tx, scope, { ...policy, VersionCount: policy.VersionCount - 1 });
  });
  return {};
};

export const setDefaultPolicyVersion: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const policy = await requirePolicy(tx, scope, input.PolicyArn as string);
    assertCustomerManaged(policy, 'set the default version of policies');
    const version = await requireVersion(tx, scope, policy, input.VersionId as string);
    await savePolicy(tx, scope, { ...policy, DefaultVersionId: version.VersionId, UpdateDate: nowIso() });
  });
  return {};
};
