import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCOUNT, inspectOne, OTHER_ACCOUNT, summary, summaryOf, type RecordFields } from '../testing/trail-records.js';
import { COMPUTE_RULES } from './compute-rules.js';
import { signalRuleDetector } from './signal-rule.js';

const rules = signalRuleDetector(COMPUTE_RULES, { documentedSeverities: false });
const EC2 = 'ec2.amazonaws.com';

const typesOf = (fields: RecordFields): string[] => summaryOf(rules, fields);

test('Windows password data: Medium when retrieved, Low when denied', () => {
  assert.deepEqual(typesOf({ eventSource: EC2, eventName: 'GetPasswordData', requestParameters: { instanceId: 'i-1' } }), ['CredentialAccess:EC2/UnsecuredCredentials 5']);
  assert.deepEqual(typesOf({ eventSource: EC2, eventName: 'GetPasswordData', errorCode: 'Client.UnauthorizedOperation' }), ['CredentialAccess:EC2/UnsecuredCredentials 2']);
});

test('reading user data is reported (Low), reading other attributes is not', () => {
  assert.deepEqual(typesOf({ eventSource: EC2, eventName: 'DescribeInstanceAttribute', requestParameters: { attribute: 'userData', instanceId: 'i-1' } }), ['CredentialAccess:EC2/UnsecuredCredentials 2']);
  assert.deepEqual(typesOf({ eventSource: EC2, eventName: 'DescribeInstanceAttribute', requestParameters: { attribute: 'instanceType', instanceId: 'i-1' } }), []);
});

test('changing user data (Medium by default); changing other attributes is not reported', () => {
  assert.deepEqual(typesOf({ eventSource: EC2, eventName: 'ModifyInstanceAttribute', requestParameters: { instanceId: 'i-1', userData: '<sensitiveDataRemoved>' } }), ['Persistence:EC2/BootOrLogonInitializationScripts 5']);
  assert.deepEqual(typesOf({ eventSource: EC2, eventName: 'ModifyInstanceAttribute', requestParameters: { instanceId: 'i-1', instanceType: { value: 't3.large' } } }), []);
});

test('SSH opened to any address, in each way a record can say it', () => {
  const single = { groupId: 'sg-1', ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '0.0.0.0/0' };
  const items = { groupId: 'sg-1', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 20, toPort: 30, ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }, { cidrIp: '0.0.0.0/0' }] } }] } };
  const list = { groupId: 'sg-1', ipPermissions: [{ ipProtocol: '-1', ipv6Ranges: [{ cidrIpv6: '::/0' }] }] };
  for (const requestParameters of [single, items, list]) {
    assert.deepEqual(typesOf({ eventSource: EC2, eventName: 'AuthorizeSecurityGroupIngress', requestParameters }), ['Persistence:EC2/ExternalRemoteServices 5']);
  }
  const https = { groupId: 'sg-1', ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '0.0.0.0/0' };
  const office = { groupId: 'sg-1', ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '203.0.113.0/24' };
  for (const requestParameters of [https, office]) assert.deepEqual(typesOf({ eventSource: EC2, eventName: 'AuthorizeSecurityGroupIngress', requestParameters }), []);
});

test('AMIs and snapshots shared with another account (Medium) or publicly (High); own account is not sharing out', () => {
  const ami = (add: unknown) => ({ eventSource: EC2, eventName: 'ModifyImageAttribute', requestParameters: { imageId: 'ami-1', attributeType: 'launchPermission', launchPermission: { add } } });
  assert.deepEqual(typesOf(ami({ items: [{ userId: OTHER_ACCOUNT }] })), ['Exfiltration:EC2/TransferDataToCloudAccount 5']);
  assert.deepEqual(typesOf(ami({ items: [{ group: 'all' }] })), ['Exfiltration:EC2/TransferDataToCloudAccount 8']);
  assert.deepEqual(typesOf(ami([{ userId: ACCOUNT }])), []);
  assert.deepEqual(typesOf(ami({ items: [] })), []);
  const snapshot = { eventSource: EC2, eventName: 'ModifySnapshotAttribute', requestParameters: { snapshotId: 'snap-1', createVolumePermission: { add: { items: [{ userId: OTHER_ACCOUNT }] } } } };
  const found = inspectOne(rules, snapshot);
  assert.deepEqual(summary(found), ['Exfiltration:EC2/TransferDataToCloudAccount 5']);
  assert.deepEqual(found[0].additionalInfo?.externalAccounts, [OTHER_ACCOUNT]);
  const legacy = { eventSource: EC2, eventName: 'ModifySnapshotAttribute', requestParameters: { snapshotId: 'snap-1', operationType: 'add', groupNames: ['all'] } };
  assert.deepEqual(typesOf(legacy), ['Exfiltration:EC2/TransferDataToCloudAccount 8']);
});

test('accelerated or very large instance types, launched or attempted (Low); ordinary types are not reported', () => {
  const launch = (instanceType: string, errorCode?: string): RecordFields =>
    Object.assign({ eventSource: EC2, eventName: 'RunInstances', requestParameters: { instanceType, instancesSet: { items: [{ imageId: 'ami-1', maxCount: 10 }] } } }, errorCode ? { errorCode } : {});
  for (const type of ['p3.2xlarge', 'g5.xlarge', 'inf2.xlarge', 'x2idn.metal', 'u-6tb1.112xlarge']) assert.deepEqual(typesOf(launch(type)), ['Impact:EC2/ResourceHijacking 2'], type);
  assert.deepEqual(typesOf(launch('p2.xlarge', 'Client.UnauthorizedOperation')), ['Impact:EC2/ResourceHijacking 2']);
  for (const type of ['t3.micro', 'm5.large', 'c7g.16xlarge']) assert.deepEqual(typesOf(launch(type)), [], type);
  assert.equal(inspectOne(rules, launch('p3.2xlarge'))[0].additionalInfo?.maxCount, 10);
});

test('SSH keys pushed through Instance Connect or the serial console (Medium)', () => {
  for (const eventName of ['SendSSHPublicKey', 'SendSerialConsoleSSHPublicKey']) {
    assert.deepEqual(typesOf({ eventSource: 'ec2-instance-connect.amazonaws.com', eventName, requestParameters: { instanceId: 'i-1' } }), ['LateralMovement:EC2/RemoteServices 5']);
  }
});

test('Systems Manager commands and sessions (Low)', () => {
  assert.deepEqual(typesOf({ eventSource: 'ssm.amazonaws.com', eventName: 'SendCommand', requestParameters: { documentName: 'AWS-RunShellScript' } }), ['Execution:SSM/CloudAdministrationCommand 2']);
  assert.deepEqual(typesOf({ eventSource: 'ssm.amazonaws.com', eventName: 'StartSession', requestParameters: { target: 'i-1' } }), ['Execution:SSM/CloudAdministrationCommand 2']);
  assert.deepEqual(typesOf({ eventSource: 'ssm.amazonaws.com', eventName: 'SendCommand', errorCode: 'AccessDeniedException' }), []);
});
