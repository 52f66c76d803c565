import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AdvancedEventSelector, EventSelector } from '../../services/cloudtrail/common.js';
import type { CloudTrailRecord } from '../record.js';
import { advancedSelectorsTake } from './advanced-selection.js';
import { basicSelectorsTake } from './basic-selection.js';
import type { JournalEntry } from './journal-reader.js';
import { LoggingWindow } from './logging-window.js';

const record = (fields: Partial<CloudTrailRecord> & Record<string, unknown>): CloudTrailRecord => ({
  eventTime: '2024-05-01T10:00:00Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'CreateUser',
  awsRegion: 'us-east-1',
  eventID: 'id',
  readOnly: false,
  recipientAccountId: '111122223333',
  eventCategory: 'Management',
  managementEvent: true,
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' },
  ...fields,
});
const putObject = (bucket: string, key: string) =>
  record({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutObject',
    eventCategory: 'Data',
    managementEvent: false,
    resources: [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
      { accountId: '111122223333', type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
    ],
  });
const listObjects = (bucket: string) =>
  record({ eventSource: 's3.amazonaws.com', eventName: 'ListObjects', eventCategory: 'Data', readOnly: true, resources: [{ type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }] });
const basic = (s: Partial<EventSelector>): EventSelector[] => [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [], ...s }];

describe('basic event selectors', () => {
  test('management events: read/write type and excluded sources', () => {
    assert.equal(basicSelectorsTake(basic({}), record({})), true);
    assert.equal(basicSelectorsTake(basic({ ReadWriteType: 'ReadOnly' }), record({})), false);
    assert.equal(basicSelectorsTake(basic({ ReadWriteType: 'WriteOnly' }), record({ readOnly: true })), false);
    assert.equal(basicSelectorsTake(basic({ IncludeManagementEvents: false }), record({})), false);
    assert.equal(basicSelectorsTake(basic({ ExcludeManagementEventSources: ['kms.amazonaws.com'] }), record({ eventSource: 'kms.amazonaws.com' })), false);
  });

  test('S3 data resources: all objects, a bucket, a prefix; listings by the bucket', () => {
    const data = (...Values: string[]) => basic({ IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values }] });
    assert.equal(basicSelectorsTake(basic({}), putObject('b', 'k')), false, 'no data resource, no data event');
    assert.equal(basicSelectorsTake(data('arn:aws:s3'), putObject('b', 'k')), true);
    assert.equal(basicSelectorsTake(data('arn:aws:s3:::b/'), putObject('b', 'k')), true);
    assert.equal(basicSelectorsTake(data('arn:aws:s3:::b/logs/'), putObject('b', 'k')), false);
    assert.equal(basicSelectorsTake(data('arn:aws:s3:::b/logs/'), putObject('b', 'logs/1')), true);
    assert.equal(basicSelectorsTake(data('arn:aws:s3:::bb/'), putObject('b', 'k')), false);
    assert.equal(basicSelectorsTake(data('arn:aws:s3:::b/'), listObjects('b')), true);
    assert.equal(basicSelectorsTake(data('arn:aws:s3:::b/'), record({})), false, 'management events follow IncludeManagementEvents');
  });
});

describe('advanced event selectors', () => {
  const take = (selectors: AdvancedEventSelector[], r: CloudTrailRecord) => advancedSelectorsTake(selectors, r);
  const management = (...more: AdvancedEventSelector['FieldSelectors']): AdvancedEventSelector[] => [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, ...more] }];

  test('every field of a selector must admit the event; any selector may', () => {
    assert.equal(take(management(), record({})), true);
    assert.equal(take(management({ Field: 'readOnly', Equals: ['true'] }), record({})), false);
    assert.equal(take(management({ Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }), record({ eventSource: 'kms.amazonaws.com' })), false);
    assert.equal(take(management(), putObject('b', 'k')), false);
    const both = [...management({ Field: 'readOnly', Equals: ['true'] }), { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventName', StartsWith: ['Create'] }] }];
    assert.equal(take(both, record({})), true);
  });

  test('data fields: resource type and ARN, event name, identity; negative operators refuse', () => {
    const data = (...more: AdvancedEventSelector['FieldSelectors']): AdvancedEventSelector[] => [
      { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, ...more] },
    ];
    assert.equal(take(data(), putObject('b', 'k')), true);
    assert.equal(take(data({ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::b/'] }), putObject('b', 'k')), true);
    assert.equal(take(data({ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::c/'] }), putObject('b', 'k')), false);
    assert.equal(take(data({ Field: 'resources.ARN', EndsWith: ['.json'] }), putObject('b', 'a.json')), true);
    assert.equal(take(data({ Field: 'resources.ARN', NotEndsWith: ['.json'] }), putObject('b', 'a.json')), false);
    assert.equal(take(data({ Field: 'resources.ARN', Equals: ['arn:aws:s3:::b/'] }), listObjects('b')), true);
    assert.equal(take(data({ Field: 'eventName', NotEquals: ['PutObject', 'GetObject'] }), putObject('b', 'k')), false);
    assert.equal(take(data({ Field: 'userIdentity.arn', Equals: ['arn:aws:iam::111122223333:user/alice'] }), putObject('b', 'k')), true);
    assert.equal(take(data({ Field: 'sessionCredentialFromConsole', Equals: ['true'] }), putObject('b', 'k')), false);
    assert.equal(take(data({ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::x/'], EndsWith: ['/k'] }), putObject('b', 'k')), true, 'positive operators are alternatives');
  });
});

describe('the logging window', () => {
  const trail = { Name: 't1', TrailARN: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/t1', AccountId: '111122223333', CreatedAt: '2024-05-01T09:00:00.000Z' };
  const at = (time: string, offset: number, fields: Record<string, unknown> = {}): JournalEntry => ({
    segment: 's',
    offset,
    line: '',
    record: record({ eventTime: time, ...fields }),
    timeMs: Date.parse(time),
  });
  const logging = (eventName: string, time: string, offset: number) =>
    at(time, offset, { eventName, eventSource: 'cloudtrail.amazonaws.com', requestParameters: { name: 't1' } });

  test('the order of the journal decides within the second of a start or a stop', () => {
    const entries = [
      at('2024-05-01T10:00:00Z', 0),
      logging('StartLogging', '2024-05-01T10:00:00Z', 1),
      at('2024-05-01T10:00:00Z', 2),
      logging('StopLogging', '2024-05-01T10:00:05Z', 3),
      at('2024-05-01T10:00:05Z', 4),
      logging('StartLogging', '2024-05-01T10:00:05Z', 5),
      at('2024-05-01T10:00:07Z', 6),
    ];
    const window = new LoggingWindow(trail, { IsLogging: true, StartLoggingTime: '2024-05-01T10:00:05.600Z', StopLoggingTime: '2024-05-01T10:00:05.300Z' }, entries);
    assert.deepEqual(
      entries.filter((e) => window.covers(e)).map((e) => e.offset),
      [1, 2, 3, 5, 6],
      'not before the first start (0), nor between the stop and the second start (4)',
    );
  });

  test('a mark passed in an earlier delivery still places the events of its second', () => {
    const first = [logging('StopLogging', '2024-05-01T10:00:05Z', 3)];
    const status = { IsLogging: false, StartLoggingTime: '2024-05-01T10:00:00.100Z', StopLoggingTime: '2024-05-01T10:00:05.300Z' };
    const marks = new LoggingWindow(trail, status, first).marks;
    const later = [at('2024-05-01T10:00:05Z', 4), at('2024-05-01T10:00:09Z', 5)];
    const window = new LoggingWindow(trail, status, later, marks);
    assert.deepEqual(later.filter((e) => window.covers(e)).map((e) => e.offset), []);
    assert.equal(new LoggingWindow(trail, { IsLogging: false }, later).covers(later[0]!), false, 'a trail never started delivers nothing');
  });
});
