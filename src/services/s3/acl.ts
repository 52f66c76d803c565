/**
 * S3 access control lists: canned ACLs, the x-amz-grant-* headers and the AccessControlPolicy
 * document, turned into the stored Grant list; and what a grant lets a caller do, as the S3
 * User Guide maps ACL permissions to policy actions ("Access control list (ACL) overview").
 *
 *   bucket ACL   READ → ListBucket, ListBucketVersions, ListBucketMultipartUploads
 *                WRITE → PutObject, DeleteObject, DeleteObjectVersion
 *                READ_ACP → GetBucketAcl; WRITE_ACP → PutBucketAcl; FULL_CONTROL → all
 *   object ACL   READ → GetObject, GetObjectVersion, GetObjectTorrent
 *                READ_ACP → GetObjectAcl, GetObjectVersionAcl
 *                WRITE_ACP → PutObjectAcl, PutObjectVersionAcl; FULL_CONTROL → all
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationInput, RequestContext } from '../types.js';
import { canonicalUserId, invalidArgument, invalidRequest, malformedXml, type BucketRecord, type Grant } from './common.js';
import { ALL_USERS, AUTHENTICATED_USERS } from './public-access.js';

export const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';
/** The canonical user id AWS documents for EC2 (the aws-exec-read canned ACL). */
const EC2_CANONICAL_ID = '6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c';

type Permission = Grant['Permission'];

const user = (id: string, permission: Permission): Grant => ({ Grantee: { Type: 'CanonicalUser', ID: id }, Permission: permission });
const group = (uri: string, permission: Permission): Grant => ({ Grantee: { Type: 'Group', URI: uri }, Permission: permission });

/** The default ACL: the owner has FULL_CONTROL. */
export function ownerAcl(ownerId: string): Grant[] {
  return [user(ownerId, 'FULL_CONTROL')];
}

export const CANNED_ACLS = ['private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'bucket-owner-full-control', 'log-delivery-write'];

/** A canned ACL's grants; `ownerId` owns the resource, `bucketOwnerId` the bucket (object ACLs). */
export function cannedAcl(name: string, ownerId: string, bucketOwnerId: string): Grant[] {
  const owner = user(ownerId, 'FULL_CONTROL');
  switch (name) {
    case 'private':
      return [owner];
    case 'public-read':
      return [owner, group(ALL_USERS, 'READ')];
    case 'public-read-write':
      return [owner, group(ALL_USERS, 'READ'), group(ALL_USERS, 'WRITE')];
    case 'authenticated-read':
      return [owner, group(AUTHENTICATED_USERS, 'READ')];
    case 'aws-exec-read':
      return [owner, user(EC2_CANONICAL_ID, 'READ')];
    case 'bucket-owner-read':
      return bucketOwnerId === ownerId ? [owner] : [owner, user(bucketOwnerId, 'READ')];
    case 'bucket-owner-full-control':
      return bucketOwnerId === ownerId ? [owner] : [owner, user(bucketOwnerId, 'FULL_CONTROL')];
    case 'log-delivery-write':
      return [owner, group(LOG_DELIVERY, 'WRITE'), group(LOG_DELIVERY, 'READ_ACP')];
  }
  throw invalidArgument('', 'x-amz-acl', name);
}

const GRANT_HEADERS: Array<[string, Permission, string]> = [
  ['GrantFullControl', 'FULL_CONTROL', 'x-amz-grant-full-control'],
  ['GrantRead', 'READ', 'x-amz-grant-read'],
  ['GrantWrite', 'WRITE', 'x-amz-grant-write'],
  ['GrantReadACP', 'READ_ACP', 'x-amz-grant-read-acp'],
  ['GrantWriteACP', 'WRITE_ACP', 'x-amz-grant-write-acp'],
];

/** `id="…", uri="…", emailAddress="…"` (comma-separated grantees of one header). */
function parseGrantHeader(value: string, permission: Permission, header: string): Grant[] {
  const out: Grant[] = [];
  for (const part of value.split(',')) {
    const text = part.trim();
    if (!text) continue;
    const m = /^(id|uri|emailAddress)\s*=\s*"?([^"]*)"?$/i.exec(text);
    if (!m) throw invalidArgument('Argument format not recognized', header, value); // Unconfirmed wording
    const kind = (m[1] as string).toLowerCase();
    const v = m[2] as string;
    if (kind === 'id') out.push(user(v, permission));
    else if (kind === 'uri') out.push(group(v, permission));
    else out.push({ Grantee: { Type: 'AmazonCustomerByEmail', EmailAddress: v }, Permission: permission });
  }
  return out;
}

const PERMISSIONS = new Set(['FULL_CONTROL', 'READ', 'WRITE', 'READ_ACP', 'WRITE_ACP']);
const GROUPS = new Set([ALL_USERS, AUTHENTICATED_USERS, LOG_DELIVERY]);

/** The grants of an AccessControlPolicy body, checked as S3 checks them. */
function grantsFromPolicy(policy: Record<string, unknown>): Grant[] {
  const raw = (policy.Grants ?? []) as Array<Record<string, unknown>>;
  return raw.map((g) => {
    const grantee = (g.Grantee ?? {}) as Grant['Grantee'];
    const permission = String(g.Permission ?? '');
    if (!PERMISSIONS.has(permission) || !grantee.Type) throw malformedXml();
    if (grantee.Type === 'CanonicalUser' && !grantee.ID) throw malformedXml();
    if (grantee.Type === 'Group' && !grantee.URI) throw malformedXml();
    if (grantee.Type === 'Group' && !GROUPS.has(grantee.URI as string)) throw invalidArgument('Invalid group uri', 'uri', grantee.URI); // Unconfirmed wording
    if (grantee.Type === 'AmazonCustomerByEmail' && !grantee.EmailAddress) throw malformedXml();
    const out: Grant['Grantee'] = { Type: grantee.Type };
    if (grantee.ID) out.ID = grantee.ID;
    if (grantee.URI) out.URI = grantee.URI;
    if (grantee.EmailAddress) out.EmailAddress = grantee.EmailAddress;
    return { Grantee: out, Permission: permission as Permission };
  });
}

/** The request carries an ACL in any form (canned, grant headers, body). */
export function requestHasAcl(input: OperationInput): boolean {
  return input.ACL !== undefined || input.AccessControlPolicy !== undefined || GRANT_HEADERS.some(([m]) => input[m] !== undefined);
}

/**
 * The grants a request sets (x-amz-acl, x-amz-grant-*, or an AccessControlPolicy body), or
 * undefined when it sets none. `ownerId` is who owns the resource (the bucket owner for a
 * bucket, the writer for an object), `bucket` the bucket it lives in. Refuses ACLs on a
 * BucketOwnerEnforced bucket other than bucket-owner-full-control (AccessControlListNotSupported)
 * — callers then check Block Public Access with checkAclAllowed (public-access.ts).
 */
export function aclFromRequest(input: OperationInput, ownerId: string, bucket: BucketRecord): Grant[] | undefined {
  const headers = GRANT_HEADERS.filter(([m]) => typeof input[m] === 'string');
  const canned = typeof input.ACL === 'string' ? input.ACL : undefined;
  const body = input.AccessControlPolicy && typeof input.AccessControlPolicy === 'object' ? (input.AccessControlPolicy as Record<string, unknown>) : undefined;
  if (canned !== undefined && headers.length > 0) throw invalidRequest('Specifying both Canned ACLs and Header Grants is not allowed');
  if (body && (canned !== undefined || headers.length > 0)) {
    throw new AwsError('UnexpectedContent', 'This request does not support content', { status: 400 });
  }
  let grants: Grant[] | undefined;
  if (canned !== undefined) grants = cannedAcl(canned, ownerId, bucket.OwnerId);
  else if (headers.length > 0) grants = headers.flatMap(([m, permission, header]) => parseGrantHeader(input[m] as string, permission, header));
  else if (body) grants = grantsFromPolicy(body);
  if (grants === undefined) return undefined;
  if (bucket.ObjectOwnership === 'BucketOwnerEnforced') {
    const fullControlOnly = grants.every((g) => g.Permission === 'FULL_CONTROL' && g.Grantee.Type === 'CanonicalUser' && (g.Grantee.ID === bucket.OwnerId || g.Grantee.ID === ownerId));
    if (!(canned === 'bucket-owner-full-control' || (canned === undefined && fullControlOnly && grants.some((g) => g.Grantee.ID === bucket.OwnerId)))) {
      throw new AwsError('AccessControlListNotSupported', 'The bucket does not allow ACLs', { status: 400 });
    }
  }
  return grants;
}

/** The ACL permissions that allow an action, by where the ACL sits. */
const BUCKET_ACL: Record<string, Permission> = {
  's3:listbucket': 'READ',
  's3:listbucketversions': 'READ',
  's3:listbucketmultipartuploads': 'READ',
  's3:putobject': 'WRITE',
  's3:deleteobject': 'WRITE',
  's3:deleteobjectversion': 'WRITE',
  's3:getbucketacl': 'READ_ACP',
  's3:putbucketacl': 'WRITE_ACP',
};
const OBJECT_ACL: Record<string, Permission> = {
  's3:getobject': 'READ',
  's3:getobjectversion': 'READ',
  's3:getobjecttorrent': 'READ',
  's3:getobjectacl': 'READ_ACP',
  's3:getobjectversionacl': 'READ_ACP',
  's3:putobjectacl': 'WRITE_ACP',
  's3:putobjectversionacl': 'WRITE_ACP',
};

/** Where the ACL that governs `action` lives, and the permission it needs; undefined when ACLs cannot allow it. */
export function aclPermissionFor(action: string): { on: 'bucket' | 'object'; permission: Permission } | undefined {
  const a = action.toLowerCase();
  if (BUCKET_ACL[a]) return { on: 'bucket', permission: BUCKET_ACL[a] };
  if (OBJECT_ACL[a]) return { on: 'object', permission: OBJECT_ACL[a] };
  return undefined;
}

/**
 * Whether `grants` give the caller `permission`: AllUsers everyone (also anonymous callers),
 * AuthenticatedUsers every signed caller, a canonical user id its account. `ignorePublic`
 * drops the public grantees (IgnorePublicAcls); `accountGrants` says whether grants to an
 * account's canonical id count for this caller (only its root, or the resource side of a
 * cross-account check — IAM users need their own account's identity policy as well).
 */
export function aclGrants(ctx: RequestContext, grants: ReadonlyArray<Grant>, permission: Permission, options: { ignorePublic: boolean; accountGrants: boolean }): boolean {
  const anonymous = ctx.principal.type === 'Anonymous';
  const myId = anonymous ? undefined : canonicalUserId(ctx.principal.account);
  for (const g of grants) {
    if (g.Permission !== permission && g.Permission !== 'FULL_CONTROL') continue;
    const grantee = g.Grantee;
    if (grantee.Type === 'Group') {
      if (options.ignorePublic) continue;
      if (grantee.URI === ALL_USERS) return true;
      if (grantee.URI === AUTHENTICATED_USERS && !anonymous) return true;
    } else if (grantee.Type === 'CanonicalUser' && options.accountGrants && myId !== undefined && grantee.ID === myId) {
      return true;
    }
  }
  return false;
}
