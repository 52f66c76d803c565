import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AddTagsCommand,
  CloudTrailClient,
  CreateTrailCommand,
  DeleteTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  ListTrailsCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  UpdateTrailCommand,
  type CreateTrailCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, creds, rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * Trails through the SDK v3: the lifecycle (create, read, update, delete), names and ARNs,
 * multi-Region trails and their shadow trails, the home-Region rule, the account-wide rules
 * (unique names, 5 trails per Region), logging state and listing. Each test signs as its own
 * account (--accept-any-key: a 12-digit key id is that account's root) so that trails of one
 * test never show in another's Regions.
 */
const BUCKET = 'trail-logs';
const LEGACY_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe('CloudTrail trails', () => {
  const bulwark = suiteServer(['--accept-any-key']);
  const ct = (account: string, region = 'us-east-1') => new CloudTrailClient({ ...clientConfig(bulwark.endpoint, creds(account)), region });
  const create = (account: string, input: Partial<CreateTrailCommandInput> & { Name: string }, region = 'us-east-1') =>
    ct(account, region).send(new CreateTrailCommand({ S3BucketName: BUCKET, ...input }));

  before(async () => {
    const s3 = new S3Client({ ...clientConfig(bulwark.endpoint), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const statement = (Action: string, Resource: string, Condition?: unknown) => ({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action, Resource, Condition });
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: BUCKET,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            statement('s3:GetBucketAcl', `arn:aws:s3:::${BUCKET}`),
            statement('s3:PutObject', `arn:aws:s3:::${BUCKET}/AWSLogs/*`, { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } }),
          ],
        }),
      }),
    );
  });

  test('CreateTrail, GetTrail, DescribeTrails, GetTrailStatus and DeleteTrail', async () => {
    const account = '100000000001';
    const arn = `arn:aws:cloudtrail:us-east-1:${account}:trail/audit`;
    const created = await create(account, { Name: 'audit', EnableLogFileValidation: true });
    assert.deepEqual(
      { ...created, $metadata: undefined },
      { $metadata: undefined, Name: 'audit', S3BucketName: BUCKET, IncludeGlobalServiceEvents: true, IsMultiRegionTrail: false, TrailARN: arn, LogFileValidationEnabled: true, IsOrganizationTrail: false },
    );
    for (const name of ['audit', arn]) {
      const trail = (await ct(account).send(new GetTrailCommand({ Name: name }))).Trail!;
      assert.equal(trail.TrailARN, arn);
      assert.equal(trail.HomeRegion, 'us-east-1');
      assert.equal(trail.HasCustomEventSelectors, false);
      assert.equal(trail.HasInsightSelectors, false);
      assert.equal(trail.S3KeyPrefix, undefined);
      assert.equal(trail.KmsKeyId, undefined);
    }
    assert.deepEqual((await ct(account).send(new DescribeTrailsCommand({}))).trailList!.map((t) => t.TrailARN), [arn]);
    const status = await ct(account).send(new GetTrailStatusCommand({ Name: 'audit' }));
    assert.equal(status.IsLogging, false, 'a new trail is not logging until StartLogging');
    assert.equal(status.StartLoggingTime, undefined);
    assert.equal(status.TimeLoggingStarted, '');
    assert.equal(status.LatestDeliveryAttemptTime, '');
    await rejectsWith(create(account, { Name: 'audit' }), 'TrailAlreadyExistsException', 400, `Trail audit already exists for customer: ${account}`);
    await ct(account).send(new DeleteTrailCommand({ Name: arn }));
    await rejectsWith(ct(account).send(new GetTrailCommand({ Name: 'audit' })), 'TrailNotFoundException', 400, `Unknown trail: audit for the user: ${account}`);
    await rejectsWith(ct(account).send(new GetTrailStatusCommand({ Name: 'audit' })), 'TrailNotFoundException', 400, `Unknown trail: ${arn} for the user: ${account}`);
    await rejectsWith(ct(account).send(new DeleteTrailCommand({ Name: 'audit' })), 'TrailNotFoundException', 400);
    assert.deepEqual((await ct(account).send(new DescribeTrailsCommand({}))).trailList, []);
  });

  test('trail names and ARNs are checked wherever a trail is named', async () => {
    const account = '100000000002';
    await rejectsWith(create(account, { Name: 'ab' }), 'InvalidTrailNameException', 400, 'Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.');
    await rejectsWith(create(account, { Name: '-trail' }), 'InvalidTrailNameException', 400, 'Trail name must starts with a letter or number.');
    await rejectsWith(create(account, { Name: 'my#trail' }), 'InvalidTrailNameException', 400, /can only contain uppercase letters/);
    await rejectsWith(create(account, { Name: 'my--trail' }), 'InvalidTrailNameException', 400, /adjacent/);
    await rejectsWith(create(account, { Name: '10.0.0.1' }), 'InvalidTrailNameException', 400, /IP address/);
    await rejectsWith(create(account, { Name: `arn:aws:cloudtrail:us-east-1:${account}:trail/x1y` }), 'InvalidTrailNameException', 400);
    await rejectsWith(ct(account).send(new GetTrailCommand({ Name: 'arn:aws:s3:::bucket' })), 'CloudTrailARNInvalidException', 400);
    await rejectsWith(ct(account).send(new StartLoggingCommand({ Name: `arn:aws:cloudtrail:us-east-1:${account}:eventdatastore/abc` })), 'CloudTrailARNInvalidException', 400);
    await rejectsWith(ct(account).send(new DescribeTrailsCommand({ trailNameList: ['ok-name', 'x'] })), 'InvalidTrailNameException', 400);
    await rejectsWith(create(account, { Name: 'fine', S3BucketName: 'Not_A_Bucket' }), 'InvalidS3BucketNameException', 400);
    await rejectsWith(create(account, { Name: 'fine', S3KeyPrefix: 'p'.repeat(201) }), 'InvalidS3PrefixException', 400);
    await rejectsWith(create(account, { Name: 'fine', IsMultiRegionTrail: true, IncludeGlobalServiceEvents: false }), 'InvalidParameterCombinationException', 400, 'Multi-Region trail must include global service events.');
    // Another account's trail is unknown to this one.
    await create('100000000003', { Name: 'private' });
    await rejectsWith(ct(account).send(new GetTrailCommand({ Name: 'arn:aws:cloudtrail:us-east-1:100000000003:trail/private' })), 'TrailNotFoundException', 400);
  });

  test('a multi-Region trail shows as a shadow trail in other Regions, where only reads are allowed', async () => {
    const account = '100000000004';
    const global = await create(account, { Name: 'everywhere', IsMultiRegionTrail: true });
    const local = await create(account, { Name: 'east-only' });
    const west = ct(account, 'us-west-2');
    const seen = (await west.send(new DescribeTrailsCommand({}))).trailList!;
    assert.deepEqual(seen.map((t) => [t.Name, t.HomeRegion, t.TrailARN]), [['everywhere', 'us-east-1', global.TrailARN]]);
    assert.deepEqual((await west.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList, []);
    assert.equal((await west.send(new GetTrailCommand({ Name: 'everywhere' }))).Trail!.HomeRegion, 'us-east-1');
    assert.equal((await west.send(new GetEventSelectorsCommand({ TrailName: 'everywhere' }))).TrailARN, global.TrailARN);
    // A single-Region trail is seen in its Region only — unless DescribeTrails names its ARN.
    await rejectsWith(west.send(new GetTrailCommand({ Name: 'east-only' })), 'TrailNotFoundException', 400, `Unknown trail: east-only for the user: ${account}`);
    await rejectsWith(west.send(new GetTrailCommand({ Name: local.TrailARN })), 'TrailNotFoundException', 400);
    await rejectsWith(west.send(new StopLoggingCommand({ Name: 'east-only' })), 'TrailNotFoundException', 400);
    assert.deepEqual((await west.send(new DescribeTrailsCommand({ trailNameList: [local.TrailARN!, 'east-only', 'everywhere'] }))).trailList!.map((t) => t.Name), ['east-only', 'everywhere']);
    // Changes are made in the home Region.
    for (const call of [
      west.send(new UpdateTrailCommand({ Name: 'everywhere', EnableLogFileValidation: true })),
      west.send(new StartLoggingCommand({ Name: global.TrailARN })),
      west.send(new DeleteTrailCommand({ Name: 'everywhere' })),
      west.send(new PutEventSelectorsCommand({ TrailName: 'everywhere', EventSelectors: [{ ReadWriteType: 'WriteOnly' }] })),
      west.send(new AddTagsCommand({ ResourceId: global.TrailARN, TagsList: [{ Key: 'k', Value: 'v' }] })),
    ]) {
      await rejectsWith(call, 'InvalidHomeRegionException', 400, new RegExp(`${global.TrailARN}.*home Region`));
    }
    // A shadow's status needs its ARN.
    await rejectsWith(west.send(new GetTrailStatusCommand({ Name: 'everywhere' })), 'TrailNotFoundException', 400, `Unknown trail: arn:aws:cloudtrail:us-west-2:${account}:trail/everywhere for the user: ${account}`);
    await ct(account).send(new StartLoggingCommand({ Name: 'everywhere' }));
    assert.equal((await west.send(new GetTrailStatusCommand({ Name: global.TrailARN }))).IsLogging, true);
  });

  test('names are unique among the trails that apply to a Region; at most 5 trails apply to a Region', async () => {
    const account = '100000000005';
    await create(account, { Name: 'shared', IsMultiRegionTrail: true });
    await rejectsWith(create(account, { Name: 'shared' }, 'eu-west-1'), 'TrailAlreadyExistsException', 400, `Trail shared already exists for customer: ${account}`);
    await create(account, { Name: 'regional' }, 'eu-west-1');
    await create(account, { Name: 'regional' }, 'eu-central-1');
    await rejectsWith(create(account, { Name: 'regional', IsMultiRegionTrail: true }), 'TrailAlreadyExistsException', 400);
    await create(account, { Name: 'second' }, 'eu-west-1');
    await create(account, { Name: 'third' }, 'eu-west-1');
    // eu-west-1 now has 4 trails applying to it: 3 of its own and the multi-Region "shared".
    await create(account, { Name: 'fourth' }, 'eu-west-1');
    await rejectsWith(create(account, { Name: 'fifth' }, 'eu-west-1'), 'MaximumNumberOfTrailsExceededException', 400, `User: ${account} already has 5 trails in eu-west-1.`);
    // A multi-Region trail would be a sixth in eu-west-1 as well.
    await rejectsWith(create(account, { Name: 'wide', IsMultiRegionTrail: true }, 'ap-south-1'), 'MaximumNumberOfTrailsExceededException', 400, /eu-west-1/);
    await rejectsWith(ct(account, 'eu-central-1').send(new UpdateTrailCommand({ Name: 'regional', IsMultiRegionTrail: true })), 'TrailAlreadyExistsException', 400);
    await create(account, { Name: 'local-one' }, 'ap-south-1');
  });

  test('UpdateTrail changes what it is given and checks the result as CreateTrail does', async () => {
    const account = '100000000006';
    const created = await create(account, { Name: 'changing2' });
    const updated = await ct(account).send(new UpdateTrailCommand({ Name: 'changing2', EnableLogFileValidation: true, IsMultiRegionTrail: true }));
    assert.equal(updated.LogFileValidationEnabled, true);
    assert.equal(updated.IsMultiRegionTrail, true);
    assert.equal(updated.TrailARN, created.TrailARN);
    assert.deepEqual((await ct(account, 'sa-east-1').send(new DescribeTrailsCommand({}))).trailList!.map((t) => t.Name), ['changing2']);
    await rejectsWith(ct(account).send(new UpdateTrailCommand({ Name: 'changing2', IncludeGlobalServiceEvents: false })), 'InvalidParameterCombinationException', 400);
    // A key prefix the bucket policy does not cover is refused, and nothing changes.
    await rejectsWith(ct(account).send(new UpdateTrailCommand({ Name: 'changing2', S3KeyPrefix: 'elsewhere' })), 'InsufficientS3BucketPolicyException', 400);
    await rejectsWith(ct(account).send(new UpdateTrailCommand({ Name: 'changing2', S3BucketName: 'no-such-bucket-here' })), 'S3BucketDoesNotExistException', 400);
    const trail = (await ct(account).send(new GetTrailCommand({ Name: 'changing2' }))).Trail!;
    assert.equal(trail.S3KeyPrefix, undefined);
    assert.equal(trail.S3BucketName, BUCKET);
    const single = await ct(account).send(new UpdateTrailCommand({ Name: created.TrailARN, IsMultiRegionTrail: false }));
    assert.equal(single.IsMultiRegionTrail, false);
    assert.deepEqual((await ct(account, 'sa-east-1').send(new DescribeTrailsCommand({}))).trailList, []);
    await rejectsWith(ct(account).send(new UpdateTrailCommand({ Name: 'missing-trail' })), 'TrailNotFoundException', 400);
  });

  test('StartLogging and StopLogging record their times; GetTrailStatus answers them', async () => {
    const account = '100000000007';
    await create(account, { Name: 'logger' });
    const before = Date.now();
    await ct(account).send(new StartLoggingCommand({ Name: 'logger' }));
    const started = await ct(account).send(new GetTrailStatusCommand({ Name: 'logger' }));
    assert.equal(started.IsLogging, true);
    assert.ok(started.StartLoggingTime!.getTime() >= before - 1000);
    assert.match(started.TimeLoggingStarted!, LEGACY_TIME);
    assert.equal(started.TimeLoggingStopped, '');
    assert.equal(started.StopLoggingTime, undefined);
    await ct(account).send(new StartLoggingCommand({ Name: 'logger' }));
    assert.deepEqual((await ct(account).send(new GetTrailStatusCommand({ Name: 'logger' }))).StartLoggingTime, started.StartLoggingTime, 'starting a logging trail changes nothing');
    await ct(account).send(new StopLoggingCommand({ Name: 'logger' }));
    const stopped = await ct(account).send(new GetTrailStatusCommand({ Name: 'logger' }));
    assert.equal(stopped.IsLogging, false);
    assert.ok(stopped.StopLoggingTime!.getTime() >= started.StartLoggingTime!.getTime());
    assert.match(stopped.TimeLoggingStopped!, LEGACY_TIME);
    // UpdateTrail leaves the logging state alone (it lives in its own record).
    await ct(account).send(new StartLoggingCommand({ Name: 'logger' }));
    await ct(account).send(new UpdateTrailCommand({ Name: 'logger', EnableLogFileValidation: true }));
    assert.equal((await ct(account).send(new GetTrailStatusCommand({ Name: 'logger' }))).IsLogging, true);
  });

  test('ListTrails lists the account\'s trails of every Region, paged by NextToken', async () => {
    const account = '100000000008';
    const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'eu-central-1', 'ap-south-1', 'ap-northeast-1'];
    const made: string[] = [];
    for (const region of regions) {
      for (let i = 0; i < 5; i++) made.push((await create(account, { Name: `t${i}-${region}` }, region)).TrailARN!);
    }
    const seen: Array<{ TrailARN?: string; HomeRegion?: string }> = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ct(account, 'ca-central-1').send(new ListTrailsCommand({ NextToken: token }));
      seen.push(...page.Trails!);
      token = page.NextToken;
      pages++;
    } while (token);
    assert.equal(pages, 2);
    assert.deepEqual(seen.map((t) => t.TrailARN).sort(), [...made].sort());
    assert.ok(seen.every((t) => t.TrailARN!.includes(`:${t.HomeRegion}:`)));
    await rejectsWith(ct(account).send(new ListTrailsCommand({ NextToken: 'not-a-token' })), 'InvalidNextTokenException', 400);
  });
});
