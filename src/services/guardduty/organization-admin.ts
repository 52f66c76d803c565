/**
 * The delegated GuardDuty administrator of an organization (per Region): the management
 * account enables one (EnableOrganizationAdminAccount, an account of its organization; GuardDuty
 * is enabled in it if it was not), lists it and disables it. The administrator then adds the
 * organization's accounts as members without invitations (members.ts). The mechanism is shared
 * with Security Hub (../shared/organization-admin.ts).
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { OrganizationAdmin } from '../shared/organization-admin.js';
import type { OperationHandler } from '../types.js';
import { KIND, type OrgAdminRecord } from './common.js';
import { newDetector } from './detectors.js';
import { adminAlreadyEnabled, notManagementAccount, notOrganizationMember } from './errors.js';
import { detectorOf } from './lookup.js';
import { paginate } from './pagination.js';
import { memberAccounts } from './relationships.js';

/** GuardDuty enabled in an account's Region: its detector, created when it has none. */
export async function ensureDetector(ops: StoreOps, scope: Scope): Promise<string> {
  const existing = await detectorOf(ops, scope);
  if (existing) return existing.DetectorId;
  const detector = newDetector({ Enable: true });
  await ops.put(scope, KIND.detector, detector.DetectorId, detector);
  return detector.DetectorId;
}

const organizationAdmin = new OrganizationAdmin<OrgAdminRecord>({
  kind: KIND.orgAdmin,
  record: (admin) => ({ AdminAccountId: admin, AdminStatus: 'ENABLED' }),
  adminOf: (record) => record.AdminAccountId,
  enable: ensureDetector,
  members: memberAccounts,
  paginate: (items, maxResults, nextToken) => paginate(items, maxResults, nextToken),
  errors: { notManagementAccount, notOrganizationAccount: notOrganizationMember, alreadyEnabled: adminAlreadyEnabled, notAdministrator: notOrganizationMember },
});

/** The delegated administrator of the account's organization in a Region, if any. */
export const organizationAdminOf = (ops: StoreOps, account: string, region: string): Promise<{ admin: string; organizationId: string } | undefined> => organizationAdmin.of(ops, account, region);

export const enableOrganizationAdminAccount: OperationHandler = async (ctx, input) => {
  await organizationAdmin.enable(ctx, input.AdminAccountId as string);
  return {};
};

export const disableOrganizationAdminAccount: OperationHandler = async (ctx, input) => {
  await organizationAdmin.disable(ctx, input.AdminAccountId as string);
  return {};
};

export const listOrganizationAdminAccounts: OperationHandler = async (ctx, input) => organizationAdmin.list(ctx, input);
