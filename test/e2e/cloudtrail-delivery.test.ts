import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloudTrailClient, CreateTrailCommand, GetTrailCommand, UpdateTrailCommand, type CreateTrailCommandInput } from '@aws-sdk/client-cloudtrail';
import { CreateAliasCommand, CreateKeyCommand, DisableKeyCommand, KMSClient, type CreateKeyCommandInput } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * What CreateTrail and UpdateTrail check of the delivery: the bucket exists and its bucket
 * policy lets cloudtrail.amazonaws.com read the ACL and write under AWSLogs/<account>/ (decided
 * by the policy engine, with aws:SourceArn, aws:SourceAccount and s3:x-amz-acl); a KMS key
 * exists in the bucket's Region, is symmetric and enabled, and its key policy lets CloudTrail
 * generate data keys. SNS and CloudWatch Logs, which Bulwark does not have, are refused.
 */
const ACCOUNT = '000000000000';
const CT = { Service: 'cloudtrail.amazonaws.com' };
const ACL = { 's3:x-amz-acl': 'bucket-owner-full-control' };

type Statement = Record<string, unknown>;
const aclCheck = (bucket: string, extra: Statement = {}): Statement => ({ Effect: 'Allow', Principal: CT, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${bucket}`, ...extra });
const write = (bucket: string, path: string, extra: Statement = {}): Statement => ({
  Effect: 'Allow',
  Principal: CT,
  Action: 's3:PutObject',
  Resource: `arn:aws:s3:::${bucket}/${path}`,
  Condition: { StringEquals: ACL },
  ...extra,
});

describe('CloudTrail delivery checks', () => {
  const bulwark = suiteServer();
  const ct = (region = 'us-east-1') => new CloudTrailClient({ ...clientConfig(bulwark.endpoint), region });
  const kms = (region = 'us-east-1') => new KMSClient({ ...clientConfig(bulwark.endpoint), region });
  const s3 = () => new S3Client({ ...clientConfig(bulwark.endpoint), forcePathStyle: true });
  const create = (input: Partial<CreateTrailCommandInput> & { Name: string; S3BucketName: string }) => ct().send(new CreateTrailCommand(input));
  const bucketWith = async (bucket: string, statements?: Statement[]) => {
    await s3().send(new CreateBucketCommand({ Bucket: bucket }));
    if (statements) await s3().send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }));
  };
  const trailArn = (name: string) => `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${name}`;

  test('the bucket must exist and its policy must let CloudTrail check the ACL and write the account\'s logs', async () => {
    await rejectsWith(create({ Name: 'nobucket', S3BucketName: 'does-not-exist-1' }), 'S3BucketDoesNotExistException', 400, /does-not-exist-1/);
    const insufficient = (bucket: string) => `Incorrect S3 bucket policy is detected for bucket: ${bucket}`;
    const cases: Array<[string, Statement[]]> = [
      ['no-policy-bucket', []],
      ['acl-only-bucket', [aclCheck('acl-only-bucket')]],
      ['write-only-bucket', [write('write-only-bucket', `AWSLogs/${ACCOUNT}/*`)]],
      ['other-account-bucket', [aclCheck('other-account-bucket'), write('other-account-bucket', 'AWSLogs/111111111111/*')]],
      ['other-service-bucket', [aclCheck('other-service-bucket'), write('other-service-bucket', `AWSLogs/${ACCOUNT}/*`, { Principal: { Service: 'config.amazonaws.com' } })]],
      ['wrong-acl-bucket', [aclCheck('wrong-acl-bucket'), write('wrong-acl-bucket', `AWSLogs/${ACCOUNT}/*`, { Condition: { StringEquals: { 's3:x-amz-acl': 'private' } } })]],
      [
        'denied-bucket',
        [aclCheck('denied-bucket'), write('denied-bucket', `AWSLogs/${ACCOUNT}/*`), { Effect: 'Deny', Principal: CT, Action: 's3:PutObject', Resource: 'arn:aws:s3:::denied-bucket/*' }],
      ],
    ];
    for (const [bucket, statements] of cases) {
      await bucketWith(bucket, statements.length ? statements : undefined);
      await rejectsWith(create({ Name: 'refused', S3BucketName: bucket }), 'InsufficientS3BucketPolicyException', 400, insufficient(bucket));
    }
    await bucketWith('good-bucket', [aclCheck('good-bucket'), write('good-bucket', `AWSLogs/${ACCOUNT}/*`)]);
    assert.equal((await create({ Name: 'accepted', S3BucketName: 'good-bucket' })).S3BucketName, 'good-bucket');
    // The prefix is part of the path the policy must cover.
    await rejectsWith(create({ Name: 'prefixed', S3BucketName: 'good-bucket', S3KeyPrefix: 'team' }), 'InsufficientS3BucketPolicyException', 400);
    await bucketWith('prefix-bucket', [aclCheck('prefix-bucket'), write('prefix-bucket', `team/AWSLogs/${ACCOUNT}/*`)]);
    assert.equal((await create({ Name: 'prefixed', S3BucketName: 'prefix-bucket', S3KeyPrefix: 'team' })).S3KeyPrefix, 'team');
  });

  test('the policy can name the trail (aws:SourceArn) and the account (aws:SourceAccount) as AWS recommends', async () => {
    const bucket = 'source-arn-bucket';
    const condition = { StringEquals: { 'aws:SourceArn': trailArn('named-trail'), 'aws:SourceAccount': ACCOUNT } };
    await bucketWith(bucket, [aclCheck(bucket, { Condition: condition }), write(bucket, `AWSLogs/${ACCOUNT}/*`, { Condition: { StringEquals: { ...ACL, ...condition.StringEquals } } })]);
    assert.equal((await create({ Name: 'named-trail', S3BucketName: bucket })).TrailARN, trailArn('named-trail'));
    await rejectsWith(create({ Name: 'other-trail', S3BucketName: bucket }), 'InsufficientS3BucketPolicyException', 400);
  });

  test('a KMS key must exist in the bucket\'s Region, be symmetric and enabled, and let CloudTrail generate data keys', async () => {
    const bucket = 'kms-logs';
    await bucketWith(bucket, [aclCheck(bucket), write(bucket, `AWSLogs/${ACCOUNT}/*`)]);
    const cloudTrailMayEncrypt = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
        {
          Sid: 'Allow CloudTrail to encrypt logs',
          Effect: 'Allow',
          Principal: CT,
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` }, StringEquals: { 'aws:SourceArn': trailArn('encrypted') } },
        },
      ],
    });
    const key = async (input: CreateKeyCommandInput = {}, region = 'us-east-1') => (await kms(region).send(new CreateKeyCommand(input))).KeyMetadata!;
    const good = await key({ Policy: cloudTrailMayEncrypt });
    await kms().send(new CreateAliasCommand({ AliasName: 'alias/trail-key', TargetKeyId: good.KeyId }));
    const make = (KmsKeyId: string, Name = 'encrypted') => create({ Name, S3BucketName: bucket, KmsKeyId });

    await rejectsWith(make('11111111-2222-3333-4444-555555555555'), 'KmsKeyNotFoundException', 400);
    await rejectsWith(make('alias/no-such-alias'), 'KmsKeyNotFoundException', 400);
    await rejectsWith(make('not a key'), 'InvalidKmsKeyIdException', 400);
    await rejectsWith(make('alias/has space\u0000'), 'InvalidKmsKeyIdException', 400);
    await rejectsWith(make(`arn:aws:kms:us-east-1:${ACCOUNT}:key/\u0000`), 'InvalidKmsKeyIdException', 400);
    await rejectsWith(make('arn:aws:s3:::kms-logs'), 'InvalidKmsKeyIdException', 400);
    await rejectsWith(make((await key({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' })).Arn!), 'InvalidKmsKeyIdException', 400, /not a symmetric encryption key/);
    const disabled = await key({ Policy: cloudTrailMayEncrypt });
    await kms().send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
    await rejectsWith(make(disabled.KeyId!), 'KmsKeyDisabledException', 400);
    const defaultPolicy = await key();
    await rejectsWith(make(defaultPolicy.KeyId!), 'InsufficientEncryptionPolicyException', 400, `Insufficient permissions to access S3 bucket ${bucket} or KMS key ${defaultPolicy.Arn}.`);
    const elsewhere = await key({ Policy: cloudTrailMayEncrypt }, 'us-west-2');
    await rejectsWith(make(elsewhere.Arn!), 'KmsKeyNotFoundException', 400, /Region of the S3 bucket/);
    // The key policy names this trail only.
    await rejectsWith(make(good.KeyId!, 'other-encrypted'), 'InsufficientEncryptionPolicyException', 400);

    const created = await make('alias/trail-key');
    assert.equal(created.KmsKeyId, good.Arn, 'the key is stored and answered as its ARN');
    assert.equal((await ct().send(new GetTrailCommand({ Name: 'encrypted' }))).Trail!.KmsKeyId, good.Arn);
    await rejectsWith(ct().send(new UpdateTrailCommand({ Name: 'encrypted', KmsKeyId: defaultPolicy.Arn })), 'InsufficientEncryptionPolicyException', 400);
    assert.equal((await ct().send(new UpdateTrailCommand({ Name: 'encrypted', KmsKeyId: '' }))).KmsKeyId, undefined);
    assert.equal((await ct().send(new GetTrailCommand({ Name: 'encrypted' }))).Trail!.KmsKeyId, undefined);
  });

  test('Amazon SNS notifications and CloudWatch Logs delivery are refused with a clear error', async () => {
    const bucket = 'plain-logs';
    await bucketWith(bucket, [aclCheck(bucket), write(bucket, `AWSLogs/${ACCOUNT}/*`)]);
    await rejectsWith(create({ Name: 'notifying', S3BucketName: bucket, SnsTopicName: 'deliveries' }), 'UnsupportedOperationException', 400, /SNS notifications are not supported by Bulwark/);
    await rejectsWith(
      create({ Name: 'to-logs', S3BucketName: bucket, CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:trail:*` }),
      'CloudWatchLogsDeliveryUnavailableException',
      400,
      /CloudWatch Logs is not supported by Bulwark/,
    );
    await create({ Name: 'plain', S3BucketName: bucket });
    await rejectsWith(ct().send(new UpdateTrailCommand({ Name: 'plain', SnsTopicName: 'deliveries' })), 'UnsupportedOperationException', 400);
    // Empty strings clear a setting, and there is nothing to clear.
    const updated = await ct().send(new UpdateTrailCommand({ Name: 'plain', SnsTopicName: '', CloudWatchLogsLogGroupArn: '', CloudWatchLogsRoleArn: '' }));
    assert.equal(updated.SnsTopicARN, undefined);
  });
});
