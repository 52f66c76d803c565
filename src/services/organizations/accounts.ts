/**
 * Accounts: CreateAccount (a real Bulwark account with OrganizationAccountAccessRole),
 * Describe/ListCreateAccountStatus, DescribeAccount, ListAccounts, ListAccountsForParent,
 * MoveAccount, RemoveAccountFromOrganization, LeaveOrganization, ListParents, ListChildren.
 */
import type { StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { createRoleRecord } from '../iam/role-records.js';
import {
  accountArn,
  accountNotFound,
  childNotFound,
  createAccountStatusNotFound,
  destinationParentNotFound,
  duplicateAccount,
  masterCannotLeave,
  newAccountId,
  newCreateAccountRequestId,
  nowIso,
  pageOutput,
  paginate,
  requestTags,
  sourceParentNotFound,
} from './common.js';
import {
  KIND,
  MEMBERSHIP_SCOPE,
  allAccounts,
  allOus,
  attachDefaults,
  getAccount,
  getOu,
  getRoot,
  membershipOf,
  removeAllAttachments,
  requireManagement,
  requireOrg,
  requireParent,
  type AccountRecord,
  type CreateAccountStatusRecord,
  type Membership,
  type OrgContext,
} from './state.js';

export const DEFAULT_ACCESS_ROLE = 'OrganizationAccountAccessRole';
export const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

export function accountOutput(a: AccountRecord): Record<string, unknown> {
  return {
    Id: a.Id,
    Arn: a.Arn,
    Email: a.Email,
    Name: a.Name,
    Status: a.Status,
    State: a.State,
    JoinedMethod: a.JoinedMethod,
    JoinedTimestamp: new Date(a.JoinedTimestamp),
  };
}

function statusOutput(s: CreateAccountStatusRecord): Record<string, unknown> {
  return {
    Id: s.Id,
    AccountName: s.AccountName,
    State: s.State,
    RequestedTimestamp: new Date(s.RequestedTimestamp),
    CompletedTimestamp: s.CompletedTimestamp ? new Date(s.CompletedTimestamp) : undefined,
    AccountId: s.AccountId,
    FailureReason: s.FailureReason,
  };
}

/** The trust policy of OrganizationAccountAccessRole: the management account may assume it. */
export function accessRoleTrust(managementAccount: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${managementAccount}:root` }, Action: 'sts:AssumeRole' }],
  });
}

async function unusedAccountId(ops: StoreOps): Promise<string> {
  for (;;) {
    const id = newAccountId();
    if (!(await membershipOf(ops, id))) return id;
  }
}

export const createAccount: OperationHandler = async (ctx, input) => {
  const tags = requestTags(input);
  const status = await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const now = nowIso();
    const email = input.Email as string;
    const status: CreateAccountStatusRecord = {
      Id: newCreateAccountRequestId(),
      AccountName: input.AccountName as string,
      State: 'SUCCEEDED',
      RequestedTimestamp: now,
      CompletedTimestamp: now,
    };
    const accounts = await allAccounts(tx, oc);
    if (accounts.some((a) => a.Email.toLowerCase() === email.toLowerCase())) {
      status.State = 'FAILED';
      status.FailureReason = 'EMAIL_ALREADY_EXISTS';
    } else {
      const id = await unusedAccountId(tx);
      const root = await getRoot(tx, oc);
      const account: AccountRecord = {
        Id: id,
        Arn: accountArn(oc.org.MasterAccountId, oc.org.Id, id),
        Email: email,
        Name: input.AccountName as string,
        Status: 'ACTIVE',
        State: 'ACTIVE',
        JoinedMethod: 'CREATED',
        JoinedTimestamp: now,
        ParentId: root.Id,
        Tags: tags,
      };
      await tx.put(oc.scope, KIND.account, id, account);
      await tx.put<Membership>(MEMBERSHIP_SCOPE, KIND.membership, id, { organizationId: oc.org.Id, managementAccount: oc.org.MasterAccountId });
      await attachDefaults(tx, oc, root, id);
      await createRoleRecord(tx, id, {
        RoleName: (input.RoleName as string | undefined) ?? DEFAULT_ACCESS_ROLE,
        AssumeRolePolicyDocument: accessRoleTrust(oc.org.MasterAccountId),
        ManagedPolicyArns: [ADMINISTRATOR_ACCESS],
      });
      status.AccountId = id;
    }
    await tx.put(oc.scope, KIND.createAccountStatus, status.Id, status);
    return status;
  });
  return { CreateAccountStatus: statusOutput(status) };
};

export const describeCreateAccountStatus: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const found = await ctx.store.get<CreateAccountStatusRecord>(oc.scope, KIND.createAccountStatus, input.CreateAccountRequestId as string);
  if (!found) throw createAccountStatusNotFound();
  return { CreateAccountStatus: statusOutput(found.value) };
};

export const listCreateAccountStatus: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const states = input.States as string[] | undefined;
  const key = (s: CreateAccountStatusRecord) => `${s.RequestedTimestamp}\u0000${s.Id}`;
  const all = (await ctx.store.list<CreateAccountStatusRecord>(oc.scope, KIND.createAccountStatus)).items
    .map((i) => i.value)
    .filter((s) => !states || states.length === 0 || states.includes(s.State))
    .sort((a, b) => (key(a) < key(b) ? -1 : 1));
  return pageOutput('CreateAccountStatuses', paginate(all, key, input), statusOutput);
};

async function requireAccount(ops: StoreOps, oc: OrgContext, id: string): Promise<AccountRecord> {
  const account = await getAccount(ops, oc, id);
  if (!account) throw accountNotFound();
  return account;
}

export const describeAccount: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  return { Account: accountOutput(await requireAccount(ctx.store, oc, input.AccountId as string)) };
};

export const listAccounts: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const accounts = await allAccounts(ctx.store, oc); // listed in id order
  return pageOutput('Accounts', paginate(accounts, (a) => a.Id, input), accountOutput);
};

export const listAccountsForParent: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const parent = await requireParent(ctx.store, oc, input.ParentId as string);
  const accounts = (await allAccounts(ctx.store, oc)).filter((a) => a.ParentId === parent.Id);
  return pageOutput('Accounts', paginate(accounts, (a) => a.Id, input), accountOutput);
};

export const moveAccount: OperationHandler = async (ctx, input) => {
  await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const account = await requireAccount(tx, oc, input.AccountId as string);
    const source = await requireParent(tx, oc, input.SourceParentId as string, sourceParentNotFound);
    const destination = await requireParent(tx, oc, input.DestinationParentId as string, destinationParentNotFound);
    if (account.ParentId !== source.Id) throw accountNotFound();
    if (destination.Id === account.ParentId) throw duplicateAccount();
    await tx.put(oc.scope, KIND.account, account.Id, { ...account, ParentId: destination.Id });
  });
  return {};
};

/** Takes an account out of the organization: its record, attachments and membership go. */
async function removeAccount(ops: StoreOps, oc: OrgContext, account: AccountRecord): Promise<void> {
  await removeAllAttachments(ops, oc.scope, account.Id);
  await ops.delete(oc.scope, KIND.account, account.Id);
  await ops.delete(MEMBERSHIP_SCOPE, KIND.membership, account.Id);
}

export const removeAccountFromOrganization: OperationHandler = async (ctx, input) => {
  await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const account = await requireAccount(tx, oc, input.AccountId as string);
    if (account.Id === oc.org.MasterAccountId) throw masterCannotLeave();
    await removeAccount(tx, oc, account);
  });
  return {};
};

export const leaveOrganization: OperationHandler = async (ctx) => {
  await ctx.store.transaction(async (tx) => {
    const oc = await requireOrg(ctx, tx);
    if (oc.management) throw masterCannotLeave();
    await removeAccount(tx, oc, await requireAccount(tx, oc, ctx.account));
  });
  return {};
};

export const listParents: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const childId = input.ChildId as string;
  const child = childId.startsWith('ou-') ? await getOu(ctx.store, oc, childId) : await getAccount(ctx.store, oc, childId);
  if (!child) throw childNotFound();
  const type = child.ParentId === oc.org.RootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
  return pageOutput('Parents', paginate([child.ParentId], (id) => id, input), (id) => ({ Id: id, Type: type }));
};

export const listChildren: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const parent = await requireParent(ctx.store, oc, input.ParentId as string);
  const type = input.ChildType as 'ACCOUNT' | 'ORGANIZATIONAL_UNIT';
  const ids =
    type === 'ACCOUNT'
      ? (await allAccounts(ctx.store, oc)).filter((a) => a.ParentId === parent.Id).map((a) => a.Id)
      : (await allOus(ctx.store, oc)).filter((o) => o.ParentId === parent.Id).map((o) => o.Id);
  return pageOutput('Children', paginate(ids, (id) => id, input), (id) => ({ Id: id, Type: type }));
};
