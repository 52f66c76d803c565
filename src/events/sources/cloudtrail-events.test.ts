import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CloudTrailRecord } from '../../cloudtrail/index.js';
import { cloudTrailEvent } from './cloudtrail-events.js';

const record = (fields: Partial<CloudTrailRecord>): CloudTrailRecord => ({
  eventVersion: '1.11',
  eventTime: '2024-03-01T12:00:00Z',
  eventSource: 'kms.amazonaws.com',
  eventName: 'ScheduleKeyDeletion',
  awsRegion: 'eu-west-1',
  eventID: 'e1',
  readOnly: false,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '123456789012',
  eventCategory: 'Management',
  ...fields,
});

test('a management call becomes "AWS API Call via CloudTrail" on its account and Region', () => {
  const found = cloudTrailEvent(record({}))!;
  assert.deepEqual(found.scope, { account: '123456789012', region: 'eu-west-1' });
  assert.equal(found.event.source, 'aws.kms');
  assert.equal(found.event['detail-type'], 'AWS API Call via CloudTrail');
  assert.equal(found.event.time, '2024-03-01T12:00:00Z');
  assert.equal(found.event.detail.eventName, 'ScheduleKeyDeletion');
  assert.equal(found.readOnlyManagement, false);
});

test('read-only calls named Get/Describe/List are for ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS rules only', () => {
  assert.equal(cloudTrailEvent(record({ eventName: 'DescribeKey', readOnly: true }))!.readOnlyManagement, true);
  assert.equal(cloudTrailEvent(record({ eventName: 'ListAliases', readOnly: true }))!.readOnlyManagement, true);
  // Read-only calls with other names reach ENABLED rules too (AWS: "events that don't start with Describe, Get, or List").
  assert.equal(cloudTrailEvent(record({ eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', readOnly: true }))!.readOnlyManagement, false);
});

test('data events and non-API records are not delivered', () => {
  assert.equal(cloudTrailEvent(record({ managementEvent: false, eventCategory: 'Data', eventSource: 's3.amazonaws.com', eventName: 'GetObject' })), undefined);
  assert.equal(cloudTrailEvent(record({ eventType: 'AwsServiceEvent' })), undefined);
});
