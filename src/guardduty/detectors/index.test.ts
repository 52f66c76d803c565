import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEVERITY } from '../detection.js';
import type { TrailRecord } from '../trail-event.js';
import { createDetectors } from './index.js';
import { ACCOUNT, detect, OTHER_ACCOUNT, rootUser, timesEvery, trailRecord } from './testing/trail-records.js';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });
const partnerPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };
const partnerKeyPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'kms:Decrypt', Resource: '*' }] });

/** What Bulwark's own test suites do all day with the root credentials: administration, never attacks. */
const ADMINISTRATION: [string, string, Record<string, unknown> | null][] = [
  ['iam.amazonaws.com', 'CreateUser', { userName: 'bob' }],
  ['iam.amazonaws.com', 'CreateAccessKey', { userName: 'bob' }],
  ['iam.amazonaws.com', 'CreateLoginProfile', { userName: 'bob' }],
  ['iam.amazonaws.com', 'UpdateLoginProfile', { userName: 'bob' }],
  ['iam.amazonaws.com', 'AttachUserPolicy', { userName: 'bob', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
  ['iam.amazonaws.com', 'AttachRolePolicy', { roleName: 'r', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
  ['iam.amazonaws.com', 'CreateRole', { roleName: 'partner', assumeRolePolicyDocument: trust }],
  ['iam.amazonaws.com', 'UpdateAssumeRolePolicy', { roleName: 'partner', policyDocument: trust }],
  ['iam.amazonaws.com', 'UpdateAccountPasswordPolicy', { minimumPasswordLength: 14, requireSymbols: true }],
  ['iam.amazonaws.com', 'UpdateAccountPasswordPolicy', { minimumPasswordLength: 8 }],
  ['iam.amazonaws.com', 'DeleteAccountPasswordPolicy', null],
  ['cloudtrail.amazonaws.com', 'StopLogging', { name: 'trail' }],
  ['cloudtrail.amazonaws.com', 'DeleteTrail', { name: 'trail' }],
  ['s3.amazonaws.com', 'DeleteBucketPublicAccessBlock', { bucketName: 'b' }],
  ['s3.amazonaws.com', 'PutBucketPolicy', { bucketName: 'b', bucketPolicy: partnerPolicy }],
  ['s3.amazonaws.com', 'PutBucketLogging', { bucketName: 'b', BucketLoggingStatus: {} }],
  ['s3.amazonaws.com', 'DeleteObjects', { bucketName: 'b', delete: '' }],
  ['kms.amazonaws.com', 'ScheduleKeyDeletion', { keyId: 'k', pendingWindowInDays: 7 }],
  ['kms.amazonaws.com', 'PutKeyPolicy', { keyId: 'k', policyName: 'default', policy: partnerKeyPolicy }],
  ['kms.amazonaws.com', 'CreateGrant', { keyId: 'k', granteePrincipal: `arn:aws:iam::${OTHER_ACCOUNT}:role/reader`, operations: ['Decrypt'] }],
  ['ec2.amazonaws.com', 'DeleteFlowLogs', { DeleteFlowLogsRequest: { FlowLogId: { content: 'fl-1' } } }],
  ['ec2.amazonaws.com', 'ModifyImageAttribute', { imageId: 'ami-1', launchPermission: { add: { items: [{ userId: OTHER_ACCOUNT }] } } }],
  ['ec2.amazonaws.com', 'ModifyInstanceAttribute', { instanceId: 'i-1', userData: '<sensitiveDataRemoved>' }],
  ['ec2.amazonaws.com', 'GetPasswordData', { instanceId: 'i-1' }],
  ['organizations.amazonaws.com', 'LeaveOrganization', null],
  ['ssm.amazonaws.com', 'SendCommand', { documentName: 'AWS-RunShellScript' }],
  ['lambda.amazonaws.com', 'UpdateFunctionCode20150331v2', { functionName: 'f' }],
  ['secretsmanager.amazonaws.com', 'GetSecretValue', { secretId: 's1' }],
];

function administration(): TrailRecord[] {
  const times = timesEvery(2, ADMINISTRATION.length * 3);
  return times.map((eventTime, i) => {
    const [eventSource, eventName, requestParameters] = ADMINISTRATION[i % ADMINISTRATION.length];
    return trailRecord({ eventSource, eventName, requestParameters, eventTime, userIdentity: rootUser(), recipientAccountId: ACCOUNT });
  });
}

test('administrative traffic raises findings, none of them High', () => {
  const found = detect(createDetectors(), administration());
  assert.ok(found.length > ADMINISTRATION.length, `administration is reported (${found.length} detections)`);
  const high = found.filter((d) => d.severity >= SEVERITY.HIGH).map((d) => `${d.type} ${d.event.eventName}`);
  assert.deepEqual(high, []);
});

test('with documented severities, the Custom Detection Rules GuardDuty rates High, the S3 deletion burst and a key shared out are High', () => {
  const found = detect(createDetectors({ documentedSeverities: true }), administration());
  const high = new Set(found.filter((d) => d.severity >= SEVERITY.HIGH).map((d) => d.event.eventName));
  assert.deepEqual([...high].sort(), [
    'AttachRolePolicy',
    'AttachUserPolicy',
    'CreateLoginProfile',
    'DeleteFlowLogs',
    'DeleteObjects',
    'LeaveOrganization',
    'ModifyImageAttribute',
    'ModifyInstanceAttribute',
    'PutBucketPolicy',
    'PutKeyPolicy',
  ]);
});

test('each call of createDetectors makes fresh detectors with their own state', () => {
  const records = timesEvery(1, 3).map((eventTime, i) => trailRecord({ eventSource: 'secretsmanager.amazonaws.com', eventName: 'GetSecretValue', requestParameters: { secretId: `s${i}` }, eventTime }));
  const options = { secretRetrieval: { threshold: 3 } };
  assert.equal(detect(createDetectors(options), records.slice(0, 2)).length, 0);
  assert.equal(detect(createDetectors(options), records.slice(2)).length, 0);
  assert.equal(detect(createDetectors(options), records).length, 1);
});

test('every detector names its finding types, and no two detectors share one', () => {
  const owners = new Map<string, string>();
  for (const detector of createDetectors()) {
    assert.ok(detector.findingTypes.length > 0, detector.name);
    for (const type of detector.findingTypes) {
      assert.equal(owners.get(type), undefined, `${type} of ${detector.name} and ${owners.get(type)}`);
      owners.set(type, detector.name);
    }
  }
});
