import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  CloudTrailClient,
  CreateTrailCommand,
  DescribeTrailsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  ListTrailsCommand,
  StopLoggingCommand,
  UpdateTrailCommand,
  type CreateTrailCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, creds, rejectsWith } from '../support/aws-clients.js';
import { organizationsCall } from '../support/organizations.js';
import { suiteServer } from '../support/server.js';

/**
 * Organization trails: only the management account of an organization with all features may
 * create one; its bucket policy must also cover AWSLogs/<organization id>/; member accounts
 * see it as a shadow trail they cannot change.
 */
const BUCKET = 'org-trail-logs';

describe('CloudTrail organization trails', () => {
  const bulwark = suiteServer(['--accept-any-key']);
  const ct = (account: string, region = 'us-east-1') => new CloudTrailClient({ ...clientConfig(bulwark.endpoint, creds(account)), region });
  const create = (account: string, input: Partial<CreateTrailCommandInput> & { Name: string }) =>
    ct(account).send(new CreateTrailCommand({ S3BucketName: BUCKET, IsOrganizationTrail: true, ...input }));

  const organizations = (account: string, operation: string, input: Record<string, unknown> = {}) => organizationsCall(bulwark.endpoint, account, operation, input);

  const MANAGEMENT = '200000000001';
  let orgId = '';
  let member = '';

  before(async () => {
    orgId = (await organizations(MANAGEMENT, 'CreateOrganization', { FeatureSet: 'ALL' })).Organization.Id;
    member = (await organizations(MANAGEMENT, 'CreateAccount', { AccountName: 'member', Email: 'member@example.com' })).CreateAccountStatus.AccountId;
    const s3 = new S3Client({ ...clientConfig(bulwark.endpoint), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const principal = { Service: 'cloudtrail.amazonaws.com' };
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: BUCKET,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: principal, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${BUCKET}` },
            { Effect: 'Allow', Principal: principal, Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${MANAGEMENT}/*` },
            { Effect: 'Allow', Principal: principal, Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/org-wide/AWSLogs/${MANAGEMENT}/*` },
            { Effect: 'Allow', Principal: principal, Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/org-wide/AWSLogs/${orgId}/*` },
          ],
        }),
      }),
    );
  });

  test('only the management account of an organization with all features creates organization trails', async () => {
    await rejectsWith(create('200000000009', { Name: 'lonely' }), 'OrganizationsNotInUseException', 400, /not a member of an organization/);
    await organizations('200000000008', 'CreateOrganization', { FeatureSet: 'CONSOLIDATED_BILLING' });
    await rejectsWith(create('200000000008', { Name: 'billing-only' }), 'OrganizationNotInAllFeaturesModeException', 400);
    await rejectsWith(create(member, { Name: 'from-member' }), 'NotOrganizationMasterAccountException', 400, new RegExp(member));
    // The bucket policy must let CloudTrail write the organization's logs too.
    await rejectsWith(create(MANAGEMENT, { Name: 'org-trail' }), 'InsufficientS3BucketPolicyException', 400);
    const trail = await create(MANAGEMENT, { Name: 'org-trail', S3KeyPrefix: 'org-wide', IsMultiRegionTrail: true });
    assert.equal(trail.IsOrganizationTrail, true);
    assert.equal(trail.TrailARN, `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`);
  });

  test('member accounts see the organization trail, read-only, until it stops being one', async () => {
    const arn = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`;
    const seen = (await ct(member, 'eu-west-1').send(new DescribeTrailsCommand({}))).trailList!;
    assert.deepEqual(seen.map((t) => [t.TrailARN, t.HomeRegion, t.IsOrganizationTrail]), [[arn, 'us-east-1', true]]);
    assert.deepEqual((await ct(member).send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList, []);
    assert.equal((await ct(member).send(new GetTrailCommand({ Name: 'org-trail' }))).Trail!.TrailARN, arn);
    assert.deepEqual((await ct(member).send(new ListTrailsCommand({}))).Trails, [{ TrailARN: arn, Name: 'org-trail', HomeRegion: 'us-east-1' }]);
    assert.equal((await ct(member).send(new GetTrailStatusCommand({ Name: arn }))).IsLogging, false);
    // The status of an organization trail needs its ARN.
    await rejectsWith(ct(member).send(new GetTrailStatusCommand({ Name: 'org-trail' })), 'TrailNotFoundException', 400, `Unknown trail: arn:aws:cloudtrail:us-east-1:${member}:trail/org-trail for the user: ${member}`);
    await rejectsWith(ct(member).send(new StopLoggingCommand({ Name: arn })), 'NotOrganizationMasterAccountException', 400);
    await rejectsWith(ct(member).send(new UpdateTrailCommand({ Name: 'org-trail', EnableLogFileValidation: true })), 'NotOrganizationMasterAccountException', 400);

    const updated = await ct(MANAGEMENT).send(new UpdateTrailCommand({ Name: 'org-trail', IsOrganizationTrail: false }));
    assert.equal(updated.IsOrganizationTrail, false);
    assert.deepEqual((await ct(member).send(new DescribeTrailsCommand({}))).trailList, []);
    await rejectsWith(ct(member).send(new GetTrailCommand({ Name: 'org-trail' })), 'TrailNotFoundException', 400);
  });
});
