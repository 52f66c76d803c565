import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { describe, test } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketCorsCommand,
  DeleteBucketEncryptionCommand,
  DeleteBucketLifecycleCommand,
  DeleteBucketOwnershipControlsCommand,
  DeleteBucketPolicyCommand,
  DeleteBucketTaggingCommand,
  DeleteBucketWebsiteCommand,
  DeletePublicAccessBlockCommand,
  GetBucketAccelerateConfigurationCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketRequestPaymentCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketAccelerateConfigurationCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketLoggingCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketRequestPaymentCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutBucketWebsiteCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type CreateBucketCommandInput,
} from '@aws-sdk/client-s3';
import { OBJECT_KIND, S3_SCOPE, UPLOAD_KIND, type ObjectEntry, type UploadRecord } from '../../src/services/s3/common.js';
import { clientConfig, creds, rejectsWith, type Keys } from '../support/aws-clients.js';
import { pythonToolsMissing, runAwsCli, runBoto3, suiteServer } from '../support/server.js';

const OTHER = creds('111122223333', 'other-secret');

describe('S3 buckets and bucket configurations', () => {
  const bulwark = suiteServer(['--accept-any-key']);
  const s3 = (region = 'us-east-1', keys?: Keys) => new S3Client({ ...clientConfig(bulwark.endpoint, keys), region, forcePathStyle: true });
  let counter = 0;
  const uniqueName = (label = 'b') => `bw-${label}-${process.pid}-${++counter}`;
  const newBucket = async (input: Partial<CreateBucketCommandInput> = {}, region = 'us-east-1') => {
    const name = input.Bucket ?? uniqueName();
    await s3(region).send(new CreateBucketCommand({ ...input, Bucket: name }));
    return name;
  };

  test('CreateBucket answers Location /bucket; HeadBucket names the region; GetBucketLocation is empty in us-east-1', async () => {
    const name = uniqueName('create');
    const out = await s3().send(new CreateBucketCommand({ Bucket: name }));
    assert.equal(out.Location, `/${name}`);
    const head = await s3().send(new HeadBucketCommand({ Bucket: name }));
    assert.equal(head.BucketRegion, 'us-east-1');
    const loc = await s3().send(new GetBucketLocationCommand({ Bucket: name }));
    assert.equal(loc.LocationConstraint ?? undefined, undefined);
    await rejectsWith(s3().send(new HeadBucketCommand({ Bucket: 'bw-no-such-bucket-here' })), 'NotFound', 404);
    await rejectsWith(s3().send(new GetBucketLocationCommand({ Bucket: 'bw-no-such-bucket-here' })), 'NoSuchBucket', 404, 'The specified bucket does not exist');
    // A HEAD error has no body: the SDK knows it only by its status.
    await assert.rejects(s3().send(new HeadBucketCommand({ Bucket: name, ExpectedBucketOwner: '999999999999' })), (err: any) => err.$metadata.httpStatusCode === 403);
    await s3().send(new HeadBucketCommand({ Bucket: name, ExpectedBucketOwner: '000000000000' }));
    await rejectsWith(s3().send(new GetBucketLocationCommand({ Bucket: name, ExpectedBucketOwner: '999999999999' })), 'AccessDenied', 403, 'Access Denied');
  });

  test('bucket names follow the S3 naming rules', async () => {
    const invalid = [
      'ab',
      'a'.repeat(64),
      'Upper-case',
      'under_score',
      '-leading-hyphen',
      'trailing-hyphen-',
      '.leading-dot',
      'double..dots',
      '192.168.5.4',
      'xn--punycode',
      'sthree-reserved',
      'amzn-s3-demo-bucket',
      'alias-s3alias',
      'object-lambda--ol-s3',
    ];
    for (const name of invalid) {
      await rejectsWith(s3().send(new CreateBucketCommand({ Bucket: name })), 'InvalidBucketName', 400, 'The specified bucket is not valid.');
    }
    const valid = ['abc', `${'a'.repeat(55)}-${process.pid}`.slice(0, 63), `bw.dotted.${process.pid}`, `bw-1-2-${process.pid}`];
    for (const name of valid) await s3().send(new CreateBucketCommand({ Bucket: name }));
  });

  test('re-creating your own bucket: 200 in us-east-1, BucketAlreadyOwnedByYou elsewhere', async () => {
    const east = await newBucket();
    const again = await s3().send(new CreateBucketCommand({ Bucket: east }));
    assert.equal(again.$metadata.httpStatusCode, 200);
    const west = await newBucket({ CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }, 'eu-west-1');
    await rejectsWith(
      s3('eu-west-1').send(new CreateBucketCommand({ Bucket: west, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
      'BucketAlreadyOwnedByYou',
      409,
      'Your previous request to create the named bucket succeeded and you already own it.',
    );
  });

  test(
    "creating another account's bucket name: BucketAlreadyExists",
    async () => {
      const east = await newBucket();
      await rejectsWith(s3('us-east-1', OTHER).send(new CreateBucketCommand({ Bucket: east })), 'BucketAlreadyExists', 409, /bucket namespace is shared/);
    },
  );

  test('LocationConstraint: the region must match the endpoint; us-east-1 (the global endpoint) may name another', async () => {
    await rejectsWith(
      s3('eu-west-1').send(new CreateBucketCommand({ Bucket: uniqueName(), CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } })),
      'IllegalLocationConstraintException',
      400,
      'The us-west-2 location constraint is incompatible for the region specific endpoint this request was sent to.',
    );
    const west = await newBucket({ CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }, 'us-west-2');
    assert.equal((await s3('us-west-2').send(new GetBucketLocationCommand({ Bucket: west }))).LocationConstraint, 'us-west-2');
    assert.equal((await s3('us-west-2').send(new HeadBucketCommand({ Bucket: west }))).BucketRegion, 'us-west-2');
    const fromEast = await newBucket({ CreateBucketConfiguration: { LocationConstraint: 'eu-central-1' } });
    assert.equal((await s3().send(new GetBucketLocationCommand({ Bucket: fromEast }))).LocationConstraint, 'eu-central-1');
  });

  test('DeleteBucket: 204, NoSuchBucket, BucketNotEmpty while a version, delete marker or upload remains', async () => {
    const name = await newBucket();
    const entry: ObjectEntry = { Key: 'k', Versions: [{ VersionId: 'null', IsDeleteMarker: true, LastModified: new Date().toISOString(), OwnerId: 'x' }] };
    await bulwark.store.put(S3_SCOPE, OBJECT_KIND, `${name}/k`, entry);
    await rejectsWith(s3().send(new DeleteBucketCommand({ Bucket: name })), 'BucketNotEmpty', 409, 'The bucket you tried to delete is not empty');
    await bulwark.store.delete(S3_SCOPE, OBJECT_KIND, `${name}/k`);
    const upload: UploadRecord = { Bucket: name, Key: 'k', UploadId: 'u1', Initiated: new Date().toISOString(), InitiatorArn: 'arn', OwnerId: 'x', Template: {}, Parts: {} };
    await bulwark.store.put(S3_SCOPE, UPLOAD_KIND, `${name}/u1`, upload);
    await rejectsWith(s3().send(new DeleteBucketCommand({ Bucket: name })), 'BucketNotEmpty', 409);
    await bulwark.store.delete(S3_SCOPE, UPLOAD_KIND, `${name}/u1`);
    const out = await s3().send(new DeleteBucketCommand({ Bucket: name }));
    assert.equal(out.$metadata.httpStatusCode, 204);
    await rejectsWith(s3().send(new DeleteBucketCommand({ Bucket: name })), 'NoSuchBucket', 404);
  });

  test("ListBuckets lists the caller's account only, pages, filters by prefix and region", async () => {
    const mine = [await newBucket({ Bucket: `bw-list-a-${process.pid}` }), await newBucket({ Bucket: `bw-list-b-${process.pid}` }), await newBucket({ Bucket: `bw-list-c-${process.pid}` })];
    const theirs = `bw-list-theirs-${process.pid}`;
    await s3('us-east-1', OTHER).send(new CreateBucketCommand({ Bucket: theirs }));
    const all = await s3().send(new ListBucketsCommand({}));
    const names = all.Buckets!.map((b) => b.Name);
    for (const n of mine) assert.ok(names.includes(n));
    assert.ok(!names.includes(theirs));
    assert.match(all.Owner!.ID!, /^[0-9a-f]{64}$/);
    assert.equal(all.Buckets!.find((b) => b.Name === mine[0])!.BucketRegion, 'us-east-1');
    assert.ok(all.Buckets![0]!.CreationDate instanceof Date);
    const other = await s3('us-east-1', OTHER).send(new ListBucketsCommand({}));
    assert.deepEqual(other.Buckets!.map((b) => b.Name), [theirs]);
    assert.notEqual(other.Owner!.ID, all.Owner!.ID);

    const prefix = `bw-list-`;
    const first = await s3().send(new ListBucketsCommand({ Prefix: prefix, MaxBuckets: 2 }));
    assert.equal(first.Prefix, prefix);
    assert.deepEqual(first.Buckets!.map((b) => b.Name), mine.slice(0, 2));
    assert.ok(first.ContinuationToken);
    const second = await s3().send(new ListBucketsCommand({ Prefix: prefix, MaxBuckets: 2, ContinuationToken: first.ContinuationToken }));
    assert.deepEqual(second.Buckets!.map((b) => b.Name), mine.slice(2));
    assert.equal(second.ContinuationToken, undefined);
    const west = await s3().send(new ListBucketsCommand({ BucketRegion: 'us-west-2' }));
    assert.ok(west.Buckets!.every((b) => b.BucketRegion === 'us-west-2'));
  });

  test('CreateBucket: Object Lock, Object Ownership and canned ACLs', async () => {
    const locked = await newBucket({ ObjectLockEnabledForBucket: true });
    assert.equal((await s3().send(new GetBucketVersioningCommand({ Bucket: locked }))).Status, 'Enabled');
    const lock = await s3().send(new GetObjectLockConfigurationCommand({ Bucket: locked }));
    assert.deepEqual(lock.ObjectLockConfiguration, { ObjectLockEnabled: 'Enabled' });
    await rejectsWith(
      s3().send(new PutBucketVersioningCommand({ Bucket: locked, VersioningConfiguration: { Status: 'Suspended' } })),
      'InvalidBucketState',
      409,
      'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.',
    );

    await rejectsWith(
      s3().send(new CreateBucketCommand({ Bucket: uniqueName(), ACL: 'public-read' })),
      'InvalidBucketAclWithObjectOwnership',
      400,
      "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
    );
    await rejectsWith(
      s3().send(new CreateBucketCommand({ Bucket: uniqueName(), GrantRead: 'id="0123456789abcdef"' })),
      'InvalidBucketAclWithObjectOwnership',
      400,
    );
    await newBucket({ ACL: 'private' });
    const writer = await newBucket({ ObjectOwnership: 'ObjectWriter', ACL: 'private' });
    // ACLs enabled, but Block Public Access (on for every new bucket) refuses a public one.
    await rejectsWith(s3().send(new CreateBucketCommand({ Bucket: uniqueName(), ObjectOwnership: 'ObjectWriter', ACL: 'public-read' })), 'AccessDenied', 403, /BlockPublicAcls/);
    await newBucket({ ObjectOwnership: 'BucketOwnerPreferred', GrantRead: `id="${'ab'.repeat(32)}"` });
    const controls = await s3().send(new GetBucketOwnershipControlsCommand({ Bucket: writer }));
    assert.deepEqual(controls.OwnershipControls, { Rules: [{ ObjectOwnership: 'ObjectWriter' }] });
  });

  test('PutBucketVersioning / GetBucketVersioning', async () => {
    const name = await newBucket();
    const never = await s3().send(new GetBucketVersioningCommand({ Bucket: name }));
    assert.equal(never.Status, undefined);
    assert.equal(never.MFADelete, undefined);
    await s3().send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    assert.equal((await s3().send(new GetBucketVersioningCommand({ Bucket: name }))).Status, 'Enabled');
    await s3().send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Suspended' } }));
    assert.equal((await s3().send(new GetBucketVersioningCommand({ Bucket: name }))).Status, 'Suspended');
    await rejectsWith(s3().send(new GetBucketVersioningCommand({ Bucket: 'bw-no-such-bucket-here' })), 'NoSuchBucket', 404);
  });

  test('bucket tagging: put, get, delete and the tag rules', async () => {
    const name = await newBucket();
    await rejectsWith(s3().send(new GetBucketTaggingCommand({ Bucket: name })), 'NoSuchTagSet', 404, 'The TagSet does not exist');
    const TagSet = [
      { Key: 'team', Value: 'security' },
      { Key: 'empty', Value: '' },
    ];
    await s3().send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet } }));
    assert.deepEqual((await s3().send(new GetBucketTaggingCommand({ Bucket: name }))).TagSet, TagSet);
    const bad: Array<[Array<{ Key: string; Value: string }>, string]> = [
      [[{ Key: 'aws:reserved', Value: 'x' }], 'Your TagKey cannot be prefixed with aws:'],
      [[{ Key: 'k'.repeat(129), Value: 'x' }], 'The TagKey you have provided is invalid'],
      [[{ Key: 'k', Value: 'v'.repeat(257) }], 'The TagValue you have provided is invalid'],
      [[{ Key: 'dup', Value: '1' }, { Key: 'dup', Value: '2' }], 'Cannot provide multiple Tags with the same key'],
      [Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })), 'Bucket tag count cannot be greater than 50'],
    ];
    for (const [tags, message] of bad) {
      await rejectsWith(s3().send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: tags } })), 'InvalidTag', 400, message);
    }
    await s3().send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) } }));
    const del = await s3().send(new DeleteBucketTaggingCommand({ Bucket: name }));
    assert.equal(del.$metadata.httpStatusCode, 204);
    await rejectsWith(s3().send(new GetBucketTaggingCommand({ Bucket: name })), 'NoSuchTagSet', 404);
  });

  test('default encryption: SSE-S3 unless configured, aws:kms with a key, reset on delete', async () => {
    const name = await newBucket();
    const initial = await s3().send(new GetBucketEncryptionCommand({ Bucket: name }));
    assert.deepEqual(initial.ServerSideEncryptionConfiguration!.Rules, [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }]);
    const keyArn = 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await s3().send(
      new PutBucketEncryptionCommand({
        Bucket: name,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }] },
      }),
    );
    const kms = await s3().send(new GetBucketEncryptionCommand({ Bucket: name }));
    assert.deepEqual(kms.ServerSideEncryptionConfiguration!.Rules, [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }]);
    await rejectsWith(
      s3().send(
        new PutBucketEncryptionCommand({
          Bucket: name,
          ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: keyArn } }] },
        }),
      ),
      'InvalidArgument',
      400,
    );
    await rejectsWith(s3().send(new PutBucketEncryptionCommand({ Bucket: name, ServerSideEncryptionConfiguration: { Rules: [] } })), 'MalformedXML', 400);
    assert.equal((await s3().send(new DeleteBucketEncryptionCommand({ Bucket: name }))).$metadata.httpStatusCode, 204);
    const reset = await s3().send(new GetBucketEncryptionCommand({ Bucket: name }));
    assert.equal(reset.ServerSideEncryptionConfiguration!.Rules![0]!.ApplyServerSideEncryptionByDefault!.SSEAlgorithm, 'AES256');
  });

  test('ownership controls: BucketOwnerEnforced by default, put, delete → OwnershipControlsNotFoundError', async () => {
    const name = await newBucket();
    assert.deepEqual((await s3().send(new GetBucketOwnershipControlsCommand({ Bucket: name }))).OwnershipControls, { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    await s3().send(new PutBucketOwnershipControlsCommand({ Bucket: name, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }));
    assert.deepEqual((await s3().send(new GetBucketOwnershipControlsCommand({ Bucket: name }))).OwnershipControls, { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] });
    assert.equal((await s3().send(new DeleteBucketOwnershipControlsCommand({ Bucket: name }))).$metadata.httpStatusCode, 204);
    await rejectsWith(s3().send(new GetBucketOwnershipControlsCommand({ Bucket: name })), 'OwnershipControlsNotFoundError', 404, 'The bucket ownership controls were not found');
  });

  test('bucket policy: put, get, delete and MalformedPolicy', async () => {
    const name = await newBucket();
    await rejectsWith(s3().send(new GetBucketPolicyCommand({ Bucket: name })), 'NoSuchBucketPolicy', 404, 'The bucket policy does not exist');
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'OwnAccount', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }],
    });
    await s3().send(new PutBucketPolicyCommand({ Bucket: name, Policy: policy, ConfirmRemoveSelfBucketAccess: true }));
    assert.equal((await s3().send(new GetBucketPolicyCommand({ Bucket: name }))).Policy, policy);
    await rejectsWith(s3().send(new PutBucketPolicyCommand({ Bucket: name, Policy: ' {}' })), 'MalformedPolicy', 400, "Policies must be valid JSON and the first byte must be '{'");
    await rejectsWith(s3().send(new PutBucketPolicyCommand({ Bucket: name, Policy: '{not json' })), 'MalformedPolicy', 400, "Policies must be valid JSON and the first byte must be '{'");
    await rejectsWith(s3().send(new PutBucketPolicyCommand({ Bucket: name, Policy: '{"Version":"2012-10-17"}' })), 'MalformedPolicy', 400, 'Missing required field Statement');
    const elsewhere = policy.replace(`arn:aws:s3:::${name}/*`, 'arn:aws:s3:::some-other-bucket/*');
    await rejectsWith(s3().send(new PutBucketPolicyCommand({ Bucket: name, Policy: elsewhere })), 'MalformedPolicy', 400, 'Policy has invalid resource');
    const publicPolicy = policy.replace('{"AWS":"arn:aws:iam::000000000000:root"}', '"*"');
    await rejectsWith(s3().send(new PutBucketPolicyCommand({ Bucket: name, Policy: publicPolicy })), 'AccessDenied', 403, /BlockPublicPolicy/);
    await s3().send(new DeletePublicAccessBlockCommand({ Bucket: name }));
    await s3().send(new PutBucketPolicyCommand({ Bucket: name, Policy: publicPolicy }));
    assert.equal((await s3().send(new DeleteBucketPolicyCommand({ Bucket: name }))).$metadata.httpStatusCode, 204);
    await rejectsWith(s3().send(new GetBucketPolicyCommand({ Bucket: name })), 'NoSuchBucketPolicy', 404);
  });

  test('bucket Block Public Access: all on for new buckets, put, delete → NoSuchPublicAccessBlockConfiguration', async () => {
    const name = await newBucket();
    const initial = await s3().send(new GetPublicAccessBlockCommand({ Bucket: name }));
    assert.deepEqual(initial.PublicAccessBlockConfiguration, { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    await s3().send(new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: false } }));
    const put = await s3().send(new GetPublicAccessBlockCommand({ Bucket: name }));
    assert.deepEqual(put.PublicAccessBlockConfiguration, { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    assert.equal((await s3().send(new DeletePublicAccessBlockCommand({ Bucket: name }))).$metadata.httpStatusCode, 204);
    await rejectsWith(
      s3().send(new GetPublicAccessBlockCommand({ Bucket: name })),
      'NoSuchPublicAccessBlockConfiguration',
      404,
      'The public access block configuration was not found',
    );
  });

  test('Object Lock configuration: needs versioning, Days xor Years, not found on a plain bucket', async () => {
    const name = await newBucket();
    await rejectsWith(
      s3().send(new GetObjectLockConfigurationCommand({ Bucket: name })),
      'ObjectLockConfigurationNotFoundError',
      404,
      'Object Lock configuration does not exist for this bucket',
    );
    const rule = { DefaultRetention: { Mode: 'GOVERNANCE' as const, Days: 7 } };
    await rejectsWith(
      s3().send(new PutObjectLockConfigurationCommand({ Bucket: name, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: rule } })),
      'InvalidBucketState',
      409,
    );
    await s3().send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3().send(new PutObjectLockConfigurationCommand({ Bucket: name, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: rule } }));
    assert.deepEqual((await s3().send(new GetObjectLockConfigurationCommand({ Bucket: name }))).ObjectLockConfiguration, { ObjectLockEnabled: 'Enabled', Rule: rule });
    await rejectsWith(
      s3().send(new PutObjectLockConfigurationCommand({ Bucket: name, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1, Years: 1 } } } })),
      'MalformedXML',
      400,
    );
    await rejectsWith(
      s3().send(new PutObjectLockConfigurationCommand({ Bucket: name, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 0 } } } })),
      'InvalidArgument',
      400,
    );
    await s3().send(new PutObjectLockConfigurationCommand({ Bucket: name, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 1 } } } }));
    assert.deepEqual((await s3().send(new GetObjectLockConfigurationCommand({ Bucket: name }))).ObjectLockConfiguration!.Rule, { DefaultRetention: { Mode: 'COMPLIANCE', Years: 1 } });
  });

  test('server access logging: target must exist, be owned by the same account and in the same region', async () => {
    const source = await newBucket();
    const target = await newBucket();
    assert.equal((await s3().send(new GetBucketLoggingCommand({ Bucket: source }))).LoggingEnabled, undefined);
    await s3().send(new PutBucketLoggingCommand({ Bucket: source, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: target, TargetPrefix: 'logs/' } } }));
    assert.deepEqual((await s3().send(new GetBucketLoggingCommand({ Bucket: source }))).LoggingEnabled, { TargetBucket: target, TargetPrefix: 'logs/' });
    await rejectsWith(
      s3().send(new PutBucketLoggingCommand({ Bucket: source, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'bw-no-such-bucket-here', TargetPrefix: '' } } })),
      'InvalidTargetBucketForLogging',
      400,
      'The target bucket for logging does not exist',
    );
    const theirs = uniqueName('theirs');
    await s3('us-east-1', OTHER).send(new CreateBucketCommand({ Bucket: theirs }));
    await rejectsWith(
      s3().send(new PutBucketLoggingCommand({ Bucket: source, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: theirs, TargetPrefix: '' } } })),
      'InvalidTargetBucketForLogging',
      400,
      'The owner for the bucket to be logged and the target bucket must be the same.',
    );
    await s3().send(new PutBucketLoggingCommand({ Bucket: source, BucketLoggingStatus: {} }));
    assert.equal((await s3().send(new GetBucketLoggingCommand({ Bucket: source }))).LoggingEnabled, undefined);
  });

  test('stored configurations round-trip: CORS, lifecycle, website, request payment, accelerate, notifications', async () => {
    const name = await newBucket();
    await rejectsWith(s3().send(new GetBucketCorsCommand({ Bucket: name })), 'NoSuchCORSConfiguration', 404, 'The CORS configuration does not exist');
    const CORSRules = [{ AllowedMethods: ['GET', 'PUT'], AllowedOrigins: ['https://example.com'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 300 }];
    await s3().send(new PutBucketCorsCommand({ Bucket: name, CORSConfiguration: { CORSRules } }));
    assert.deepEqual((await s3().send(new GetBucketCorsCommand({ Bucket: name }))).CORSRules, CORSRules);
    await rejectsWith(
      s3().send(new PutBucketCorsCommand({ Bucket: name, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['PATCH'], AllowedOrigins: ['*'] }] } })),
      'InvalidRequest',
      400,
      'Found unsupported HTTP method in CORS config. Unsupported method is PATCH',
    );
    assert.equal((await s3().send(new DeleteBucketCorsCommand({ Bucket: name }))).$metadata.httpStatusCode, 204);
    await rejectsWith(s3().send(new GetBucketCorsCommand({ Bucket: name })), 'NoSuchCORSConfiguration', 404);

    await rejectsWith(s3().send(new GetBucketLifecycleConfigurationCommand({ Bucket: name })), 'NoSuchLifecycleConfiguration', 404, 'The lifecycle configuration does not exist');
    const Rules = [{ ID: 'expire-logs', Status: 'Enabled' as const, Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } }];
    await s3().send(new PutBucketLifecycleConfigurationCommand({ Bucket: name, LifecycleConfiguration: { Rules } }));
    const lifecycle = await s3().send(new GetBucketLifecycleConfigurationCommand({ Bucket: name }));
    assert.deepEqual(lifecycle.Rules, Rules);
    assert.equal(lifecycle.TransitionDefaultMinimumObjectSize, 'all_storage_classes_128K');
    await rejectsWith(
      s3().send(new PutBucketLifecycleConfigurationCommand({ Bucket: name, LifecycleConfiguration: { Rules: [Rules[0]!, Rules[0]!] } })),
      'InvalidArgument',
      400,
      'Rule ID must be unique. Found same ID for more than one rule',
    );
    await s3().send(new DeleteBucketLifecycleCommand({ Bucket: name }));
    await rejectsWith(s3().send(new GetBucketLifecycleConfigurationCommand({ Bucket: name })), 'NoSuchLifecycleConfiguration', 404);

    await rejectsWith(s3().send(new GetBucketWebsiteCommand({ Bucket: name })), 'NoSuchWebsiteConfiguration', 404, 'The specified bucket does not have a website configuration');
    await s3().send(new PutBucketWebsiteCommand({ Bucket: name, WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } } }));
    const website = await s3().send(new GetBucketWebsiteCommand({ Bucket: name }));
    assert.deepEqual([website.IndexDocument, website.ErrorDocument], [{ Suffix: 'index.html' }, { Key: 'error.html' }]);
    await s3().send(new DeleteBucketWebsiteCommand({ Bucket: name }));
    await rejectsWith(s3().send(new GetBucketWebsiteCommand({ Bucket: name })), 'NoSuchWebsiteConfiguration', 404);

    assert.equal((await s3().send(new GetBucketRequestPaymentCommand({ Bucket: name }))).Payer, 'BucketOwner');
    await s3().send(new PutBucketRequestPaymentCommand({ Bucket: name, RequestPaymentConfiguration: { Payer: 'Requester' } }));
    assert.equal((await s3().send(new GetBucketRequestPaymentCommand({ Bucket: name }))).Payer, 'Requester');

    assert.equal((await s3().send(new GetBucketAccelerateConfigurationCommand({ Bucket: name }))).Status, undefined);
    await s3().send(new PutBucketAccelerateConfigurationCommand({ Bucket: name, AccelerateConfiguration: { Status: 'Enabled' } }));
    assert.equal((await s3().send(new GetBucketAccelerateConfigurationCommand({ Bucket: name }))).Status, 'Enabled');

    const empty = await s3().send(new GetBucketNotificationConfigurationCommand({ Bucket: name }));
    assert.equal(empty.QueueConfigurations, undefined);
    const queue = { Id: 'q1', QueueArn: 'arn:aws:sqs:us-east-1:000000000000:events', Events: ['s3:ObjectCreated:*' as const] };
    await s3().send(new PutBucketNotificationConfigurationCommand({ Bucket: name, NotificationConfiguration: { QueueConfigurations: [queue], EventBridgeConfiguration: {} } }));
    const notif = await s3().send(new GetBucketNotificationConfigurationCommand({ Bucket: name }));
    assert.deepEqual(notif.QueueConfigurations, [queue]);
    assert.deepEqual(notif.EventBridgeConfiguration, {});
  });

  test('virtual-hosted-style addressing reaches the same bucket', async () => {
    const name = await newBucket();
    const endpoint = bulwark.endpoint.replace('127.0.0.1', 'localhost');
    // `<bucket>.localhost` resolves to the loopback address whatever the resolver says.
    const lookup = (_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) =>
      options.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4);
    const httpAgent = new Agent({ lookup } as ConstructorParameters<typeof Agent>[0]);
    const vhost = new S3Client({ ...clientConfig(endpoint), forcePathStyle: false, requestHandler: { httpAgent } });
    await vhost.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: [{ Key: 'via', Value: 'vhost' }] } }));
    assert.deepEqual((await s3().send(new GetBucketTaggingCommand({ Bucket: name }))).TagSet, [{ Key: 'via', Value: 'vhost' }]);
  });

  test('AWS CLI v1: s3 mb, s3api get-bucket-versioning, s3 rb; boto3 head_bucket', { skip: pythonToolsMissing() }, async () => {
    const name = uniqueName('cli');
    const illegal = await runAwsCli(bulwark.endpoint, ['s3api', 'create-bucket', '--bucket', uniqueName(), '--region', 'eu-west-1']);
    assert.notEqual(illegal.status, 0);
    assert.match(illegal.stderr, /IllegalLocationConstraintException.*The unspecified location constraint is incompatible for the region specific endpoint this request was sent to\./);
    const mb = await runAwsCli(bulwark.endpoint, ['s3', 'mb', `s3://${name}`]);
    assert.equal(mb.status, 0, mb.stderr);
    assert.match(mb.stdout, new RegExp(`make_bucket: ${name}`));
    const versioning = await runAwsCli(bulwark.endpoint, ['s3api', 'get-bucket-versioning', '--bucket', name]);
    assert.equal(versioning.status, 0, versioning.stderr);
    assert.equal(versioning.stdout.trim(), '');
    await runAwsCli(bulwark.endpoint, ['s3api', 'put-bucket-versioning', '--bucket', name, '--versioning-configuration', 'Status=Enabled']);
    const enabled = await runAwsCli(bulwark.endpoint, ['s3api', 'get-bucket-versioning', '--bucket', name]);
    assert.equal(JSON.parse(enabled.stdout).Status, 'Enabled');
    const boto = await runBoto3(
      bulwark.endpoint,
      [
        `s3 = client("s3")`,
        `h = s3.head_bucket(Bucket=${JSON.stringify(name)})`,
        `loc = s3.get_bucket_location(Bucket=${JSON.stringify(name)})`,
        `try:\n  s3.head_bucket(Bucket="bw-no-such-bucket-here")\n  missing = None\nexcept botocore.exceptions.ClientError as e:\n  missing = e.response["Error"]["Code"]`,
        `print(json.dumps({"region": h["BucketRegion"], "loc": loc["LocationConstraint"], "missing": missing}))`,
      ].join('\n'),
    );
    assert.equal(boto.status, 0, boto.stderr);
    assert.deepEqual(JSON.parse(boto.stdout), { region: 'us-east-1', loc: null, missing: '404' });
    const rb = await runAwsCli(bulwark.endpoint, ['s3', 'rb', `s3://${name}`]);
    assert.equal(rb.status, 0, rb.stderr);
    assert.match(rb.stdout, new RegExp(`remove_bucket: ${name}`));
    await rejectsWith(s3().send(new HeadBucketCommand({ Bucket: name })), 'NotFound', 404);
  });
});
