import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsError } from '../../core/aws-error.js';
import { checkAdvancedSelectors } from './advanced-selectors.js';
import { checkEventSelectors } from './basic-selectors.js';
import type { AdvancedFieldSelector } from './common.js';

const invalid = (fn: () => unknown, message?: string | RegExp) =>
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof AwsError);
    assert.equal(err.code, 'InvalidEventSelectorsException');
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return true;
  });

test('basic selectors: defaults filled in, 1 to 5 selectors', () => {
  assert.deepEqual(checkEventSelectors([{}]), [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }]);
  assert.deepEqual(checkEventSelectors([{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: false }])[0], {
    ReadWriteType: 'WriteOnly',
    IncludeManagementEvents: false,
    DataResources: [],
    ExcludeManagementEventSources: [],
  });
  invalid(() => checkEventSelectors([]), /between 1 and 5/);
  invalid(() => checkEventSelectors([{}, {}, {}, {}, {}, {}]), /between 1 and 5 event selectors; 6/);
});

test('basic selectors: data resource types and values', () => {
  const s3 = (...Values: string[]) => [{ DataResources: [{ Type: 'AWS::S3::Object', Values }] }];
  assert.doesNotThrow(() => checkEventSelectors(s3('arn:aws:s3', 'arn:aws:s3:::my-bucket/', 'arn:aws:s3:::my-bucket/images/')));
  invalid(() => checkEventSelectors(s3('arn:aws:s3:::*/*')), 'Value arn:aws:s3:::*/* for DataResources.Values is invalid.');
  invalid(() => checkEventSelectors(s3('arn:aws:s3:::*')), 'Value arn:aws:s3:::* for DataResources.Values is invalid.');
  invalid(() => checkEventSelectors(s3('my-bucket/')), 'Value my-bucket/ for DataResources.Values is invalid.');
  invalid(() => checkEventSelectors(s3()), /at least one value/);
  const lambda = (v: string) => [{ DataResources: [{ Type: 'AWS::Lambda::Function', Values: [v] }] }];
  assert.doesNotThrow(() => checkEventSelectors(lambda('arn:aws:lambda')));
  assert.doesNotThrow(() => checkEventSelectors(lambda('arn:aws:lambda:us-west-2:111111111111:function:helloworld')));
  invalid(() => checkEventSelectors(lambda('arn:aws:lambda:*')), 'Value arn:aws:lambda:* for DataResources.Values is invalid.');
  const table = (v: string) => [{ DataResources: [{ Type: 'AWS::DynamoDB::Table', Values: [v] }] }];
  assert.doesNotThrow(() => checkEventSelectors(table('arn:aws:dynamodb:us-east-1:111111111111:table/orders')));
  invalid(() => checkEventSelectors([{ DataResources: [{ Type: 'AWS::S3::Bucket', Values: ['arn:aws:s3'] }] }]), 'Value AWS::S3::Bucket for DataResources.Type is invalid.');
});

test('basic selectors: at most 250 data resources over all selectors; the "all" prefixes do not count', () => {
  const values = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket-${from + i}/`);
  assert.doesNotThrow(() => checkEventSelectors([{ DataResources: [{ Type: 'AWS::S3::Object', Values: [...values(250), 'arn:aws:s3'] }] }]));
  invalid(
    () => checkEventSelectors([{ DataResources: [{ Type: 'AWS::S3::Object', Values: values(200) }] }, { DataResources: [{ Type: 'AWS::S3::Object', Values: values(51, 200) }] }]),
    /at most 250 data resources.*251/,
  );
});

test('basic selectors: only KMS and RDS Data API management events can be excluded', () => {
  assert.deepEqual(checkEventSelectors([{ ExcludeManagementEventSources: ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] }])[0]!.ExcludeManagementEventSources, [
    'kms.amazonaws.com',
    'rdsdata.amazonaws.com',
  ]);
  invalid(() => checkEventSelectors([{ ExcludeManagementEventSources: ['s3.amazonaws.com'] }]), 'Value s3.amazonaws.com for ExcludeManagementEventSources is invalid.');
});

const sel = (...FieldSelectors: AdvancedFieldSelector[]) => [{ Name: 'sel', FieldSelectors }];
const cat = (c: string): AdvancedFieldSelector => ({ Field: 'eventCategory', Equals: [c] });

test('advanced selectors: management, data and network activity selectors AWS documents are accepted', () => {
  const ok = [
    ...sel(cat('Management'), { Field: 'readOnly', Equals: ['false'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] }),
    ...sel(
      cat('Data'),
      { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
      { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::bucket/'] },
      { Field: 'eventName', NotEquals: ['GetObject'], NotStartsWith: ['Head'] },
      { Field: 'userIdentity.arn', EndsWith: ['HumanRole'] },
      { Field: 'sessionCredentialFromConsole', Equals: ['true'] },
      { Field: 'eventType', NotEquals: ['AwsServiceEvent'] },
    ),
    ...sel(cat('NetworkActivity'), { Field: 'eventSource', Equals: ['ec2.amazonaws.com'] }, { Field: 'errorCode', Equals: ['VpceAccessDenied'] }, { Field: 'vpcEndpointId', NotEquals: ['vpce-1'] }),
  ];
  assert.deepEqual(checkAdvancedSelectors(ok), ok);
});

test('advanced selectors: the documented rules, each with its own message', () => {
  invalid(() => checkAdvancedSelectors([]), /At least one/);
  invalid(() => checkAdvancedSelectors(sel({ Field: 'readOnly', Equals: ['true'] })), 'Field eventCategory is required in advanced event selector "sel".');
  invalid(() => checkAdvancedSelectors(sel(cat('Insight'))), /Value Insight for field eventCategory/);
  invalid(() => checkAdvancedSelectors(sel({ Field: 'eventCategory', Equals: ['Data', 'Management'] })), /eventCategory .* exactly one value/);
  invalid(() => checkAdvancedSelectors(sel({ Field: 'eventCategory', NotEquals: ['Data'] })), /eventCategory .* only the Equals operator/);
  invalid(() => checkAdvancedSelectors(sel(cat('Data'))), /resources.type is required for Data events/);
  invalid(() => checkAdvancedSelectors(sel(cat('Data'), { Field: 'resources.type', Equals: ['S3 objects'] })), /Value S3 objects for field resources.type/);
  invalid(() => checkAdvancedSelectors(sel(cat('Management'), { Field: 'eventName', Equals: ['PutObject'] })), 'Field eventName is not supported for Management events in advanced event selector "sel".');
  invalid(() => checkAdvancedSelectors(sel(cat('Management'), { Field: 'eventSource', NotEquals: ['s3.amazonaws.com'] })), /can exclude only kms.amazonaws.com/);
  invalid(() => checkAdvancedSelectors(sel(cat('Management'), { Field: 'eventSource', Equals: ['kms.amazonaws.com'] })), /only the NotEquals operator/);
  invalid(() => checkAdvancedSelectors(sel(cat('Management'), { Field: 'readOnly', Equals: ['yes'] })), /Value yes for field readOnly/);
  invalid(() => checkAdvancedSelectors(sel(cat('Management'), { Field: 'readOnly' })), /at least one operator/);
  invalid(() => checkAdvancedSelectors(sel(cat('Management'), cat('Management'))), /specified more than once/);
  invalid(() => checkAdvancedSelectors(sel(cat('NetworkActivity'))), /eventSource is required for NetworkActivity/);
  invalid(() => checkAdvancedSelectors(sel(cat('NetworkActivity'), { Field: 'eventSource', Equals: ['ec2.amazonaws.com'] }, { Field: 'errorCode', Equals: ['AccessDenied'] })), /VpceAccessDenied/);
  invalid(() => checkAdvancedSelectors(sel(cat('NetworkActivity'), { Field: 'eventSource', Equals: ['ec2.amazonaws.com', 'kms.amazonaws.com'] })), /exactly one value/);
  invalid(() => checkAdvancedSelectors([{ FieldSelectors: [{ Field: 'readOnly', Equals: ['true'] }] }]), /advanced event selector 1\./);
});

test('advanced selectors: at most 500 values over all conditions', () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `Event${i}`);
  const data = (n: number) => sel(cat('Data'), { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'eventName', Equals: names(n) });
  assert.doesNotThrow(() => checkAdvancedSelectors(data(498)));
  invalid(() => checkAdvancedSelectors(data(499)), /at most 500 values.*501/);
});
