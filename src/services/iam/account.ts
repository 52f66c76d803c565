/** Account-level IAM: the root user's creation date, the account alias, GetAccountSummary. */
import { GLOBAL_REGION, type Scope } from '../../store/index.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { entityAlreadyExists, iamScope, noSuchEntity, nowIso, toDate } from './common.js';
import { CHILD, ENTITY } from './entities.js';
import { POLICY_KIND } from './managed-policies.js';
import { POLICY_SIZE_LIMITS } from './policy-document.js';

const META_KIND = 'iam:account';
const META_ID = 'meta';
/** Aliases are unique across accounts: one global index. */
const ALIAS_SCOPE: Scope = { account: 'aws', region: GLOBAL_REGION };
const ALIAS_KIND = 'iam:account-alias';

interface AccountMeta {
  CreateDate: string;
  Alias?: string;
}

async function meta(ctx: RequestContext): Promise<AccountMeta> {
  const scope = iamScope(ctx);
  const found = await ctx.store.get<AccountMeta>(scope, META_KIND, META_ID);
  if (found) return found.value;
  const created: AccountMeta = { CreateDate: nowIso() };
  await ctx.store.put(scope, META_KIND, META_ID, created, { expectVersion: 0 }).catch(() => undefined);
  return (await ctx.store.get<AccountMeta>(scope, META_KIND, META_ID))?.value ?? created;
}

/** When the account (its root user) was first seen. */
export async function accountCreateDate(ctx: RequestContext): Promise<Date> {
  return toDate((await meta(ctx)).CreateDate);
}

export const createAccountAlias: OperationHandler = async (ctx, input) => {
  const alias = input.AccountAlias as string;
  const current = await meta(ctx);
  await ctx.store.transaction(async (tx) => {
    const owner = await tx.get<{ account: string }>(ALIAS_SCOPE, ALIAS_KIND, alias);
    if (owner && owner.value.account !== ctx.account) throw entityAlreadyExists(`The account alias ${alias} already exists.`);
    // An account has at most one alias: a new one replaces it.
    if (current.Alias && current.Alias !== alias) await tx.delete(ALIAS_SCOPE, ALIAS_KIND, current.Alias);
    await tx.put(ALIAS_SCOPE, ALIAS_KIND, alias, { account: ctx.account });
    await tx.put(iamScope(ctx), META_KIND, META_ID, { ...current, Alias: alias });
  });
  return {};
};

export const deleteAccountAlias: OperationHandler = async (ctx, input) => {
  const alias = input.AccountAlias as string;
  const current = await meta(ctx);
  if (current.Alias !== alias) throw noSuchEntity(`The account alias ${alias} cannot be found.`);
  await ctx.store.transaction(async (tx) => {
    await tx.delete(ALIAS_SCOPE, ALIAS_KIND, alias);
    await tx.put(iamScope(ctx), META_KIND, META_ID, { CreateDate: current.CreateDate });
  });
  return {};
};

export const listAccountAliases: OperationHandler = async (ctx) => {
  const { Alias } = await meta(ctx);
  return { AccountAliases: Alias ? [Alias] : [], IsTruncated: false };
};

export const getAccountSummary: OperationHandler = async (ctx) => {
  const scope = iamScope(ctx);
  const count = async (kind: string) => (await ctx.store.list(scope, kind)).items.length;
  return {
    SummaryMap: {
      Users: await count(ENTITY.user.kind),
      UsersQuota: 5000,
      Groups: await count(ENTITY.group.kind),
      GroupsQuota: 300,
      Roles: await count(ENTITY.role.kind),
      RolesQuota: 1000,
      Policies: await count(POLICY_KIND),
      PoliciesQuota: 1500,
      PolicySizeQuota: POLICY_SIZE_LIMITS.managed,
      PolicyVersionsInUse: await count(CHILD.attached),
      PolicyVersionsInUseQuota: 10000,
      VersionsPerPolicyQuota: 5,
      UserPolicySizeQuota: POLICY_SIZE_LIMITS.user,
      GroupPolicySizeQuota: POLICY_SIZE_LIMITS.group,
      RolePolicySizeQuota: POLICY_SIZE_LIMITS.role,
      AssumeRolePolicySizeQuota: POLICY_SIZE_LIMITS.trust,
      GroupsPerUserQuota: 10,
      AttachedPoliciesPerUserQuota: 10,
      AttachedPoliciesPerGroupQuota: 10,
      AttachedPoliciesPerRoleQuota: 10,
      AccessKeysPerUserQuota: 2,
      SigningCertificatesPerUserQuota: 2,
      ServerCertificates: 0,
      ServerCertificatesQuota: 20,
      MFADevices: 0,
      MFADevicesInUse: 0,
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 1,
      AccountPasswordPresent: 0,
      AccountSigningCertificatesPresent: 0,
      InstanceProfiles: 0,
      InstanceProfilesQuota: 1000,
      Providers: 0,
      GlobalEndpointTokenVersion: 1,
    },
  };
};
