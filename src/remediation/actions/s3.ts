/**
 * S3 remediations: Block Public Access back on for the bucket, and the public statements of
 * its bucket policy removed (public as S3 itself decides it for Block Public Access).
 */
import { statementIsPublic } from '../../iam/policy/public-statements.js';
import { absentOn } from './common.js';
import { changed, unchanged, type ActionContext, type RemediationAction, type SubjectOf } from '../action.js';

async function s3Client(ctx: ActionContext, region: string) {
  const { S3Client } = await import('@aws-sdk/client-s3');
  return ctx.client((config) => new S3Client({ ...config, forcePathStyle: true }), region);
}

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

export const s3BlockPublicAccess: RemediationAction<'bucket'> = {
  name: 's3-block-public-access',
  description: "Turns all four Block Public Access settings of the bucket on (PutPublicAccessBlock), unless they already are.",
  accepts: ['guardduty-finding', 'securityhub-findings', 'cloudtrail-call'],
  subject: 'bucket',
  iamActions: ['s3:GetBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock'],
  async run({ bucket, region }: SubjectOf<'bucket'>, ctx) {
    const { GetPublicAccessBlockCommand, PutPublicAccessBlockCommand } = await import('@aws-sdk/client-s3');
    const s3 = await s3Client(ctx, region);
    const current = (await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })).then((out) => out.PublicAccessBlockConfiguration, absentOn('NoSuchPublicAccessBlockConfiguration'))) ?? {};
    if (Object.keys(ALL_ON).every((k) => current[k as keyof typeof ALL_ON] === true)) return unchanged(`Block Public Access is already on for ${bucket}`);
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: ALL_ON }));
    return changed(`Block Public Access turned on for ${bucket}`);
  },
};

export const s3RemovePublicPolicyStatements: RemediationAction<'bucket'> = {
  name: 's3-remove-public-policy-statements',
  description: 'Removes the statements of the bucket policy that grant public access; deletes the policy when none is left.',
  accepts: ['guardduty-finding', 'securityhub-findings', 'cloudtrail-call'],
  subject: 'bucket',
  iamActions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  async run({ bucket, region }: SubjectOf<'bucket'>, ctx) {
    const { DeleteBucketPolicyCommand, GetBucketPolicyCommand, PutBucketPolicyCommand } = await import('@aws-sdk/client-s3');
    const s3 = await s3Client(ctx, region);
    const text = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket })).then((out) => out.Policy, absentOn('NoSuchBucketPolicy'));
    if (text === undefined) return unchanged(`${bucket} has no bucket policy`);
    const policy = JSON.parse(text) as Record<string, unknown>;
    const statements = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) as Record<string, unknown>[];
    const kept = statements.filter((s) => !statementIsPublic(s));
    const removed = statements.length - kept.length;
    if (removed === 0) return unchanged(`the bucket policy of ${bucket} has no public statement`);
    if (kept.length === 0) {
      await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
      return changed(`deleted the bucket policy of ${bucket} (all ${removed} statements were public)`);
    }
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ ...policy, Statement: kept }) }));
    return changed(`removed ${removed} public statement(s) from the bucket policy of ${bucket}`);
  },
};
