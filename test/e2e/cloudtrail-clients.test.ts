import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { CloudTrailClient, CreateTrailCommand, GetTrailStatusCommand, StartLoggingCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { trailBucketPolicy } from '../support/trail-delivery.js';
import { clientConfig, rejectsWith, userWithKey, type Keys } from '../support/aws-clients.js';
import { pythonToolsMissing, runAwsCli, suiteServer } from '../support/server.js';

/**
 * CloudTrail as real clients use it: the AWS CLI v1 end to end, and IAM authorization of trail
 * calls (the action from the operation, the trail's ARN from its name, its tags as
 * aws:ResourceTag/…) with AWS's AccessDeniedException.
 */
const ACCOUNT = '000000000000';
const BUCKET = 'client-trail-logs';

describe('CloudTrail with real clients', () => {
  const bulwark = suiteServer();
  const ct = (keys?: Keys) => new CloudTrailClient(clientConfig(bulwark.endpoint, keys));
  const arn = (name: string) => `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${name}`;

  before(async () => {
    const s3 = new S3Client({ ...clientConfig(bulwark.endpoint), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: trailBucketPolicy(BUCKET, ACCOUNT) }));
  });

  test('the AWS CLI v1 manages a trail end to end', { skip: pythonToolsMissing() }, async () => {
    const cli = async (...args: string[]) => {
      const r = await runAwsCli(bulwark.endpoint, ['cloudtrail', ...args]);
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim() ? JSON.parse(r.stdout) : {};
    };
    const created = await cli('create-trail', '--name', 'cli-trail', '--s3-bucket-name', BUCKET, '--is-multi-region-trail', '--enable-log-file-validation', '--tags-list', 'Key=owner,Value=cli');
    assert.equal(created.TrailARN, arn('cli-trail'));
    assert.equal(created.IsMultiRegionTrail, true);
    assert.equal(created.LogFileValidationEnabled, true);
    const listed = await cli('describe-trails', '--region', 'eu-west-1');
    assert.deepEqual(listed.trailList.map((t: { Name: string; HomeRegion: string }) => [t.Name, t.HomeRegion]), [['cli-trail', 'us-east-1']]);
    await cli('start-logging', '--name', 'cli-trail');
    const status = await cli('get-trail-status', '--name', 'cli-trail');
    assert.equal(status.IsLogging, true);
    assert.equal(typeof status.StartLoggingTime, 'number', 'a timestamp, as the CLI prints them');
    const selectors = JSON.stringify([{ Name: 'writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] }]);
    const put = await cli('put-event-selectors', '--trail-name', 'cli-trail', '--advanced-event-selectors', selectors);
    assert.deepEqual(put.AdvancedEventSelectors, JSON.parse(selectors));
    assert.deepEqual((await cli('get-event-selectors', '--trail-name', arn('cli-trail'))).AdvancedEventSelectors, JSON.parse(selectors));
    assert.deepEqual((await cli('list-tags', '--resource-id-list', arn('cli-trail'))).ResourceTagList[0].TagsList, [{ Key: 'owner', Value: 'cli' }]);
    const trails = await cli('list-trails');
    assert.ok(trails.Trails.some((t: { TrailARN: string }) => t.TrailARN === arn('cli-trail')));
    await cli('delete-trail', '--name', 'cli-trail');
    const gone = await runAwsCli(bulwark.endpoint, ['cloudtrail', 'get-trail', '--name', 'cli-trail']);
    assert.notEqual(gone.status, 0);
    assert.match(gone.stderr, /TrailNotFoundException.*Unknown trail: cli-trail for the user: 000000000000/);
    const bad = await runAwsCli(bulwark.endpoint, ['cloudtrail', 'create-trail', '--name', 'x', '--s3-bucket-name', BUCKET]);
    assert.match(bad.stderr, /InvalidTrailNameException.*Trail name too short/);
  });

  test('IAM decides trail calls: a user without cloudtrail:StopLogging cannot stop the trail', async () => {
    await ct().send(new CreateTrailCommand({ Name: 'guarded', S3BucketName: BUCKET, TagsList: [{ Key: 'team', Value: 'security' }] }));
    await ct().send(new CreateTrailCommand({ Name: 'other-team', S3BucketName: BUCKET, TagsList: [{ Key: 'team', Value: 'web' }] }));
    const operator = await userWithKey(bulwark.endpoint, 'trail-operator', {
      policy: {
        name: 'operate',
        document: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['cloudtrail:StartLogging', 'cloudtrail:GetTrailStatus'], Resource: arn('guarded') }],
        }),
      },
    });
    await ct(operator).send(new StartLoggingCommand({ Name: 'guarded' }));
    assert.equal((await ct(operator).send(new GetTrailStatusCommand({ Name: 'guarded' }))).IsLogging, true);
    await rejectsWith(
      ct(operator).send(new StopLoggingCommand({ Name: 'guarded' })),
      'AccessDeniedException',
      400,
      `User: arn:aws:iam::${ACCOUNT}:user/trail-operator is not authorized to perform: cloudtrail:StopLogging on resource: ${arn('guarded')} because no identity-based policy allows the cloudtrail:StopLogging action`,
    );
    await rejectsWith(ct(operator).send(new StartLoggingCommand({ Name: 'other-team' })), 'AccessDeniedException', 400, new RegExp(`on resource: ${arn('other-team')}`));
    assert.equal((await ct().send(new GetTrailStatusCommand({ Name: 'guarded' }))).IsLogging, true, 'the refused call changed nothing');

    // The trail's tags are aws:ResourceTag/… in policies.
    const teamLead = await userWithKey(bulwark.endpoint, 'team-lead', {
      policy: {
        name: 'own-team',
        document: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'cloudtrail:StopLogging', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'security' } } }],
        }),
      },
    });
    await ct(teamLead).send(new StopLoggingCommand({ Name: arn('guarded') }));
    await rejectsWith(ct(teamLead).send(new StopLoggingCommand({ Name: 'other-team' })), 'AccessDeniedException', 400);
  });
});
