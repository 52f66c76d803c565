/**
 * What S3 tells the authorizer (src/authz/authorizer.ts) about a call:
 *
 *   targets   the generic action/resource pairs, each with the request condition keys S3
 *             documents for it (s3:prefix, s3:x-amz-server-side-encryption, s3:x-amz-acl,
 *             s3:RequestObjectTag/<k>, s3:object-lock-*, s3:VersionId, s3:signatureversion …).
 *   resource  a stored bucket (or an object ARN → its bucket): the bucket policy as the
 *             resource policy; aws:ResourceTag/<k> (bucket tags), s3:ExistingObjectTag/<k>
 *             (the object's tags) and aws:ResourceAccount / s3:ResourceAccount as context;
 *             ACL grants as a second way to allow (not with BucketOwnerEnforced; public
 *             grantees dropped under IgnorePublicAcls); Block Public Access's
 *             RestrictPublicBuckets: a public policy grants nothing to anonymous or
 *             cross-account callers.
 *
 * Cross-account callers: the engine decides S3 ARNs as same-account requests (an S3 ARN has
 * no account field and ResourceAccess carries none), so the resource side of a cross-account
 * call — bucket policy, else an ACL grant to the caller's account or a group — is decided here
 * first (refused with S3's plain "Access Denied", as AWS answers callers outside the bucket
 * owner's account), and the engine then needs the caller's own identity policies to allow.
 */
import { compilePolicy, evaluate, type CompiledPolicy, type ContextLayer, type ContextValue } from '../../iam/policy/index.js';
import type { AuthorizationTarget, OperationInput, RequestContext, ResourceAccess, ServiceAuthorization } from '../types.js';
import { aclGrants, aclPermissionFor, ownerAcl } from './acl.js';
import { accessDenied, bucketForRequest, objectForRequest, type ObjectVersion, type Tag } from './common.js';
import { isPublicPolicy } from '../../iam/policy/public-statements.js';
import { effectivePublicAccessBlock } from './public-access.js';

const S3_ARN = /^arn:aws[a-z-]*:s3:::([^/]+)(?:\/(.*))?$/s;
const TARGETS_CACHE = 's3:authorization-targets';

const ALLOW_ALL: CompiledPolicy = compilePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', 'identity');
const ALLOW_NOTHING = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"none:None","Resource":"*"}]}';

const GRANT_KEYS: Array<[string, string]> = [
  ['GrantFullControl', 's3:x-amz-grant-full-control'],
  ['GrantRead', 's3:x-amz-grant-read'],
  ['GrantWrite', 's3:x-amz-grant-write'],
  ['GrantReadACP', 's3:x-amz-grant-read-acp'],
  ['GrantWriteACP', 's3:x-amz-grant-write-acp'],
];

/** `k1=v1&k2=v2` (the x-amz-tagging header) → tags. */
function parseTagging(value: string): Tag[] {
  return value
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const dec = (s: string) => {
        try {
          return decodeURIComponent(s.replace(/\+/g, ' '));
        } catch {
          return s;
        }
      };
      return eq === -1 ? { Key: dec(p), Value: '' } : { Key: dec(p.slice(0, eq)), Value: dec(p.slice(eq + 1)) };
    });
}

const isoOf = (v: unknown): string | undefined => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : undefined);

/** The request condition keys of an S3 call (S3's "Actions, resources, and condition keys"). */
export function s3RequestKeys(ctx: RequestContext, input: OperationInput): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {};
  const str = (member: string, key: string) => {
    const v = input[member];
    if (typeof v === 'string') keys[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') keys[key] = v;
  };
  if (ctx.principal.type !== 'Anonymous') {
    keys['s3:signatureversion'] = 'AWS4-HMAC-SHA256';
    keys['s3:authType'] = ctx.presigned ? 'REST-QUERY-STRING' : 'REST-HEADER';
  }
  str('Prefix', 's3:prefix');
  str('Delimiter', 's3:delimiter');
  str('MaxKeys', 's3:max-keys');
  str('VersionId', 's3:VersionId');
  str('ServerSideEncryption', 's3:x-amz-server-side-encryption');
  str('SSEKMSKeyId', 's3:x-amz-server-side-encryption-aws-kms-key-id');
  str('SSECustomerAlgorithm', 's3:x-amz-server-side-encryption-customer-algorithm');
  str('ACL', 's3:x-amz-acl');
  for (const [member, key] of GRANT_KEYS) str(member, key);
  str('StorageClass', 's3:x-amz-storage-class');
  str('MetadataDirective', 's3:x-amz-metadata-directive');
  str('CopySource', 's3:x-amz-copy-source');
  str('WebsiteRedirectLocation', 's3:x-amz-website-redirect-location');
  str('ObjectOwnership', 's3:x-amz-object-ownership');
  str('ChecksumAlgorithm', 's3:x-amz-sdk-checksum-algorithm');
  const location = (input.CreateBucketConfiguration as { LocationConstraint?: unknown } | undefined)?.LocationConstraint;
  if (ctx.operation === 'CreateBucket') keys['s3:LocationConstraint'] = typeof location === 'string' ? location : 'us-east-1';
  // Object tags the request sets: the x-amz-tagging header or a PutObjectTagging body.
  let tags: Tag[] | undefined;
  if (typeof input.Tagging === 'string') tags = parseTagging(input.Tagging);
  else if (input.Tagging && typeof input.Tagging === 'object' && ctx.operation === 'PutObjectTagging') tags = ((input.Tagging as { TagSet?: Tag[] }).TagSet ?? []);
  if (tags) {
    keys['s3:RequestObjectTagKeys'] = tags.map((t) => t.Key);
    for (const t of tags) keys[`s3:RequestObjectTag/${t.Key}`] = t.Value;
  }
  // Object Lock.
  const retention = (input.Retention ?? {}) as { Mode?: unknown; RetainUntilDate?: unknown };
  const mode = input.ObjectLockMode ?? retention.Mode;
  const until = isoOf(input.ObjectLockRetainUntilDate ?? retention.RetainUntilDate);
  if (typeof mode === 'string') keys['s3:object-lock-mode'] = mode;
  if (until) {
    keys['s3:object-lock-retain-until-date'] = until;
    const days = Math.ceil((Date.parse(until) - ctx.receivedAt.getTime()) / 86_400_000);
    if (Number.isFinite(days)) keys['s3:object-lock-remaining-retention-days'] = Math.max(0, days);
  }
  const hold = input.ObjectLockLegalHoldStatus ?? (input.LegalHold as { Status?: unknown } | undefined)?.Status;
  if (typeof hold === 'string') keys['s3:object-lock-legal-hold'] = hold;
  if (input.BypassGovernanceRetention === true) keys['s3:BypassGovernanceRetention'] = true;
  return keys;
}

interface Stashed {
  action: string;
  context?: Record<string, ContextValue>;
}

function stash(ctx: RequestContext): Map<string, Stashed> {
  const cache = (ctx.readCache ??= new Map());
  let found = cache.get(TARGETS_CACHE) as Map<string, Stashed> | undefined;
  if (!found) {
    found = new Map();
    cache.set(TARGETS_CACHE, found);
  }
  return found;
}

async function targets(ctx: RequestContext, input: OperationInput, generic: AuthorizationTarget[]): Promise<AuthorizationTarget[]> {
  const keys = s3RequestKeys(ctx, input);
  const out = generic.map((t): AuthorizationTarget => ({ action: t.action, resource: t.resource, context: Object.assign({}, t.context, keys) }));
  const stashed = stash(ctx);
  for (const t of out) stashed.set(t.resource, { action: t.action, context: t.context });
  return out;
}


/** The version an object ARN's call acts on: the request's VersionId, else the newest. */
async function targetVersion(ctx: RequestContext, bucket: string, key: string, versionId: string | undefined): Promise<ObjectVersion | undefined> {
  const entry = await objectForRequest(ctx, bucket, key);
  if (!entry) return undefined;
  return versionId ? entry.Versions.find((v) => v.VersionId === versionId) : entry.Versions[0];
}

const versionIdOf = (layers: ReadonlyArray<ContextLayer | undefined>): string | undefined => {
  for (let i = layers.length - 1; i >= 0; i--) {
    const v = layers[i]?.['s3:VersionId'];
    if (typeof v === 'string') return v;
  }
  return undefined;
};

/** Object operations that act on an existing object (its tags are s3:ExistingObjectTag/…). */
const WRITES_NEW_OBJECT = new Set(['PutObject', 'CreateMultipartUpload', 'UploadPart', 'UploadPartCopy', 'CompleteMultipartUpload', 'AbortMultipartUpload', 'ListParts']);

async function resource(ctx: RequestContext, arn: string): Promise<ResourceAccess | undefined> {
  const m = S3_ARN.exec(arn);
  // CreateBucket is the caller's own business (a taken name answers BucketAlreadyExists).
  if (!m || ctx.operation === 'CreateBucket') return undefined;
  const name = m[1] as string;
  const key = m[2];
  const bucket = await bucketForRequest(ctx, name);
  if (!bucket) return undefined;
  const owner = bucket.OwnerAccount;
  ctx.resourceAccount = owner;
  const context: Record<string, ContextValue> = { 'aws:ResourceAccount': owner, 's3:ResourceAccount': owner };
  const stashed = stash(ctx).get(arn);
  const requestVersion = typeof stashed?.context?.['s3:VersionId'] === 'string' ? (stashed.context['s3:VersionId'] as string) : undefined;
  if (key === undefined) {
    for (const t of bucket.Tags ?? []) context[`aws:ResourceTag/${t.Key}`] = t.Value;
  }
  const principal = ctx.principal;
  const anonymous = principal.type === 'Anonymous';
  const crossAccount = !anonymous && principal.type !== 'AWSService' && principal.account !== owner;
  // The object's tags: skipped for the owner's root unless its bucket policy asks (nothing else could).
  const ownerRoot = principal.type === 'Root' && principal.account === owner;
  if (key !== undefined && !WRITES_NEW_OBJECT.has(ctx.operation) && (!ownerRoot || /ExistingObjectTag/i.test(bucket.Policy ?? ''))) {
    const version = await targetVersion(ctx, name, key, requestVersion);
    for (const t of version?.Tags ?? []) context[`s3:ExistingObjectTag/${t.Key}`] = t.Value;
  }
  // Block Public Access matters only to callers from outside the owner's account.
  const settings = anonymous || crossAccount ? await effectivePublicAccessBlock(ctx.store, bucket) : undefined;
  // RestrictPublicBuckets: a bucket with a public policy serves only the owner's account and AWS
  // services — nothing reaches others through its policy or its ACLs.
  const restricted = !!settings?.RestrictPublicBuckets && (anonymous || crossAccount) && isPublicPolicy(bucket.Policy);
  let policy: CompiledPolicy | undefined;
  if (bucket.Policy !== undefined && !restricted) {
    try {
      policy = compilePolicy(bucket.Policy, 'resource', `arn:aws:s3:::${name}`);
    } catch {
      policy = compilePolicy(ALLOW_NOTHING, 'resource');
    }
  }
  const aclsApply = bucket.ObjectOwnership !== 'BucketOwnerEnforced';
  /** Whether an ACL grants the action (bucket ACL or the object version's). */
  const aclAllows = async (action: string, versionId: string | undefined, accountGrants: boolean): Promise<boolean> => {
    if (!aclsApply) return false;
    const needed = aclPermissionFor(action);
    if (!needed) return false;
    let grants;
    if (needed.on === 'bucket') grants = bucket.Acl.length > 0 ? bucket.Acl : ownerAcl(bucket.OwnerId);
    else {
      if (key === undefined) return false;
      const version = await targetVersion(ctx, name, key, versionId);
      if (!version || version.IsDeleteMarker) return false;
      grants = version.Acl ?? ownerAcl(version.OwnerId);
    }
    return aclGrants(ctx, grants, needed.permission, { ignorePublic: !!settings?.IgnorePublicAcls, accountGrants });
  };

  if (crossAccount) {
    // The resource side, decided here (see the header); then only identity policies remain.
    // A restricted bucket (public policy + RestrictPublicBuckets) refuses every cross-account call.
    if (!stashed || restricted) throw accessDenied();
    const request = {
      principal: { arn: principal.arn, account: principal.account, userId: principal.userId },
      action: stashed.action,
      resource: arn,
      resourceAccount: owner,
      context: [{ 'aws:SourceIp': ctx.sourceIp, 'aws:SecureTransport': false, 'aws:RequestedRegion': ctx.region }, stashed.context, context],
      now: ctx.receivedAt,
    };
    const decision = policy ? evaluate(request, { identity: [ALLOW_ALL], resource: policy, sameAccount: false }) : undefined;
    if (decision?.decision === 'ExplicitDeny') throw accessDenied();
    if (decision?.decision !== 'Allow' && !(await aclAllows(stashed.action, requestVersion, true))) throw accessDenied();
    return { arn, context };
  }
  return {
    arn,
    policy: policy ? { document: policy, id: `arn:aws:s3:::${name}` } : undefined,
    context,
    // Within the engine, ACLs allow only anonymous callers (AllUsers): the owner's root holds
    // every permission already (an SCP that caps it must not be bypassed through the owner's
    // grant), and IAM users and roles need an identity policy of their own account. Other
    // accounts' ACL grants are weighed in the cross-account branch above.
    grantAllows: aclsApply && anonymous && !restricted ? (_ctx, action, layers) => aclAllows(action, versionIdOf(layers), false) : undefined,
  };
}

export const s3Authorization: ServiceAuthorization = { targets, resource };
