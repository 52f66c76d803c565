/**
 * Organization trails. Only the management account of an organization with all features
 * enabled may create one (or turn a trail into one); it then logs for every account of the
 * organization, and member accounts see it (read-only) as a shadow trail. The organization
 * state is read through the Organizations service's own modules.
 */
import { AwsError } from '../../core/aws-error.js';
import type { StoreOps } from '../../store/index.js';
import { loadOrg } from '../organizations/state.js';
import { trailsOf, type StoredTrail } from './common.js';

const error = (code: string, message: string): AwsError => new AwsError(code, message, { status: 400 });

// Unconfirmed wording (the three errors below).
export const organizationsNotInUse = (account: string): AwsError =>
  error('OrganizationsNotInUseException', `Account ${account} is not a member of an organization in AWS Organizations.`);
export const notManagementAccount = (account: string): AwsError =>
  error('NotOrganizationMasterAccountException', `Account ${account} is not the management account of its organization; only the management account can create or change an organization trail.`);
export const notAllFeatures = (): AwsError =>
  error('OrganizationNotInAllFeaturesModeException', 'All features must be enabled in AWS Organizations to create or update an organization trail.');

/** The id of the organization the caller manages, or the error AWS answers to an organization trail request. */
export async function requireOrganizationManagement(ops: StoreOps, account: string): Promise<string> {
  const oc = await loadOrg(ops, account);
  if (!oc) throw organizationsNotInUse(account);
  if (!oc.management) throw notManagementAccount(account);
  if (oc.org.FeatureSet !== 'ALL') throw notAllFeatures();
  return oc.org.Id;
}

/** The organization trails a member account sees (its management account's), or none. */
export async function organizationTrailsSeenBy(ops: StoreOps, account: string): Promise<StoredTrail[]> {
  const oc = await loadOrg(ops, account);
  if (!oc || oc.management) return [];
  const management = oc.org.MasterAccountId;
  return (await trailsOf(ops, management)).filter((t) => t.trail.IsOrganizationTrail && t.trail.OrganizationId === oc.org.Id);
}
