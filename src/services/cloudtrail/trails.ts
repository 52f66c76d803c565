/**
 * CreateTrail, UpdateTrail, DeleteTrail and GetTrail. Creating or changing where a trail
 * delivers checks the destination as AWS does (bucket-access.ts, kms-key-access.ts); the
 * account-wide rules (unique names, 5 trails per Region) are checked in the transaction that
 * writes. A new trail is not logging until StartLogging, as in AWS's API.
 */
import type { StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { checkBucketAccess, type DeliveryTarget } from './bucket-access.js';
import {
  defaultEventSelectors,
  getTrail,
  nowIso,
  saveTrail,
  trailAlreadyExists,
  trailArn,
  trailScope,
  TRAIL_KIND,
  TRAIL_STATUS_KIND,
  type TrailRecord,
  type TrailStatusRecord,
} from './common.js';
import { checkBucketName, checkKeyPrefix, checkRegionCoverage, given, refuseMissingDeliveries } from './delivery-options.js';
import { checkTrailKey } from './kms-key-access.js';
import { requireOrganizationManagement } from './organization-trails.js';
import { findTrail } from './trail-lookup.js';
import { checkTrailName } from './trail-names.js';
import { trailOutput, trailSettings } from './trail-output.js';
import { checkPlacement } from './trail-quotas.js';
import { checkNewTags } from './trail-tags.js';

const deliveryOf = (trail: TrailRecord): DeliveryTarget => ({
  bucket: trail.S3BucketName,
  prefix: trail.S3KeyPrefix,
  trailArn: trail.TrailARN,
  account: trail.AccountId,
  organizationId: trail.IsOrganizationTrail ? trail.OrganizationId : undefined,
});

/** Checks the trail's bucket (and key, when it has one); resolves the key's ARN. */
async function checkDelivery(ctx: RequestContext, trail: TrailRecord, keyId: string | undefined): Promise<string | undefined> {
  const target = deliveryOf(trail);
  const bucket = await checkBucketAccess(ctx.store, target);
  if (keyId === undefined) return undefined;
  return checkTrailKey(ctx, { keyId, bucket: target.bucket, bucketRegion: bucket.Region, trailArn: trail.TrailARN, account: trail.AccountId });
}

export const createTrail: OperationHandler = async (ctx, input) => {
  const name = input.Name as string;
  checkTrailName(name);
  const multiRegion = input.IsMultiRegionTrail === true;
  const includeGlobal = input.IncludeGlobalServiceEvents !== false;
  checkRegionCoverage(multiRegion, includeGlobal);
  refuseMissingDeliveries(input);
  checkBucketName(input.S3BucketName as string);
  const prefix = given(input.S3KeyPrefix);
  if (prefix !== undefined) checkKeyPrefix(prefix);
  const tags = checkNewTags(input.TagsList);
  const scope = { account: ctx.account, region: ctx.region };
  const placement = { account: ctx.account, homeRegion: ctx.region, name, multiRegion };
  const placeable = async (ops: StoreOps) => {
    if (await getTrail(ops, scope, name)) throw trailAlreadyExists(name, ctx.account);
    await checkPlacement(ops, placement);
  };
  await placeable(ctx.store);
  const organizationId = input.IsOrganizationTrail === true ? await requireOrganizationManagement(ctx.store, ctx.account) : undefined;
  const trail: TrailRecord = {
    Name: name,
    TrailARN: trailArn(ctx.account, ctx.region, name),
    AccountId: ctx.account,
    HomeRegion: ctx.region,
    S3BucketName: input.S3BucketName as string,
    ...(prefix !== undefined ? { S3KeyPrefix: prefix } : {}),
    IncludeGlobalServiceEvents: includeGlobal,
    IsMultiRegionTrail: multiRegion,
    LogFileValidationEnabled: input.EnableLogFileValidation === true,
    IsOrganizationTrail: organizationId !== undefined,
    ...(organizationId !== undefined ? { OrganizationId: organizationId } : {}),
    EventSelectors: defaultEventSelectors(),
    HasCustomEventSelectors: false,
    Tags: tags,
    CreatedAt: nowIso(),
  };
  const keyArn = await checkDelivery(ctx, trail, given(input.KmsKeyId));
  if (keyArn) trail.KmsKeyId = keyArn;
  await ctx.store.transaction(async (tx) => {
    await placeable(tx);
    await saveTrail(tx, trail);
    await tx.put<TrailStatusRecord>(scope, TRAIL_STATUS_KIND, name, { IsLogging: false });
  });
  return trailSettings(trail);
};

export const updateTrail: OperationHandler = async (ctx, input) => {
  const found = await findTrail(ctx.store, ctx, input.Name as string, 'mutate');
  refuseMissingDeliveries(input);
  const current = found.trail;
  const next = applyChanges(current, input);
  checkRegionCoverage(next.IsMultiRegionTrail, next.IncludeGlobalServiceEvents);
  if (next.IsOrganizationTrail !== current.IsOrganizationTrail) {
    // Only the organization's management account converts a trail either way.
    const organizationId = await requireOrganizationManagement(ctx.store, ctx.account);
    if (next.IsOrganizationTrail) next.OrganizationId = organizationId;
    else delete next.OrganizationId;
  }
  const deliveryChanged = input.S3BucketName !== undefined || input.S3KeyPrefix !== undefined || next.IsOrganizationTrail !== current.IsOrganizationTrail;
  const keyId = input.KmsKeyId !== undefined ? given(input.KmsKeyId) : current.KmsKeyId;
  if (deliveryChanged || given(input.KmsKeyId) !== undefined) {
    const keyArn = await checkDelivery(ctx, next, keyId);
    if (keyArn) next.KmsKeyId = keyArn;
    else delete next.KmsKeyId;
  } else if (keyId === undefined) {
    delete next.KmsKeyId;
  }
  await ctx.store.transaction(async (tx) => {
    if (next.IsMultiRegionTrail && !current.IsMultiRegionTrail) {
      await checkPlacement(tx, { account: next.AccountId, homeRegion: next.HomeRegion, name: next.Name, multiRegion: true });
    }
    await tx.put(found.scope, TRAIL_KIND, next.Name, next, { expectVersion: found.version });
  });
  return trailSettings(next);
};

/** The trail with UpdateTrail's plain settings applied (an empty string clears the prefix). */
function applyChanges(current: TrailRecord, input: OperationInput): TrailRecord {
  const next: TrailRecord = { ...current };
  if (input.S3BucketName !== undefined) {
    checkBucketName(input.S3BucketName as string);
    next.S3BucketName = input.S3BucketName as string;
  }
  if (input.S3KeyPrefix !== undefined) {
    const prefix = given(input.S3KeyPrefix);
    if (prefix !== undefined) {
      checkKeyPrefix(prefix);
      next.S3KeyPrefix = prefix;
    } else delete next.S3KeyPrefix;
  }
  if (typeof input.IncludeGlobalServiceEvents === 'boolean') next.IncludeGlobalServiceEvents = input.IncludeGlobalServiceEvents;
  if (typeof input.IsMultiRegionTrail === 'boolean') next.IsMultiRegionTrail = input.IsMultiRegionTrail;
  if (typeof input.EnableLogFileValidation === 'boolean') next.LogFileValidationEnabled = input.EnableLogFileValidation;
  if (typeof input.IsOrganizationTrail === 'boolean') next.IsOrganizationTrail = input.IsOrganizationTrail;
  return next;
}

export const deleteTrail: OperationHandler = async (ctx, input) => {
  const found = await findTrail(ctx.store, ctx, input.Name as string, 'mutate');
  await ctx.store.transaction(async (tx) => {
    const scope = trailScope(found.trail);
    await tx.delete(scope, TRAIL_KIND, found.trail.Name);
    await tx.delete(scope, TRAIL_STATUS_KIND, found.trail.Name);
  });
  return {};
};

export const getTrailHandler: OperationHandler = async (ctx, input) => {
  const { trail } = await findTrail(ctx.store, ctx, input.Name as string, 'read');
  return { Trail: trailOutput(trail) };
};
