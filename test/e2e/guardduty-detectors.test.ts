import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CreateDetectorCommand,
  CreateFilterCommand,
  DeleteDetectorCommand,
  DescribePublishingDestinationCommand,
  GetDetectorCommand,
  GetFilterCommand,
  GetIPSetCommand,
  ListDetectorsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateDetectorCommand,
} from '@aws-sdk/client-guardduty';
import { rejectsWith, userWithKey } from '../support/aws-clients.js';
import { pythonToolsMissing, runAwsCli, runBoto3, suiteServer } from '../support/server.js';
import { guardduty, invalidValue, NO_SUCH_RESOURCE, NOT_OWNED } from './guardduty-helpers.js';

/**
 * Detectors: one per account and Region, their protection plans (Features and the older
 * DataSources view), publishing frequency, tags on the detector ARN, and AWS's errors — through
 * the SDK v3, boto3 and the AWS CLI.
 */
const EXISTS = 'The request is rejected because a detector already exists for the current account.';

describe('GuardDuty detectors', () => {
  const bulwark = suiteServer(['--accept-any-key', '--cloudtrail=false']);

  test('one detector per account and Region, with AWS\'s defaults; a repeated ClientToken answers the same one', async () => {
    const gd = guardduty(bulwark.endpoint, '111111111111');
    assert.deepEqual((await gd.send(new ListDetectorsCommand({}))).DetectorIds, []);
    const { DetectorId } = await gd.send(new CreateDetectorCommand({ Enable: true, ClientToken: 'token-1' }));
    assert.match(DetectorId!, /^[0-9a-f]{32}$/);
    assert.equal((await gd.send(new CreateDetectorCommand({ Enable: true, ClientToken: 'token-1' }))).DetectorId, DetectorId);
    await rejectsWith(gd.send(new CreateDetectorCommand({ Enable: true })), 'BadRequestException', 400, EXISTS);
    assert.deepEqual((await gd.send(new ListDetectorsCommand({}))).DetectorIds, [DetectorId]);
    // Another Region is another detector.
    const other = guardduty(bulwark.endpoint, '111111111111', 'eu-west-1');
    const { DetectorId: otherId } = await other.send(new CreateDetectorCommand({ Enable: false }));
    assert.notEqual(otherId, DetectorId);
    assert.equal((await other.send(new GetDetectorCommand({ DetectorId: otherId }))).Status, 'DISABLED');
    await rejectsWith(gd.send(new GetDetectorCommand({ DetectorId: otherId })), 'BadRequestException', 400, NOT_OWNED);

    const got = await gd.send(new GetDetectorCommand({ DetectorId }));
    assert.equal(got.Status, 'ENABLED');
    assert.equal(got.FindingPublishingFrequency, 'SIX_HOURS');
    assert.equal(got.ServiceRole, 'arn:aws:iam::111111111111:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty');
    assert.match(got.CreatedAt!, /^\d{4}-\d\d-\d\dT/);
    const features = Object.fromEntries(got.Features!.map((f) => [f.Name, f.Status]));
    assert.equal(features.CLOUD_TRAIL, 'ENABLED');
    assert.equal(features.S3_DATA_EVENTS, 'ENABLED');
    assert.equal(features.RUNTIME_MONITORING, 'DISABLED');
    assert.ok(got.Features!.every((f) => f.UpdatedAt instanceof Date));
    assert.equal(got.DataSources!.CloudTrail!.Status, 'ENABLED');
    assert.equal(got.DataSources!.S3Logs!.Status, 'ENABLED');
  });

  test('UpdateDetector switches the detector, its frequency and protection plans (Features or DataSources, not both)', async () => {
    const gd = guardduty(bulwark.endpoint, '222222222222');
    const { DetectorId } = await gd.send(
      new CreateDetectorCommand({ Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES', DataSources: { S3Logs: { Enable: false } }, Tags: { team: 'sec' } }),
    );
    let got = await gd.send(new GetDetectorCommand({ DetectorId }));
    assert.equal(got.FindingPublishingFrequency, 'FIFTEEN_MINUTES');
    assert.equal(got.DataSources!.S3Logs!.Status, 'DISABLED');
    assert.deepEqual(got.Tags, { team: 'sec' });
    await gd.send(
      new UpdateDetectorCommand({
        DetectorId,
        Enable: false,
        FindingPublishingFrequency: 'ONE_HOUR',
        Features: [
          { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
          { Name: 'RUNTIME_MONITORING', Status: 'ENABLED', AdditionalConfiguration: [{ Name: 'EC2_AGENT_MANAGEMENT', Status: 'ENABLED' }] },
        ],
      }),
    );
    got = await gd.send(new GetDetectorCommand({ DetectorId }));
    assert.equal(got.Status, 'DISABLED');
    assert.equal(got.FindingPublishingFrequency, 'ONE_HOUR');
    const runtime = got.Features!.find((f) => f.Name === 'RUNTIME_MONITORING')!;
    assert.equal(runtime.Status, 'ENABLED');
    assert.equal(runtime.AdditionalConfiguration!.find((a) => a.Name === 'EC2_AGENT_MANAGEMENT')!.Status, 'ENABLED');
    assert.equal(got.DataSources!.S3Logs!.Status, 'ENABLED');
    await rejectsWith(
      gd.send(new UpdateDetectorCommand({ DetectorId, DataSources: { S3Logs: { Enable: true } }, Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }] })),
      'BadRequestException',
      400,
    );
    await rejectsWith(gd.send(new UpdateDetectorCommand({ DetectorId: '0'.repeat(32), Enable: true })), 'BadRequestException', 400, NOT_OWNED);
    await rejectsWith(gd.send(new UpdateDetectorCommand({ DetectorId, FindingPublishingFrequency: 'WEEKLY' as never })), 'BadRequestException', 400, invalidValue('findingPublishingFrequency'));
  });

  test('tags on the detector ARN; DeleteDetector removes it and everything of it', async () => {
    const gd = guardduty(bulwark.endpoint, '333333333333');
    const { DetectorId } = await gd.send(new CreateDetectorCommand({ Enable: true }));
    const arn = `arn:aws:guardduty:us-east-1:333333333333:detector/${DetectorId}`;
    await gd.send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: 'prod', owner: 'me' } }));
    await gd.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['owner'] }));
    assert.deepEqual((await gd.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { env: 'prod' });
    await rejectsWith(gd.send(new ListTagsForResourceCommand({ ResourceArn: `${arn}/filter/nothing` })), 'BadRequestException', 400, NO_SUCH_RESOURCE);
    await rejectsWith(gd.send(new TagResourceCommand({ ResourceArn: arn, Tags: { 'aws:x': 'y' } })), 'BadRequestException', 400);
    await gd.send(new DeleteDetectorCommand({ DetectorId }));
    await rejectsWith(gd.send(new GetDetectorCommand({ DetectorId })), 'BadRequestException', 400, NOT_OWNED);
    await rejectsWith(gd.send(new DeleteDetectorCommand({ DetectorId })), 'BadRequestException', 400, NOT_OWNED);
    await rejectsWith(gd.send(new ListTagsForResourceCommand({ ResourceArn: arn })), 'BadRequestException', 400, NO_SUCH_RESOURCE);
    assert.deepEqual((await gd.send(new ListDetectorsCommand({}))).DetectorIds, []);
  });

  test('the error body carries InvalidInputException as __type; a body that is not JSON is rejected', async () => {
    const res = await fetch(`${bulwark.endpoint}/detector/abc`, { headers: { authorization: 'x' } });
    assert.ok(res.status === 403 || res.status === 400);
    await rejectsWith(guardduty(bulwark.endpoint).send(new GetDetectorCommand({ DetectorId: 'x'.repeat(301) })), 'BadRequestException', 400, invalidValue('detectorId'));
  });

  test('boto3 and the AWS CLI v1 drive detectors and sample findings', { skip: pythonToolsMissing() }, async () => {
    const py = await runBoto3(
      bulwark.endpoint,
      `gd = client("guardduty")
d = gd.create_detector(Enable=True)["DetectorId"]
gd.create_sample_findings(DetectorId=d, FindingTypes=["Recon:IAMUser/TorIPCaller"])
ids = gd.list_findings(DetectorId=d, FindingCriteria={"Criterion": {"type": {"Eq": ["Recon:IAMUser/TorIPCaller"]}}})["FindingIds"]
f = gd.get_findings(DetectorId=d, FindingIds=ids)["Findings"][0]
try:
    gd.create_detector(Enable=True)
    err = None
except botocore.exceptions.ClientError as e:
    err = [e.response["Error"]["Code"], e.response["Error"]["Message"]]
print(json.dumps({"d": d, "type": f["Type"], "severity": f["Severity"], "info": f["Service"]["AdditionalInfo"]["Value"], "err": err}))`,
    );
    assert.equal(py.status, 0, py.stderr);
    const out = JSON.parse(py.stdout);
    assert.equal(out.type, 'Recon:IAMUser/TorIPCaller');
    assert.equal(out.severity, 5);
    assert.deepEqual(JSON.parse(out.info), { sample: true });
    assert.deepEqual(out.err, ['BadRequestException', EXISTS]);
    const cli = await runAwsCli(bulwark.endpoint, ['guardduty', 'get-detector', '--detector-id', out.d]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(JSON.parse(cli.stdout).Status, 'ENABLED');
    const missing = await runAwsCli(bulwark.endpoint, ['guardduty', 'get-detector', '--detector-id', 'f'.repeat(32)]);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /BadRequestException.*not owned by the current account/);
  });
});

describe('GuardDuty authorization', () => {
  const bulwark = suiteServer(['--cloudtrail=false']);

  test('IAM policies decide guardduty:* actions on detector, filter, IP set and destination ARNs', async () => {
    const root = guardduty(bulwark.endpoint);
    const { DetectorId } = await root.send(new CreateDetectorCommand({ Enable: true }));
    const detector = `arn:aws:guardduty:us-east-1:000000000000:detector/${DetectorId}`;
    const user = await userWithKey(bulwark.endpoint, 'gd-reader', {
      policy: {
        name: 'scoped',
        document: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['guardduty:GetDetector', 'guardduty:ListDetectors'], Resource: '*' },
            { Effect: 'Allow', Action: ['guardduty:CreateFilter', 'guardduty:GetFilter'], Resource: `${detector}/filter/team-*` },
            { Effect: 'Allow', Action: 'guardduty:GetIPSet', Resource: `${detector}/ipset/allowed` },
            { Effect: 'Allow', Action: 'guardduty:DescribePublishingDestination', Resource: `${detector}/publishingdestination/allowed` },
          ],
        }),
      },
    });
    const gd = guardduty(bulwark.endpoint, user);
    assert.equal((await gd.send(new GetDetectorCommand({ DetectorId }))).Status, 'ENABLED');
    await rejectsWith(gd.send(new UpdateDetectorCommand({ DetectorId, Enable: false })), 'AccessDeniedException', 403, /guardduty:UpdateDetector/);
    const criteria = { Criterion: { severity: { Gte: 8 } } };
    await gd.send(new CreateFilterCommand({ DetectorId, Name: 'team-high', FindingCriteria: criteria }));
    await rejectsWith(gd.send(new CreateFilterCommand({ DetectorId, Name: 'other', FindingCriteria: criteria })), 'AccessDeniedException', 403, new RegExp(`${detector}/filter/other`));
    await rejectsWith(gd.send(new GetFilterCommand({ DetectorId, FilterName: 'other' })), 'AccessDeniedException', 403);
    await rejectsWith(gd.send(new GetIPSetCommand({ DetectorId, IpSetId: 'allowed' })), 'BadRequestException', 400, NO_SUCH_RESOURCE);
    await rejectsWith(gd.send(new GetIPSetCommand({ DetectorId, IpSetId: 'other' })), 'AccessDeniedException', 403, new RegExp(`${detector}/ipset/other`));
    await rejectsWith(gd.send(new DescribePublishingDestinationCommand({ DetectorId, DestinationId: 'allowed' })), 'BadRequestException', 400, NO_SUCH_RESOURCE);
    await rejectsWith(gd.send(new DescribePublishingDestinationCommand({ DetectorId, DestinationId: 'other' })), 'AccessDeniedException', 403);
  });
});
