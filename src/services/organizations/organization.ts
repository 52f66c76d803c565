/** The organization and its root: Create/Describe/DeleteOrganization, ListRoots, Enable/DisablePolicyType. */
import type { OperationHandler } from '../types.js';
import {
  accountArn,
  alreadyInOrganization,
  constraintViolation,
  newOrganizationId,
  newRootId,
  nowIso,
  orgArn,
  organizationNotEmpty,
  pageOutput,
  paginate,
  policyTypeAlreadyEnabled,
  policyTypeNotAvailable,
  policyTypeNotEnabled,
  rootArn,
  rootNotFound,
} from './common.js';
import {
  DEFAULT_POLICY,
  KIND,
  MANAGED_POLICIES,
  MEMBERSHIP_SCOPE,
  SUPPORTED_POLICY_TYPES,
  allAccounts,
  allOus,
  deleteOrgRecord,
  getRoot,
  isEnabled,
  managementScope,
  membershipOf,
  putAttachment,
  removeAttachment,
  requireManagement,
  requireOrg,
  saveOrg,
  targetsOf,
  type AccountRecord,
  type Membership,
  type OrganizationRecord,
  type RootRecord,
} from './state.js';

export function organizationOutput(org: OrganizationRecord): Record<string, unknown> {
  return {
    Id: org.Id,
    Arn: org.Arn,
    FeatureSet: org.FeatureSet,
    MasterAccountArn: org.MasterAccountArn,
    MasterAccountId: org.MasterAccountId,
    MasterAccountEmail: org.MasterAccountEmail,
    // Deprecated by AWS but still returned: SCPs are available in an ALL-features organization.
    AvailablePolicyTypes: org.FeatureSet === 'ALL' ? [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] : [],
  };
}

export function rootOutput(root: RootRecord): Record<string, unknown> {
  return { Id: root.Id, Arn: root.Arn, Name: root.Name, PolicyTypes: root.PolicyTypes };
}

/** The e-mail Bulwark gives a management account (Bulwark accounts have no e-mail of their own). */
export function managementEmail(account: string): string {
  return `management+${account}@bulwark.invalid`;
}

export const createOrganization: OperationHandler = async (ctx, input) => {
  const featureSet = (input.FeatureSet as 'ALL' | 'CONSOLIDATED_BILLING' | undefined) ?? 'ALL';
  const mgmt = ctx.account;
  const scope = managementScope(mgmt);
  const org = await ctx.store.transaction(async (tx) => {
    if (await membershipOf(tx, mgmt)) throw alreadyInOrganization();
    const orgId = newOrganizationId();
    const rootId = newRootId();
    const now = nowIso();
    const org: OrganizationRecord = {
      Id: orgId,
      Arn: orgArn(mgmt, orgId),
      FeatureSet: featureSet,
      MasterAccountId: mgmt,
      MasterAccountArn: accountArn(mgmt, orgId, mgmt),
      MasterAccountEmail: managementEmail(mgmt),
      RootId: rootId,
    };
    const root: RootRecord = { Id: rootId, Arn: rootArn(mgmt, orgId, rootId), Name: 'Root', PolicyTypes: [] };
    const account: AccountRecord = {
      Id: mgmt,
      Arn: org.MasterAccountArn,
      Email: org.MasterAccountEmail,
      Name: 'Management account',
      Status: 'ACTIVE',
      State: 'ACTIVE',
      JoinedMethod: 'INVITED',
      JoinedTimestamp: now,
      ParentId: rootId,
    };
    await saveOrg(tx, scope, org);
    await tx.put(scope, KIND.root, rootId, root);
    await tx.put(scope, KIND.account, mgmt, account);
    await tx.put<Membership>(MEMBERSHIP_SCOPE, KIND.membership, mgmt, { organizationId: orgId, managementAccount: mgmt });
    return org;
  });
  return { Organization: organizationOutput(org) };
};

export const describeOrganization: OperationHandler = async (ctx) => {
  const { org } = await requireOrg(ctx);
  return { Organization: organizationOutput(org) };
};

export const deleteOrganization: OperationHandler = async (ctx) => {
  await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const accounts = await allAccounts(tx, oc);
    if (accounts.some((a) => a.Id !== oc.org.MasterAccountId)) throw organizationNotEmpty();
    for (const kind of [KIND.attachment, KIND.policyTarget, KIND.policy, KIND.ou, KIND.account, KIND.root, KIND.createAccountStatus]) {
      for (const item of (await tx.list(oc.scope, kind)).items) await tx.delete(oc.scope, kind, item.id);
    }
    await deleteOrgRecord(tx, oc.scope);
    await tx.delete(MEMBERSHIP_SCOPE, KIND.membership, oc.org.MasterAccountId);
  });
  return {};
};

/** Management account only, as in AWS (a delegated administrator is not modelled). */
export const listRoots: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const root = await getRoot(ctx.store, oc);
  return pageOutput('Roots', paginate([root], (r) => r.Id, input), rootOutput);
};

export const enablePolicyType: OperationHandler = async (ctx, input) => {
  const type = input.PolicyType as string;
  const root = await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    if (input.RootId !== oc.org.RootId) throw rootNotFound();
    if (!SUPPORTED_POLICY_TYPES.includes(type)) throw policyTypeNotAvailable();
    if (oc.org.FeatureSet !== 'ALL') {
      throw constraintViolation('ORGANIZATION_NOT_IN_ALL_FEATURES_MODE', 'You can enable this policy type only in an organization with all features enabled.');
    }
    const root = await getRoot(tx, oc);
    if (isEnabled(root, type)) throw policyTypeAlreadyEnabled();
    const updated: RootRecord = { ...root, PolicyTypes: [...root.PolicyTypes, { Type: type, Status: 'ENABLED' }] };
    await tx.put(oc.scope, KIND.root, root.Id, updated);
    // The default managed policy goes on the root and on every OU and account.
    const policy = MANAGED_POLICIES[DEFAULT_POLICY[type] as string];
    if (policy) {
      const ids = [root.Id, ...(await allOus(tx, oc)).map((o) => o.Id), ...(await allAccounts(tx, oc)).map((a) => a.Id)];
      for (const id of ids) await putAttachment(tx, oc.scope, id, policy);
    }
    return updated;
  });
  return { Root: rootOutput(root) };
};

export const disablePolicyType: OperationHandler = async (ctx, input) => {
  const type = input.PolicyType as string;
  const root = await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    if (input.RootId !== oc.org.RootId) throw rootNotFound();
    const root = await getRoot(tx, oc);
    if (!isEnabled(root, type)) throw policyTypeNotEnabled();
    const updated: RootRecord = { ...root, PolicyTypes: root.PolicyTypes.filter((t) => t.Type !== type) };
    await tx.put(oc.scope, KIND.root, root.Id, updated);
    // Every policy of the type is detached from every target.
    for (const item of (await tx.list<{ Type: string }>(oc.scope, KIND.policy)).items) {
      if (item.value.Type !== type) continue;
      for (const a of await targetsOf(tx, oc.scope, item.id)) await removeAttachment(tx, oc.scope, a.TargetId, a.PolicyId);
    }
    const managed = DEFAULT_POLICY[type];
    if (managed) for (const a of await targetsOf(tx, oc.scope, managed)) await removeAttachment(tx, oc.scope, a.TargetId, a.PolicyId);
    return updated;
  });
  return { Root: rootOutput(root) };
};
