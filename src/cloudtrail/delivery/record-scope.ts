/**
 * Which accounts and Regions a trail logs: its own account (an organization trail: every
 * account of its organization, the management account included), its home Region (a
 * multi-Region trail: every Region), and global service events only when the trail includes
 * them. Global services record their calls in US East (N. Virginia), so a single-Region trail
 * elsewhere never sees them, as in AWS.
 */
import type { StoreOps } from '../../store/index.js';
import type { TrailRecord } from '../../services/cloudtrail/common.js';
import { REGION_NAME } from '../../services/cloudtrail/digest-keys.js';
import { loadOrg } from '../../services/organizations/state.js';
import type { CloudTrailRecord } from '../record.js';

/** Event sources of global services (Bulwark serves IAM, STS and Organizations of these). */
const GLOBAL_SOURCES: ReadonlySet<string> = new Set([
  'iam.amazonaws.com',
  'organizations.amazonaws.com',
  'cloudfront.amazonaws.com',
  'route53.amazonaws.com',
  'globalaccelerator.amazonaws.com',
  'waf.amazonaws.com',
]);

/**
 * A global service event. STS has one global endpoint, in US East (N. Virginia), beside its
 * Regional ones; Bulwark answers both on one port, so STS calls signed for us-east-1 count as
 * the global endpoint's.
 */
export function isGlobalServiceEvent(record: CloudTrailRecord): boolean {
  return GLOBAL_SOURCES.has(record.eventSource) || (record.eventSource === 'sts.amazonaws.com' && record.awsRegion === 'us-east-1');
}

/** The organization of each account, read once per delivery run. */
export class OrganizationLookup {
  private readonly known = new Map<string, Promise<string | undefined>>();

  constructor(private readonly ops: StoreOps) {}

  organizationOf(account: string): Promise<string | undefined> {
    let found = this.known.get(account);
    if (!found) {
      found = loadOrg(this.ops, account).then((oc) => oc?.org.Id);
      this.known.set(account, found);
    }
    return found;
  }
}

export async function inTrailScope(trail: TrailRecord, record: CloudTrailRecord, orgs: OrganizationLookup): Promise<boolean> {
  // A request signed for a made-up Region reaches no Region in AWS: a multi-Region trail does not take it.
  if (trail.IsMultiRegionTrail ? !REGION_NAME.test(record.awsRegion) : record.awsRegion !== trail.HomeRegion) return false;
  if (!trail.IncludeGlobalServiceEvents && isGlobalServiceEvent(record)) return false;
  if (record.recipientAccountId === trail.AccountId) return true;
  return trail.IsOrganizationTrail && trail.OrganizationId !== undefined && (await orgs.organizationOf(record.recipientAccountId)) === trail.OrganizationId;
}
