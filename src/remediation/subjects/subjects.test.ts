import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envelope } from '../../events/envelope.js';
import { asffFromFinding } from '../../guardduty/asff.js';
import type { Finding } from '../../guardduty/finding.js';
import { findingToJson } from '../../services/guardduty/finding-json.js';
import { eventKind, subjectsOf } from './index.js';

const ACCOUNT = '123456789012';
const ARN = `arn:aws:guardduty:eu-west-1:${ACCOUNT}:detector/d1/finding/f1`;
const GUARDDUTY_PRODUCT = 'arn:aws:securityhub:eu-west-1::product/aws/guardduty';

function finding(overrides: Partial<Finding>, info: object = {}, api = 'PutBucketPolicy'): Finding {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    AccountId: ACCOUNT,
    Arn: ARN,
    Id: 'f1',
    Region: 'eu-west-1',
    Partition: 'aws',
    Type: 'Policy:S3/BucketAnonymousAccessGranted',
    Severity: 8,
    CreatedAt: at,
    UpdatedAt: at,
    Title: 't',
    Description: 'd',
    SchemaVersion: '2.0',
    Resource: { ResourceType: 'AccessKey', AccessKeyDetails: { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', PrincipalId: 'AIDAEXAMPLE', UserName: 'alice', UserType: 'IAMUser' } },
    Service: {
      Archived: false,
      Count: 1,
      DetectorId: 'd1',
      EventFirstSeen: at,
      EventLastSeen: at,
      Action: { ActionType: 'AWS_API_CALL', AwsApiCallAction: { Api: api, ServiceName: 's3.amazonaws.com', CallerType: 'Remote IP' } },
      AdditionalInfo: { Value: JSON.stringify(info), Type: 'default' },
    },
    ...overrides,
  };
}

const guardDutyEvent = (f: Finding) => envelope({ detailType: 'GuardDuty Finding', source: 'aws.guardduty', account: ACCOUNT, region: 'eu-west-1', detail: findingToJson(f) });
const importedEvent = (f: Finding, status = 'NEW') =>
  envelope({ detailType: 'Security Hub Findings - Imported', source: 'aws.securityhub', account: ACCOUNT, region: 'eu-west-1', detail: { findings: [{ ...asffFromFinding(f), Workflow: { Status: status } }] } });
const trailEvent = (record: object) => envelope({ detailType: 'AWS API Call via CloudTrail', source: 'aws.s3', account: ACCOUNT, region: 'eu-west-1', detail: { awsRegion: 'eu-west-1', ...record } });

const of = (event: ReturnType<typeof envelope>) => subjectsOf(event, eventKind(event)!);

test('a GuardDuty finding and its Security Hub import name the same bucket, key, user and finding', () => {
  const bucketFinding = finding({
    Resource: {
      ResourceType: 'S3Bucket',
      AccessKeyDetails: { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', PrincipalId: 'AIDAEXAMPLE', UserName: 'alice', UserType: 'IAMUser' },
      S3BucketDetails: [{ Arn: 'arn:aws:s3:::open-bucket', Name: 'open-bucket', Type: 'Destination' }],
    },
  });
  const expected = [
    { kind: 'bucket', bucket: 'open-bucket', region: 'eu-west-1' },
    { kind: 'access-key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
    { kind: 'principal', type: 'user', name: 'alice' },
    { kind: 'finding', id: ARN, productArn: GUARDDUTY_PRODUCT, region: 'eu-west-1', closed: false },
  ];
  assert.deepEqual(of(guardDutyEvent(bucketFinding)), expected);
  assert.deepEqual(of(importedEvent(bucketFinding)), expected);
  assert.equal(of(importedEvent(bucketFinding, 'RESOLVED')).find((s) => s.kind === 'finding')!.closed, true);
  assert.equal(of(importedEvent(bucketFinding, 'SUPPRESSED')).find((s) => s.kind === 'finding')!.closed, true);
  assert.equal(of(importedEvent(bucketFinding, 'NOTIFIED')).find((s) => s.kind === 'finding')!.closed, false);
});

test("a role session's finding names the role; temporary keys, the root user and placeholder keys are nobody to act on", () => {
  const role = finding({ Resource: { ResourceType: 'AccessKey', AccessKeyDetails: { AccessKeyId: 'ASIAEXAMPLEEXAMPLE12', PrincipalId: 'AROAEXAMPLE:s', UserName: 'deployer', UserType: 'AssumedRole' } } });
  assert.deepEqual(of(guardDutyEvent(role)).filter((s) => s.kind !== 'finding'), [{ kind: 'principal', type: 'role', name: 'deployer' }]);
  assert.deepEqual(of(importedEvent(role)).filter((s) => s.kind !== 'finding'), [{ kind: 'principal', type: 'role', name: 'deployer' }]);
  const root = finding({ Resource: { ResourceType: 'AccessKey', AccessKeyDetails: { AccessKeyId: 'GeneratedFindingAccessKeyId', PrincipalId: ACCOUNT, UserName: 'Root', UserType: 'Root' } } });
  assert.deepEqual(of(guardDutyEvent(root)).filter((s) => s.kind !== 'finding'), []);
});

test("trails, keys and secrets from a finding's additional information; a StopLogging finding without a trail names the Region's trails", () => {
  const stopped = finding({ Type: 'Stealth:IAMUser/CloudTrailLoggingDisabled' }, {}, 'StopLogging');
  assert.deepEqual(of(guardDutyEvent(stopped)).find((s) => s.kind === 'trail'), { kind: 'trail', trail: undefined, region: 'eu-west-1' });
  assert.deepEqual(of(importedEvent(stopped)).find((s) => s.kind === 'trail'), { kind: 'trail', trail: undefined, region: 'eu-west-1' });
  const selectors = finding({ Type: 'Stealth:IAMUser/CloudTrailLoggingDisabled' }, { trailName: `arn:aws:cloudtrail:us-west-2:${ACCOUNT}:trail/main` }, 'PutEventSelectors');
  assert.deepEqual(of(guardDutyEvent(selectors)).find((s) => s.kind === 'trail'), { kind: 'trail', trail: `arn:aws:cloudtrail:us-west-2:${ACCOUNT}:trail/main`, region: 'us-west-2' });
  const key = finding({ Type: 'Impact:KMS/DataDestruction' }, { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', secretId: 'prod/db' }, 'ScheduleKeyDeletion');
  const subjects = of(guardDutyEvent(key));
  assert.deepEqual(subjects.find((s) => s.kind === 'kms-key'), { kind: 'kms-key', keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', region: 'eu-west-1' });
  assert.deepEqual(subjects.find((s) => s.kind === 'secret'), { kind: 'secret', secretId: 'prod/db', region: 'eu-west-1' });
  assert.equal(of(guardDutyEvent(finding({}, {}, 'DeleteTrail'))).find((s) => s.kind === 'trail'), undefined, 'a deleted trail cannot log again');
});

test('ASFF resources of other products: IAM users and roles, trails, keys, secrets, buckets by ARN', () => {
  const event = envelope({
    detailType: 'Security Hub Findings - Custom Action',
    source: 'aws.securityhub',
    account: ACCOUNT,
    region: 'eu-west-1',
    detail: {
      actionName: 'Fix',
      findings: [
        {
          Id: 'scanner/1',
          ProductArn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:product/${ACCOUNT}/default`,
          Resources: [
            { Type: 'AwsIamUser', Id: `arn:aws:iam::${ACCOUNT}:user/ops/bob` },
            { Type: 'AwsIamRole', Id: 'x', Details: { AwsIamRole: { RoleName: 'builder' } } },
            { Type: 'AwsCloudTrailTrail', Id: `arn:aws:cloudtrail:us-east-2:${ACCOUNT}:trail/org` },
            { Type: 'AwsKmsKey', Id: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k1`, Region: 'eu-west-1' },
            { Type: 'AwsSecretsManagerSecret', Id: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-AbCdEf` },
            { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::logs', Region: 'us-east-1' },
            { Type: 'AwsIamAccessKey', Id: 'AWS::IAM::AccessKey:AKIAIOSFODNN7EXAMPLE', Details: { AwsIamAccessKey: { PrincipalName: 'carol', PrincipalType: 'IAMUser' } } },
            { Type: 'AwsEc2Instance', Id: 'arn:aws:ec2:eu-west-1:1:instance/i-1' },
          ],
          Workflow: { Status: 'NEW' },
        },
      ],
    },
  });
  assert.deepEqual(of(event), [
    { kind: 'principal', type: 'user', name: 'bob' },
    { kind: 'principal', type: 'role', name: 'builder' },
    { kind: 'trail', trail: `arn:aws:cloudtrail:us-east-2:${ACCOUNT}:trail/org`, region: 'us-east-2' },
    { kind: 'kms-key', keyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k1`, region: 'eu-west-1' },
    { kind: 'secret', secretId: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-AbCdEf`, region: 'eu-west-1' },
    { kind: 'bucket', bucket: 'logs', region: 'us-east-1' },
    { kind: 'access-key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
    { kind: 'principal', type: 'user', name: 'carol' },
    { kind: 'finding', id: 'scanner/1', productArn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:product/${ACCOUNT}/default`, region: 'eu-west-1', closed: false },
  ]);
});

test('CloudTrail API calls: the resource of the call and its caller', () => {
  const user = { type: 'IAMUser', userName: 'dave', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' };
  assert.deepEqual(of(trailEvent({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'b1' }, userIdentity: user })), [
    { kind: 'bucket', bucket: 'b1', region: 'eu-west-1' },
    { kind: 'access-key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
    { kind: 'principal', type: 'user', name: 'dave' },
  ]);
  const session = { type: 'AssumedRole', accessKeyId: 'ASIAEXAMPLEEXAMPLE12', sessionContext: { sessionIssuer: { type: 'Role', userName: 'ci' } } };
  assert.deepEqual(of(trailEvent({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: { name: 'main' }, userIdentity: session })), [
    { kind: 'trail', trail: 'main', region: 'eu-west-1' },
    { kind: 'principal', type: 'role', name: 'ci' },
  ]);
  const root = { type: 'Root', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' };
  assert.deepEqual(of(trailEvent({ eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion', requestParameters: { keyId: 'k1' }, userIdentity: root })), [{ kind: 'kms-key', keyId: 'k1', region: 'eu-west-1' }], "the root user's key is not IAM's to deactivate");
  assert.deepEqual(of(trailEvent({ eventSource: 'secretsmanager.amazonaws.com', eventName: 'GetSecretValue', requestParameters: { secretId: 's1' }, userIdentity: {} })), [{ kind: 'secret', secretId: 's1', region: 'eu-west-1' }]);
  assert.deepEqual(of(trailEvent({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: {}, userIdentity: {} })), [], 'no trail named');
});

test('only AWS sources are read: the same detail-type from PutEvents is no GuardDuty finding', () => {
  assert.equal(eventKind(envelope({ detailType: 'GuardDuty Finding', source: 'my.app', account: ACCOUNT, region: 'eu-west-1', detail: {} })), undefined);
  assert.equal(eventKind(envelope({ detailType: 'Object Created', source: 'aws.s3', account: ACCOUNT, region: 'eu-west-1', detail: {} })), undefined);
  assert.equal(eventKind(envelope({ detailType: 'Security Hub Findings - Custom Action', source: 'aws.securityhub', account: ACCOUNT, region: 'eu-west-1', detail: {} })), 'securityhub-findings');
});
