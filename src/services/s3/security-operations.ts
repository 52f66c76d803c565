/**
 * The access-control operations of S3: bucket and object ACLs (canned ACLs, x-amz-grant-*
 * headers, AccessControlPolicy documents; refused on BucketOwnerEnforced buckets and, when
 * public, under BlockPublicAcls) and GetBucketPolicyStatus (whether the bucket policy is public
 * as AWS defines it; RestrictPublicBuckets does not change the answer).
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { aclFromRequest, ownerAcl } from './acl.js';
import {
  accessDenied,
  findObject,
  malformedXml,
  notFoundConfig,
  OBJECT_KIND,
  objectId,
  pickVersion,
  requireBucket,
  S3_SCOPE,
  saveBucket,
  noSuchKey,
  type Grant,
  type ObjectEntry,
} from './common.js';
import { isPublicPolicy } from '../../iam/policy/public-statements.js';
import { checkAclAllowed } from './public-access.js';

/** The grants as the model writes them (Grantee with its xsi:type). */
function grantsOutput(grants: ReadonlyArray<Grant>): Array<Record<string, unknown>> {
  return grants.map((g) => ({ Grantee: { ...g.Grantee }, Permission: g.Permission }));
}

/** A request that names no ACL at all. */
function missingAcl(): never {
  // S3 answers a PUT ?acl without x-amz-acl, grant headers or body with MissingSecurityHeader.
  throw new AwsError('MissingSecurityHeader', 'Your request was missing a required header', { status: 400, fields: { MissingHeaderName: 'x-amz-acl' } }); // Unconfirmed wording
}

const getBucketAcl: OperationHandler = async (ctx, input) => {
  const bucket = await requireBucket(ctx.store, String(input.Bucket));
  const grants = bucket.Acl.length > 0 ? bucket.Acl : ownerAcl(bucket.OwnerId);
  return { Owner: { ID: bucket.OwnerId }, Grants: grantsOutput(grants) };
};

const putBucketAcl: OperationHandler = async (ctx, input) => {
  const name = String(input.Bucket);
  const bucket = await requireBucket(ctx.store, name);
  const grants = aclFromRequest(input, bucket.OwnerId, bucket);
  if (!grants) missingAcl();
  checkOwner(input, bucket.OwnerId);
  await checkAclAllowed(ctx, bucket, grants);
  await ctx.store.transaction(async (tx) => {
    const current = await requireBucket(tx, name);
    current.Acl = grants;
    await saveBucket(tx, current);
  });
  return {};
};

/** An AccessControlPolicy's Owner must be the resource's owner. */
function checkOwner(input: OperationInput, ownerId: string): void {
  const body = input.AccessControlPolicy as { Owner?: { ID?: string } } | undefined;
  if (!body) return;
  if (!body.Owner?.ID) throw malformedXml();
  if (body.Owner.ID !== ownerId) throw accessDenied(); // Unconfirmed: S3's answer to an AccessControlPolicy naming another owner
}

const getObjectAcl: OperationHandler = async (ctx, input) => {
  const bucket = await requireBucket(ctx.store, String(input.Bucket));
  const key = String(input.Key);
  const entry = await findObject(ctx.store, bucket.Name, key);
  const version = pickVersion(entry, key, typeof input.VersionId === 'string' ? input.VersionId : undefined);
  const out: Record<string, unknown> = { Owner: { ID: version.OwnerId }, Grants: grantsOutput(version.Acl ?? ownerAcl(version.OwnerId)) };
  return out;
};

const putObjectAcl: OperationHandler = async (ctx: RequestContext, input: OperationInput) => {
  const bucket = await requireBucket(ctx.store, String(input.Bucket));
  const key = String(input.Key);
  const versionId = typeof input.VersionId === 'string' ? input.VersionId : undefined;
  const entry = await findObject(ctx.store, bucket.Name, key);
  const version = pickVersion(entry, key, versionId);
  const grants = aclFromRequest(input, version.OwnerId, bucket);
  if (!grants) missingAcl();
  checkOwner(input, version.OwnerId);
  await checkAclAllowed(ctx, bucket, grants);
  await ctx.store.transaction(async (tx) => {
    const stored = await tx.get<ObjectEntry>(S3_SCOPE, OBJECT_KIND, objectId(bucket.Name, key));
    const current = stored?.value;
    const target = current?.Versions.find((v) => v.VersionId === version.VersionId);
    if (!current || !target) throw noSuchKey(key);
    target.Acl = grants;
    await tx.put(S3_SCOPE, OBJECT_KIND, objectId(bucket.Name, key), current);
  });
  return {};
};

const getBucketPolicyStatus: OperationHandler = async (ctx, input) => {
  const bucket = await requireBucket(ctx.store, String(input.Bucket));
  if (bucket.Policy === undefined) throw notFoundConfig('NoSuchBucketPolicy', 'The bucket policy does not exist', bucket.Name);
  return { PolicyStatus: { IsPublic: isPublicPolicy(bucket.Policy) } };
};

export const securityOperations: Record<string, OperationHandler> = {
  GetBucketAcl: getBucketAcl,
  PutBucketAcl: putBucketAcl,
  GetObjectAcl: getObjectAcl,
  PutObjectAcl: putObjectAcl,
  GetBucketPolicyStatus: getBucketPolicyStatus,
};
