import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloudTrailClient, CreateTrailCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateDetectorCommand } from '@aws-sdk/client-guardduty';
import { DisableImportFindingsForProductCommand, GetFindingsCommand } from '@aws-sdk/client-securityhub';
import type { Finding } from '../../src/guardduty/finding.js';
import { clientConfig } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { trailBucketPolicy } from '../support/trail-delivery.js';
import { bucketWith, guardduty, s3 } from './guardduty-helpers.js';
import { enabledHub, securityhub, securityHubEvents } from './securityhub-helpers.js';

/**
 * GuardDuty's findings arriving in Security Hub by themselves, as ASFF from the `aws/guardduty`
 * product (GuardDuty's types and severities as Security Hub names them), into the hub of the
 * finding's account and Region when Security Hub and the GuardDuty integration are enabled there;
 * updates and the Imported events; and a live detection (StopLogging) end to end.
 */
const ACCOUNT = '000000000000';

function guardDutyFinding(id: string, overrides: Partial<Finding> = {}, account = ACCOUNT): Finding {
  const at = '2024-05-01T10:00:00.000Z';
  return {
    AccountId: account,
    Arn: `arn:aws:guardduty:us-east-1:${account}:detector/d1/finding/${id}`,
    Id: id,
    Region: 'us-east-1',
    Partition: 'aws',
    Type: 'Recon:IAMUser/MaliciousIPCaller.Custom',
    Severity: 8,
    CreatedAt: at,
    UpdatedAt: at,
    Title: 'A listed caller',
    Description: 'API calls from an address on a threat list.',
    SchemaVersion: '2.0',
    Resource: { ResourceType: 'AccessKey', AccessKeyDetails: { AccessKeyId: 'AKIAEXAMPLE', PrincipalId: 'AIDAEXAMPLE', UserName: 'alice', UserType: 'IAMUser' } },
    Service: {
      Archived: false,
      Count: 1,
      DetectorId: 'd1',
      EventFirstSeen: at,
      EventLastSeen: at,
      ServiceName: 'guardduty',
      Action: { ActionType: 'AWS_API_CALL', AwsApiCallAction: { Api: 'ListBuckets', ServiceName: 's3.amazonaws.com', CallerType: 'Remote IP', RemoteIpDetails: { IpAddressV4: '198.51.100.7' } } },
    },
    ...overrides,
  };
}

describe('Security Hub: GuardDuty findings', () => {
  const bulwark = suiteServer(['--accept-any-key']);
  // The server's own importer (app.ts wires it to GuardDuty's findings bus).
  const flushed = () => bulwark.securityHubImports!.flush();
  const publish = async (finding: Finding) => {
    bulwark.guardDuty!.findings.publish(finding);
    await flushed();
  };
  const guardDutyFindings = async () => (await securityhub(bulwark.endpoint).send(new GetFindingsCommand({ Filters: { ProductName: [{ Value: 'GuardDuty', Comparison: 'EQUALS' }] } }))).Findings!;

  test('nothing is imported while Security Hub is not enabled in the finding’s account and Region', async () => {
    await publish(guardDutyFinding('before'));
    await enabledHub(bulwark.endpoint);
    assert.deepEqual(await guardDutyFindings(), []);
  });

  test('a GuardDuty finding arrives as ASFF from aws/guardduty, with an Imported event', async () => {
    const recorder = securityHubEvents(bulwark);
    await publish(guardDutyFinding('g1'));
    recorder.stop();
    const [f] = await guardDutyFindings();
    assert.equal(f!.Id, `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/d1/finding/g1`);
    assert.equal(f!.ProductArn, 'arn:aws:securityhub:us-east-1::product/aws/guardduty');
    assert.deepEqual([f!.ProductName, f!.CompanyName, f!.GeneratorId], ['GuardDuty', 'Amazon', `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/d1`]);
    assert.deepEqual(f!.Types, ['TTPs/Discovery/Recon:IAMUser-MaliciousIPCaller.Custom']);
    assert.deepEqual(f!.Severity, { Product: 8, Label: 'HIGH', Normalized: 70, Original: '8' });
    assert.deepEqual(f!.FindingProviderFields!.Severity, { Label: 'HIGH', Original: '8' });
    assert.deepEqual(f!.Resources!.map((r) => [r.Type, r.Id]), [['AwsIamAccessKey', 'AWS::IAM::AccessKey:AKIAEXAMPLE']]);
    assert.equal(f!.Action!.AwsApiCallAction!.RemoteIpDetails!.IpAddressV4, '198.51.100.7');
    assert.equal(f!.ProductFields!['aws/guardduty/service/count'], '1');
    assert.deepEqual([f!.Workflow!.Status, f!.RecordState], ['NEW', 'ACTIVE']);
    assert.deepEqual(recorder.events.map((e) => [e.detailType, e.resources[0]]), [['Security Hub Findings - Imported', `arn:aws:securityhub:us-east-1::product/aws/guardduty/${f!.Id}`]]);
  });

  test('an updated GuardDuty finding updates the Security Hub finding; archived (suppressed) findings are not sent', async () => {
    await publish(guardDutyFinding('g1', { UpdatedAt: '2024-05-01T11:00:00.000Z', Severity: 5, Service: { ...guardDutyFinding('g1').Service, Count: 4 } }));
    const [f] = await guardDutyFindings();
    assert.equal(f!.ProductFields!['aws/guardduty/service/count'], '4');
    assert.deepEqual(f!.Severity, { Product: 5, Label: 'MEDIUM', Normalized: 40, Original: '5' });
    await publish(guardDutyFinding('suppressed', { Service: { ...guardDutyFinding('x').Service, Archived: true } }));
    assert.equal((await guardDutyFindings()).length, 1);
  });

  test('with the GuardDuty integration disabled, GuardDuty findings stay out', async () => {
    await securityhub(bulwark.endpoint).send(new DisableImportFindingsForProductCommand({ ProductSubscriptionArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:product-subscription/aws/guardduty` }));
    await publish(guardDutyFinding('g2'));
    assert.equal((await guardDutyFindings()).length, 1);
  });

  test('live: GuardDuty detects StopLogging and the finding shows in Security Hub', async () => {
    const account = '550000000005';
    const live = suiteLive(bulwark.endpoint, account);
    await live.setUp();
    await live.stopLogging();
    await bulwark.guardDuty!.flush();
    await flushed();
    const found = await securityhub(bulwark.endpoint, account).send(new GetFindingsCommand({ Filters: { Type: [{ Value: 'TTPs/Defense Evasion/Stealth:IAMUser-CloudTrailLoggingDisabled', Comparison: 'EQUALS' }] } }));
    assert.equal(found.Findings!.length, 1);
    const f = found.Findings![0]!;
    assert.deepEqual([f.ProductName, f.AwsAccountId, f.Severity!.Label, f.Action!.AwsApiCallAction!.Api], ['GuardDuty', account, 'LOW', 'StopLogging']);
  });
});

/** An account with GuardDuty and Security Hub enabled and a trail it can stop. */
function suiteLive(endpoint: string, account: string) {
  const trail = new CloudTrailClient(clientConfig(endpoint, { accessKeyId: account, secretAccessKey: 'x' }));
  const bucket = `trail-${account}`;
  return {
    setUp: async () => {
      await guardduty(endpoint, account).send(new CreateDetectorCommand({ Enable: true }));
      await enabledHub(endpoint, account);
      await bucketWith(s3(endpoint, account), bucket, {}, JSON.parse(trailBucketPolicy(bucket, account)));
      await trail.send(new CreateTrailCommand({ Name: 'main', S3BucketName: bucket }));
    },
    stopLogging: () => trail.send(new StopLoggingCommand({ Name: 'main' })),
  };
}
