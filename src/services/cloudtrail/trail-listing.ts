/**
 * DescribeTrails and ListTrails. DescribeTrails answers the trails seen from the caller's
 * Region (trail-lookup.ts): it takes names (trails that apply to this Region) and ARNs (also a
 * single-Region trail of another Region, as AWS documents), includes shadow trails unless
 * includeShadowTrails is false, and skips names that match nothing. ListTrails lists "the trails
 * in the current account" — every Region's, each once with its HomeRegion, and the organization
 * trails a member account sees — by ARN, paged by NextToken (an opaque token naming the last
 * ARN returned).
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler } from '../types.js';
import { getTrail, trailsOf, type StoredTrail } from './common.js';
import { organizationTrailsSeenBy } from './organization-trails.js';
import { visibleTrails } from './trail-lookup.js';
import { parseTrailReference } from './trail-names.js';
import { trailOutput } from './trail-output.js';

/** Bulwark's ListTrails page size (AWS does not document its own). */
export const LIST_PAGE_SIZE = 50;

export const describeTrails: OperationHandler = async (ctx, input) => {
  const includeShadows = input.includeShadowTrails !== false;
  const names = (input.trailNameList as string[] | undefined) ?? [];
  const visible = await visibleTrails(ctx.store, ctx, includeShadows);
  if (names.length === 0) return { trailList: visible.map((t) => trailOutput(t.trail)) };
  const picked: StoredTrail[] = [];
  const add = (t: StoredTrail | undefined) => {
    if (t && !picked.some((p) => p.trail.TrailARN === t.trail.TrailARN)) picked.push(t);
  };
  for (const value of names) {
    const ref = parseTrailReference(value);
    if (ref.account === undefined) add(visible.find((t) => t.trail.Name === ref.name));
    else if (ref.account === ctx.account) add(await getTrail(ctx.store, { account: ref.account, region: ref.region as string }, ref.name));
    else add(visible.find((t) => t.trail.TrailARN === value));
  }
  return { trailList: picked.map((t) => trailOutput(t.trail)) };
};

// Unconfirmed wording.
const invalidToken = (): AwsError => new AwsError('InvalidNextTokenException', 'The NextToken is not valid.', { status: 400 });

export const listTrails: OperationHandler = async (ctx, input) => {
  const owned = [...(await trailsOf(ctx.store, ctx.account)), ...(await organizationTrailsSeenBy(ctx.store, ctx.account))];
  const trails = owned.map((t) => t.trail).sort((a, b) => (a.TrailARN < b.TrailARN ? -1 : a.TrailARN > b.TrailARN ? 1 : 0));
  let start = 0;
  if (typeof input.NextToken === 'string') {
    const after = Buffer.from(input.NextToken, 'base64url').toString('utf8');
    if (!after.startsWith('arn:') || Buffer.from(after, 'utf8').toString('base64url') !== input.NextToken) throw invalidToken();
    start = trails.findIndex((t) => t.TrailARN > after);
    if (start < 0) start = trails.length;
  }
  const page = trails.slice(start, start + LIST_PAGE_SIZE);
  const out: Record<string, unknown> = { Trails: page.map((t) => ({ TrailARN: t.TrailARN, Name: t.Name, HomeRegion: t.HomeRegion })) };
  if (start + LIST_PAGE_SIZE < trails.length) out.NextToken = Buffer.from(page[page.length - 1].TrailARN, 'utf8').toString('base64url');
  return out;
};
