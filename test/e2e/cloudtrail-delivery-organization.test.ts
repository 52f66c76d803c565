import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, ListBucketsCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, creds } from '../support/aws-clients.js';
import { organizationsCall } from '../support/organizations.js';
import { suiteServer } from '../support/server.js';
import { gzippedJson, keysUnder, type DeliveredRecord } from '../support/trail-delivery.js';

/**
 * Which accounts and Regions a trail delivers: an organization trail takes every account of its
 * organization (files under AWSLogs/<organization id>/<account>/), a multi-Region trail every
 * Region; a single-Region trail without global service events takes neither IAM's calls nor
 * other Regions'.
 */
const MANAGEMENT = '300000000001';
const OUTSIDER = '300000000009';
const BUCKET = 'org-delivery-logs';

describe('trail delivery across accounts and Regions', () => {
  const bulwark = suiteServer(['--accept-any-key', '--cloudtrail-delivery-seconds', '3600']);
  const client = <T>(Client: new (config: object) => T, account: string, region = 'us-east-1'): T => new Client({ ...clientConfig(bulwark.endpoint, creds(account)), region, forcePathStyle: true });
  let orgId = '';
  let member = '';

  /** Every delivered file under `prefix`, by key, with its records. */
  const files = async (prefix: string): Promise<Map<string, DeliveredRecord[]>> => {
    const s3 = client(S3Client, MANAGEMENT);
    const out = new Map<string, DeliveredRecord[]>();
    for (const key of await keysUnder(s3, BUCKET, prefix)) out.set(key, (await gzippedJson<{ Records: DeliveredRecord[] }>(s3, BUCKET, key)).Records);
    return out;
  };

  before(async () => {
    orgId = (await organizationsCall(bulwark.endpoint, MANAGEMENT, 'CreateOrganization', { FeatureSet: 'ALL' })).Organization.Id;
    member = (await organizationsCall(bulwark.endpoint, MANAGEMENT, 'CreateAccount', { AccountName: 'member', Email: 'member@example.com' })).CreateAccountStatus.AccountId;
    const s3 = client(S3Client, MANAGEMENT);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const CT = { Service: 'cloudtrail.amazonaws.com' };
    const write = (path: string) => ({ Effect: 'Allow', Principal: CT, Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/${path}` });
    const statements = [{ Effect: 'Allow', Principal: CT, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${BUCKET}` }, write(`org/AWSLogs/${MANAGEMENT}/*`), write(`org/AWSLogs/${orgId}/*`), write(`AWSLogs/${MANAGEMENT}/*`)];
    await s3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }));
    const ct = client(CloudTrailClient, MANAGEMENT);
    await ct.send(new CreateTrailCommand({ Name: 'everyone', S3BucketName: BUCKET, S3KeyPrefix: 'org', IsOrganizationTrail: true, IsMultiRegionTrail: true }));
    await ct.send(new CreateTrailCommand({ Name: 'local', S3BucketName: BUCKET, IncludeGlobalServiceEvents: false }));
    for (const Name of ['everyone', 'local']) await ct.send(new StartLoggingCommand({ Name }));

    await client(IAMClient, member).send(new CreateUserCommand({ UserName: 'member-user' }));
    await client(S3Client, member, 'eu-west-1').send(new ListBucketsCommand({}));
    await client(IAMClient, MANAGEMENT).send(new CreateUserCommand({ UserName: 'management-user' }));
    await client(S3Client, MANAGEMENT).send(new ListBucketsCommand({}));
    await client(S3Client, MANAGEMENT, 'eu-west-1').send(new ListBucketsCommand({}));
    await client(IAMClient, OUTSIDER).send(new CreateUserCommand({ UserName: 'outsider-user' }));
    await bulwark.cloudTrail!.deliverNow();
  });

  test('an organization trail delivers each member account\'s events under AWSLogs/<organization id>/<account>/, each Region apart', async () => {
    const delivered = await files('org/');
    const where = [...delivered.keys()].map((k) => /^org\/AWSLogs\/(o-[a-z0-9]+)\/(\d{12})\/CloudTrail\/([a-z0-9-]+)\/\d{4}\/\d\d\/\d\d\/\2_CloudTrail_\3_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/.exec(k));
    assert.ok(where.every(Boolean), [...delivered.keys()].join('\n'));
    const places = where.map((m) => `${m![1]} ${m![2]} ${m![3]}`).sort();
    assert.deepEqual(places, [`${orgId} ${MANAGEMENT} eu-west-1`, `${orgId} ${MANAGEMENT} us-east-1`, `${orgId} ${member} eu-west-1`, `${orgId} ${member} us-east-1`].sort());
    for (const [key, records] of delivered) {
      const account = key.split('/')[3];
      for (const r of records) assert.equal(r.recipientAccountId, account);
    }
    const all = [...delivered.values()].flat();
    const users = all.filter((r) => r.eventName === 'CreateUser').map((r) => r.requestParameters.userName).sort();
    assert.deepEqual(users, ['management-user', 'member-user'], 'an account outside the organization is not delivered');
  });

  test('a single-Region trail without global service events: its Region\'s events only, and no IAM', async () => {
    const records = [...(await files(`AWSLogs/${MANAGEMENT}/CloudTrail/`)).values()].flat();
    assert.ok(records.length > 0);
    for (const r of records) {
      assert.equal(r.awsRegion, 'us-east-1');
      assert.equal(r.recipientAccountId, MANAGEMENT);
      assert.notEqual(r.eventSource, 'iam.amazonaws.com');
    }
    assert.ok(records.some((r) => r.eventName === 'ListBuckets'));
  });
});
