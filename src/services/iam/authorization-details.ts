/**
 * GetAccountAuthorizationDetails: every user, group, role and managed policy of the account with
 * their policies, in one paged answer. Documents leave URL-encoded, as IAM returns them. AWS
 * managed policies are listed only when something in the account uses them (attached or as a
 * boundary), as AWS does. Marker/MaxItems page over the concatenation users → groups → roles →
 * policies.
 */
import type { OperationHandler, RequestContext } from '../types.js';
import { iamScope, nameKey, outputTags, paginate, toDate } from './common.js';
import { awsManagedPolicy } from './aws-managed-policies.js';
import { AWS_USAGE_KIND, POLICY_KIND, VERSION_KIND, findPolicy, isAwsManaged, policyOutput, type PolicyRecord, type VersionRecord } from './managed-policies.js';
import { CHILD, entityById, listChildren, listEntities, type EntityRecord } from './entities.js';
import { groupOutput } from './groups.js';
import { roleInstanceProfiles } from './instance-profiles.js';
import { roleOutput } from './roles.js';
import { userOutput } from './users.js';
import { encodeDocument } from './policy-document.js';

type Filter = 'User' | 'Group' | 'Role' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

interface Item {
  key: string;
  list: 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies';
  build: () => Promise<Record<string, unknown>>;
}

async function inlinePolicies(ctx: RequestContext, entity: EntityRecord): Promise<Record<string, unknown>[]> {
  const items = await listChildren<{ PolicyName: string; PolicyDocument: string }>(ctx.store, iamScope(ctx), CHILD.inline, entity.Id);
  return items
    .map((i) => i.value)
    .sort((a, b) => (a.PolicyName < b.PolicyName ? -1 : 1))
    .map((p) => ({ PolicyName: p.PolicyName, PolicyDocument: encodeDocument(p.PolicyDocument) }));
}

async function attachedPolicies(ctx: RequestContext, entity: EntityRecord): Promise<Record<string, unknown>[]> {
  const items = await listChildren<{ PolicyName: string; PolicyArn: string }>(ctx.store, iamScope(ctx), CHILD.attached, entity.Id);
  return items
    .map((i) => i.value)
    .sort((a, b) => (nameKey(a.PolicyName) < nameKey(b.PolicyName) ? -1 : 1))
    .map((a) => ({ PolicyName: a.PolicyName, PolicyArn: a.PolicyArn }));
}

async function userDetail(ctx: RequestContext, u: EntityRecord): Promise<Record<string, unknown>> {
  const groups: EntityRecord[] = [];
  for (const m of await listChildren<{ id: string }>(ctx.store, iamScope(ctx), CHILD.userGroups, u.Id)) {
    const g = await entityById(ctx.store, iamScope(ctx), 'group', m.value.id);
    if (g) groups.push(g);
  }
  groups.sort((a, b) => (nameKey(a.Name) < nameKey(b.Name) ? -1 : 1));
  return {
    ...userOutput(u),
    UserPolicyList: await inlinePolicies(ctx, u),
    GroupList: groups.map((g) => g.Name),
    AttachedManagedPolicies: await attachedPolicies(ctx, u),
    Tags: outputTags(u.Tags) ?? [],
  };
}

async function groupDetail(ctx: RequestContext, g: EntityRecord): Promise<Record<string, unknown>> {
  return {
    ...groupOutput(g),
    GroupPolicyList: await inlinePolicies(ctx, g),
    AttachedManagedPolicies: await attachedPolicies(ctx, g),
  };
}

async function roleDetail(ctx: RequestContext, r: EntityRecord): Promise<Record<string, unknown>> {
  return {
    ...roleOutput(r),
    InstanceProfileList: await roleInstanceProfiles(ctx.store, iamScope(ctx), r),
    RolePolicyList: await inlinePolicies(ctx, r),
    AttachedManagedPolicies: await attachedPolicies(ctx, r),
    Tags: outputTags(r.Tags) ?? [],
  };
}

async function policyDetail(ctx: RequestContext, p: PolicyRecord): Promise<Record<string, unknown>> {
  const base = policyOutput(p, true);
  delete base.Tags;
  let versions: VersionRecord[];
  if (isAwsManaged(p)) {
    const aws = awsManagedPolicy(p.Arn);
    versions = aws ? [{ VersionId: aws.versionId, Document: aws.document, CreateDate: aws.updateDate }] : [];
  } else {
    versions = (await ctx.store.list<VersionRecord>(iamScope(ctx), VERSION_KIND, { prefix: `${p.PolicyId}/` })).items.map((i) => i.value);
  }
  versions.sort((a, b) => Number(b.VersionId.slice(1)) - Number(a.VersionId.slice(1)));
  return {
    ...base,
    PolicyVersionList: versions.map((v) => ({
      Document: encodeDocument(v.Document),
      VersionId: v.VersionId,
      IsDefaultVersion: v.VersionId === p.DefaultVersionId,
      CreateDate: toDate(v.CreateDate),
    })),
  };
}

export const getAccountAuthorizationDetails: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const requested = (input.Filter as string[] | undefined) ?? [];
  const want = (f: Filter) => requested.length === 0 || requested.includes(f);
  const items: Item[] = [];
  const pad = (n: number, name: string) => `${n}\u0000${nameKey(name)}`;
  if (want('User')) {
    for (const u of await listEntities(ctx.store, scope, 'user')) items.push({ key: pad(1, u.Name), list: 'UserDetailList', build: () => userDetail(ctx, u) });
  }
  if (want('Group')) {
    for (const g of await listEntities(ctx.store, scope, 'group')) items.push({ key: pad(2, g.Name), list: 'GroupDetailList', build: () => groupDetail(ctx, g) });
  }
  if (want('Role')) {
    for (const r of await listEntities(ctx.store, scope, 'role')) items.push({ key: pad(3, r.Name), list: 'RoleDetailList', build: () => roleDetail(ctx, r) });
  }
  const policies: PolicyRecord[] = [];
  if (want('AWSManagedPolicy')) {
    for (const usage of (await ctx.store.list(scope, AWS_USAGE_KIND)).items) {
      const found = await findPolicy(ctx.store, scope, usage.id);
      if (found) policies.push(found.record);
    }
  }
  if (want('LocalManagedPolicy')) {
    policies.push(...(await ctx.store.list<PolicyRecord>(scope, POLICY_KIND)).items.map((i) => i.value));
  }
  for (const p of policies) {
    items.push({ key: `4\u0000${isAwsManaged(p) ? 'a' : 'l'}\u0000${nameKey(p.PolicyName)}`, list: 'Policies', build: () => policyDetail(ctx, p) });
  }
  items.sort((a, b) => (a.key < b.key ? -1 : 1));
  const page = paginate(items, (i) => i.key, input);
  const out: Record<string, unknown> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  for (const item of page.items) (out[item.list] as unknown[]).push(await item.build());
  out.IsTruncated = page.IsTruncated;
  if (page.Marker) out.Marker = page.Marker;
  return out;
};
