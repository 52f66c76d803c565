/**
 * The bucket itself: CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation.
 *
 * Bucket names are global across accounts. A new bucket lives in the region the request was
 * signed for — a request to us-east-1 (S3's global endpoint) may name another region in its
 * LocationConstraint and the bucket is made there; any other region must name itself. New
 * buckets start as AWS makes them since 2023: ACLs disabled (BucketOwnerEnforced), the owner's
 * full control as the ACL, SSE-S3 default encryption and all four Block Public Access settings on.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { creationAcl, grantsOthers } from './bucket-acl.js';
import { ownerAcl } from './acl.js';
import { checkBucketName } from './bucket-names.js';
import { checkBucketTags, loadBucket } from './bucket-support.js';
import {
  BUCKET_KIND,
  OBJECT_KIND,
  S3_SCOPE,
  UPLOAD_KIND,
  bucketAlreadyExists,
  bucketAlreadyOwnedByYou,
  bucketArn,
  bucketNotEmpty,
  canonicalUserId,
  invalidArgument,
  nowIso,
  type BucketRecord,
  type ObjectEntry,
} from './common.js';
import { checkAclAllowed } from './public-access.js';

const US_EAST_1 = 'us-east-1';

function illegalLocationConstraint(constraint: string | undefined): AwsError {
  const named = constraint === undefined ? 'unspecified' : constraint;
  return new AwsError('IllegalLocationConstraintException', `The ${named} location constraint is incompatible for the region specific endpoint this request was sent to.`, {
    status: 400,
  });
}

function invalidLocationConstraint(constraint: string): AwsError {
  return new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', { status: 400, fields: { LocationConstraint: constraint } });
}

/** The region a CreateBucket request makes its bucket in. */
function regionFor(ctx: RequestContext, constraint: string | undefined): string {
  const named = constraint === 'EU' ? 'eu-west-1' : constraint;
  if (ctx.region === US_EAST_1) {
    if (named === undefined) return US_EAST_1;
    if (named === US_EAST_1) throw invalidLocationConstraint(constraint!);
    return named;
  }
  if (named !== ctx.region) throw illegalLocationConstraint(constraint);
  return ctx.region;
}

const createBucket: OperationHandler = async (ctx, input) => {
  const name = String(input.Bucket);
  checkBucketName(name);
  const config = (input.CreateBucketConfiguration ?? {}) as { LocationConstraint?: string; Tags?: unknown; Location?: unknown; Bucket?: unknown };
  if (config.Location !== undefined || config.Bucket !== undefined) {
    throw invalidArgument('Location and Bucket configurations are only supported for directory buckets.'); // Unconfirmed wording
  }
  const constraint = config.LocationConstraint === '' ? undefined : config.LocationConstraint;
  const region = regionFor(ctx, constraint);
  const account = ctx.principal.account;
  const ownerId = canonicalUserId(account);
  const ownership = (input.ObjectOwnership as BucketRecord['ObjectOwnership'] | undefined) ?? 'BucketOwnerEnforced';
  const tags = config.Tags === undefined ? undefined : checkBucketTags(config.Tags);
  const lock = input.ObjectLockEnabledForBucket === true;
  const bucket: BucketRecord = {
    Name: name,
    OwnerAccount: account,
    OwnerId: ownerId,
    Region: region,
    CreationDate: nowIso(),
    ...(lock ? { Versioning: 'Enabled' as const, ObjectLockEnabled: true } : {}),
    ...(tags && tags.length > 0 ? { Tags: tags } : {}),
    PublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    ObjectOwnership: ownership,
    OwnershipControlsSet: true,
    Acl: ownerAcl(ownerId),
    Encryption: { SSEAlgorithm: 'AES256', BucketKeyEnabled: false },
  };
  bucket.Acl = creationAcl(input, bucket);
  if (grantsOthers(bucket.Acl, ownerId)) await checkAclAllowed(ctx, bucket, bucket.Acl);
  const output = { Location: `/${name}`, BucketArn: bucketArn(name) };
  return ctx.store.transaction(async (tx) => {
    const existing = (await tx.get<BucketRecord>(S3_SCOPE, BUCKET_KIND, name))?.value;
    if (existing) {
      if (existing.OwnerAccount !== account) throw bucketAlreadyExists(name);
      // S3's legacy behaviour in us-east-1: re-creating your own bucket there succeeds.
      if (existing.Region === US_EAST_1 && region === US_EAST_1) return output;
      throw bucketAlreadyOwnedByYou(name);
    }
    await tx.put(S3_SCOPE, BUCKET_KIND, name, bucket, { expectVersion: 0 });
    return output;
  });
};

const headBucket: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  return { BucketRegion: bucket.Region, AccessPointAlias: false, BucketArn: bucketArn(bucket.Name) };
};

/** True when the bucket holds any object version, delete marker or multipart upload in progress. */
async function holdsAnything(ctx: RequestContext, name: string): Promise<boolean> {
  let after: string | undefined;
  for (;;) {
    const page = await ctx.store.list<ObjectEntry>(S3_SCOPE, OBJECT_KIND, { prefix: `${name}/`, after, limit: 100 });
    if (page.items.some((item) => (item.value.Versions?.length ?? 0) > 0)) return true;
    if (!page.next) break;
    after = page.next;
  }
  const uploads = await ctx.store.list(S3_SCOPE, UPLOAD_KIND, { prefix: `${name}/`, limit: 1 });
  return uploads.items.length > 0;
}

const deleteBucket: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  if (await holdsAnything(ctx, bucket.Name)) throw bucketNotEmpty(bucket.Name);
  await ctx.store.transaction(async (tx) => {
    await loadBucket(tx, input);
    await tx.delete(S3_SCOPE, BUCKET_KIND, bucket.Name);
  });
  return {};
};

function encodeToken(name: string): string {
  return Buffer.from(`bulwark:${name}`).toString('base64url');
}

function decodeToken(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith('bulwark:')) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token); // Unconfirmed wording
  return text.slice('bulwark:'.length);
}

const listBuckets: OperationHandler = async (ctx, input) => {
  const account = ctx.principal.account;
  const max = typeof input.MaxBuckets === 'number' ? input.MaxBuckets : undefined;
  if (max !== undefined && (max < 1 || max > 10_000)) throw invalidArgument('Argument max-buckets must be an integer between 1 and 10000', 'max-buckets', String(max)); // Unconfirmed wording
  const prefix = typeof input.Prefix === 'string' ? input.Prefix : '';
  const regionFilter = typeof input.BucketRegion === 'string' ? input.BucketRegion : undefined;
  const after = typeof input.ContinuationToken === 'string' && input.ContinuationToken !== '' ? decodeToken(input.ContinuationToken) : undefined;
  const found: BucketRecord[] = [];
  let more = false;
  let cursor = after;
  scan: for (;;) {
    const page = await ctx.store.list<BucketRecord>(S3_SCOPE, BUCKET_KIND, { prefix: prefix || undefined, after: cursor, limit: 500 });
    for (const item of page.items) {
      const b = item.value;
      if (b.OwnerAccount !== account) continue;
      if (regionFilter !== undefined && b.Region !== regionFilter) continue;
      if (max !== undefined && found.length === max) {
        more = true;
        break scan;
      }
      found.push(b);
    }
    if (!page.next) break;
    cursor = page.next;
  }
  return {
    Buckets: found.map((b) => ({ Name: b.Name, CreationDate: new Date(b.CreationDate), BucketRegion: b.Region, BucketArn: bucketArn(b.Name) })),
    Owner: { ID: canonicalUserId(account) },
    ...(more ? { ContinuationToken: encodeToken(found[found.length - 1]!.Name) } : {}),
    ...(prefix !== '' ? { Prefix: prefix } : {}),
  };
};

const getBucketLocation: OperationHandler = async (ctx, input: OperationInput) => {
  const bucket = await loadBucket(ctx.store, input);
  return bucket.Region === US_EAST_1 ? {} : { LocationConstraint: bucket.Region };
};

export const bucketLifecycleOperations: Record<string, OperationHandler> = {
  CreateBucket: createBucket,
  HeadBucket: headBucket,
  DeleteBucket: deleteBucket,
  ListBuckets: listBuckets,
  GetBucketLocation: getBucketLocation,
};
