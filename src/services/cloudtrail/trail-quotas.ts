/**
 * The rules on an account's set of trails, checked inside the transaction that adds a trail or
 * makes one multi-Region: a name is unique among the trails that apply to a Region — a
 * multi-Region trail's name is taken in every Region (TrailAlreadyExistsException) — and at
 * most 5 trails apply to any one Region, a multi-Region trail counting in each
 * (MaximumNumberOfTrailsExceededException).
 */
import { AwsError } from '../../core/aws-error.js';
import type { StoreOps } from '../../store/index.js';
import { trailAlreadyExists, trailsOf } from './common.js';

export const MAX_TRAILS_PER_REGION = 5;

export interface Placement {
  account: string;
  homeRegion: string;
  name: string;
  multiRegion: boolean;
}

/**
 * Throws unless a trail placed as given fits the account's other trails (the trail itself, by
 * home Region and name, is not one of them: the caller checks a new name is free at home).
 */
export async function checkPlacement(ops: StoreOps, p: Placement): Promise<void> {
  const others = (await trailsOf(ops, p.account)).filter((t) => !(t.trail.HomeRegion === p.homeRegion && t.trail.Name === p.name));
  // Two trails of one name clash when both apply to some Region.
  const clash = others.some((t) => t.trail.Name === p.name && (p.multiRegion || t.trail.IsMultiRegionTrail || t.trail.HomeRegion === p.homeRegion));
  if (clash) throw trailAlreadyExists(p.name, p.account);
  const regions = p.multiRegion ? new Set([p.homeRegion, ...others.map((t) => t.trail.HomeRegion)]) : new Set([p.homeRegion]);
  for (const region of regions) {
    const applying = others.filter((t) => t.trail.HomeRegion === region || t.trail.IsMultiRegionTrail).length;
    if (applying >= MAX_TRAILS_PER_REGION) {
      // Unconfirmed wording.
      throw new AwsError('MaximumNumberOfTrailsExceededException', `User: ${p.account} already has ${MAX_TRAILS_PER_REGION} trails in ${region}.`, { status: 400 });
    }
  }
}
