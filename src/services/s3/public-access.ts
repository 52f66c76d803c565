/**
 * Block Public Access and AWS's notion of "public" (S3 User Guide, "The meaning of public").
 *
 *   policy   public unless every Allow statement is limited to fixed principals (not `*`) or
 *            by a condition with fixed values on one of the keys AWS lists (aws:SourceIp other
 *            than an everything-CIDR, aws:SourceArn, aws:SourceVpc(e), aws:SourceOwner,
 *            aws:SourceAccount, aws:PrincipalAccount/Arn/OrgID, aws:userid outside "AROLEID:*",
 *            s3:x-amz-server-side-encryption-aws-kms-key-id, …). An Allow with NotPrincipal is public.
 *   ACL      public when it grants anything to AllUsers or AuthenticatedUsers.
 *   settings the effective configuration of a bucket is the OR of its own and its owner
 *            account's (s3control PutPublicAccessBlock, stored under ACCOUNT_PAB_KIND).
 */
import { AwsError } from '../../core/aws-error.js';
import { isPublicPolicy } from '../../iam/policy/public-statements.js';
import { GLOBAL_REGION, type Scope, type StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { bucketArn, type BucketRecord, type Grant, type PublicAccessBlock } from './common.js';

/** The account-level configuration: scope {account, GLOBAL}, one record named ACCOUNT_PAB_ID. */
export const ACCOUNT_PAB_KIND = 's3control:public-access-block';
export const ACCOUNT_PAB_ID = 'account';
export const accountPabScope = (account: string): Scope => ({ account, region: GLOBAL_REGION });

export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

const NONE: PublicAccessBlock = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

/** A PublicAccessBlockConfiguration as PutPublicAccessBlock takes it (bucket or account): unset means false. */
export function publicAccessBlockFrom(input: Record<string, unknown>): PublicAccessBlock {
  const c = (input.PublicAccessBlockConfiguration ?? {}) as Partial<PublicAccessBlock>;
  return {
    BlockPublicAcls: c.BlockPublicAcls === true,
    IgnorePublicAcls: c.IgnorePublicAcls === true,
    BlockPublicPolicy: c.BlockPublicPolicy === true,
    RestrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
}

export async function accountPublicAccessBlock(ops: StoreOps, account: string): Promise<PublicAccessBlock | undefined> {
  return (await ops.get<PublicAccessBlock>(accountPabScope(account), ACCOUNT_PAB_KIND, ACCOUNT_PAB_ID))?.value;
}

/** The settings in force for a bucket: each flag on when the bucket's or its owner account's is. */
export async function effectivePublicAccessBlock(ops: StoreOps, bucket: BucketRecord): Promise<PublicAccessBlock> {
  const own = bucket.PublicAccessBlock ?? NONE;
  const account = (await accountPublicAccessBlock(ops, bucket.OwnerAccount)) ?? NONE;
  return {
    BlockPublicAcls: !!(own.BlockPublicAcls || account.BlockPublicAcls),
    IgnorePublicAcls: !!(own.IgnorePublicAcls || account.IgnorePublicAcls),
    BlockPublicPolicy: !!(own.BlockPublicPolicy || account.BlockPublicPolicy),
    RestrictPublicBuckets: !!(own.RestrictPublicBuckets || account.RestrictPublicBuckets),
  };
}

/** The grants include a public grantee (AllUsers or AuthenticatedUsers). */
export function isPublicAcl(grants: ReadonlyArray<Grant> | undefined): boolean {
  return (grants ?? []).some((g) => g.Grantee.Type === 'Group' && (g.Grantee.URI === ALL_USERS || g.Grantee.URI === AUTHENTICATED_USERS));
}

/**
 * S3's newer AccessDenied wording for a write that Block Public Access refuses.
 * Unconfirmed wording — the form of S3's enhanced access-denied messages (troubleshoot-403-errors).
 */
function blockedMessage(ctx: RequestContext, action: string, resource: string, setting: string, what: string): string {
  if (ctx.principal.type === 'Anonymous') return 'Access Denied';
  return `User: ${ctx.principal.arn} is not authorized to perform: ${action} on resource: "${resource}" because public ${what} are blocked by the ${setting} block public access setting`;
}

/** PutBucketPolicy: AccessDenied when BlockPublicPolicy (bucket or account) is on and the policy is public. */
export async function checkPolicyAllowed(ctx: RequestContext, bucket: BucketRecord, policy: string): Promise<void> {
  if (!isPublicPolicy(policy)) return;
  const settings = await effectivePublicAccessBlock(ctx.store, bucket);
  if (!settings.BlockPublicPolicy) return;
  throw new AwsError('AccessDenied', blockedMessage(ctx, 's3:PutBucketPolicy', bucketArn(bucket.Name), 'BlockPublicPolicy', 'policies'), { status: 403 });
}

/** Put*Acl / canned ACLs: AccessDenied when BlockPublicAcls is on and the grants are public. */
export async function checkAclAllowed(ctx: RequestContext, bucket: BucketRecord, grants: Grant[]): Promise<void> {
  if (!isPublicAcl(grants)) return;
  const settings = await effectivePublicAccessBlock(ctx.store, bucket);
  if (!settings.BlockPublicAcls) return;
  const action = ctx.operation === 'PutObjectAcl' || ctx.operation === 'PutObject' || ctx.operation === 'CopyObject' || ctx.operation === 'CreateMultipartUpload'
    ? (ctx.operation === 'PutObjectAcl' ? 's3:PutObjectAcl' : 's3:PutObject')
    : ctx.operation === 'CreateBucket' ? 's3:CreateBucket' : 's3:PutBucketAcl';
  throw new AwsError('AccessDenied', blockedMessage(ctx, action, bucketArn(bucket.Name), 'BlockPublicAcls', 'ACLs'), { status: 403 });
}
