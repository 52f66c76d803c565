/**
 * Which trails a caller sees from its Region, and finding the one a name or ARN names.
 *
 * Seen from account A in Region R: A's trails homed in R; A's multi-Region trails homed
 * elsewhere (shadow trails, shown with their HomeRegion); and, for a member account of an
 * organization, its management account's organization trails that apply to R. A single-Region
 * trail of another Region is not seen (TrailNotFoundException), as in AWS since 2019.
 *
 * Access kinds:
 *   read    a name finds the trail homed in R, else a shadow or organization trail
 *   status  GetTrailStatus: a name finds only the trail homed in R (a shadow needs its ARN)
 *   mutate  as read, then the trail must be the caller's own (NotOrganizationMasterAccount
 *           for a member's view of an organization trail) and homed in R
 *           (InvalidHomeRegionException for a shadow)
 */
import type { StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { getTrail, invalidHomeRegion, trailArn, trailNotFound, trailsIn, trailsOf, type StoredTrail } from './common.js';
import { notManagementAccount, organizationTrailsSeenBy } from './organization-trails.js';
import { parseTrailReference, type TrailReference } from './trail-names.js';

export type TrailAccess = 'read' | 'status' | 'mutate';

const appliesTo = (t: StoredTrail, region: string): boolean => t.trail.HomeRegion === region || t.trail.IsMultiRegionTrail;

/** The trails seen from the caller's Region: its own first (by name), then shadow trails. */
export async function visibleTrails(ops: StoreOps, ctx: RequestContext, includeShadows = true): Promise<StoredTrail[]> {
  const home = await trailsIn(ops, { account: ctx.account, region: ctx.region });
  if (!includeShadows) return home;
  const shadows = (await trailsOf(ops, ctx.account)).filter((t) => t.trail.HomeRegion !== ctx.region && t.trail.IsMultiRegionTrail);
  const organization = (await organizationTrailsSeenBy(ops, ctx.account)).filter((t) => appliesTo(t, ctx.region));
  return [...home, ...shadows, ...organization];
}

/** The trail a name or ARN names, as the access kind allows; TrailNotFoundException otherwise. */
export async function findTrail(ops: StoreOps, ctx: RequestContext, value: string, access: TrailAccess): Promise<StoredTrail> {
  const ref = parseTrailReference(value);
  const found = await locate(ops, ctx, ref, access);
  if (!found) {
    const given = access === 'status' && ref.account === undefined ? trailArn(ctx.account, ctx.region, ref.name) : ref.given;
    throw trailNotFound(given, ctx.account);
  }
  if (access === 'mutate') {
    if (found.trail.AccountId !== ctx.account) throw notManagementAccount(ctx.account);
    if (found.trail.HomeRegion !== ctx.region) throw invalidHomeRegion(found.trail.TrailARN, ctx.region);
  }
  return found;
}

async function locate(ops: StoreOps, ctx: RequestContext, ref: TrailReference, access: TrailAccess): Promise<StoredTrail | undefined> {
  if (ref.account !== undefined) {
    // An ARN names one trail exactly: its account, home Region and name.
    const candidates = ref.account === ctx.account ? [await getTrail(ops, { account: ref.account, region: ref.region as string }, ref.name)] : await organizationTrailsSeenBy(ops, ctx.account);
    const hit = candidates.find((t) => t !== undefined && t.trail.TrailARN === ref.given) ?? undefined;
    return hit && appliesTo(hit, ctx.region) ? hit : undefined;
  }
  const home = await getTrail(ops, { account: ctx.account, region: ctx.region }, ref.name);
  if (home || access === 'status') return home;
  const shadow = (await trailsOf(ops, ctx.account)).find((t) => t.trail.Name === ref.name && t.trail.IsMultiRegionTrail);
  if (shadow) return shadow;
  return (await organizationTrailsSeenBy(ops, ctx.account)).find((t) => t.trail.Name === ref.name && appliesTo(t, ctx.region));
}
