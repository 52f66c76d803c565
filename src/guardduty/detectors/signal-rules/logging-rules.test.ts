import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEVERITY } from '../../detection.js';
import { inspectOne, summaryOf, type RecordFields } from '../testing/trail-records.js';
import { LOGGING_RULES } from './logging-rules.js';
import { signalRuleDetector } from './signal-rule.js';

const rules = signalRuleDetector(LOGGING_RULES, { documentedSeverities: false });
const documented = signalRuleDetector(LOGGING_RULES, { documentedSeverities: true });
const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

const typesOf = (fields: RecordFields): string[] => summaryOf(rules, fields);

test('stopping or deleting a trail disables CloudTrail logging (Low); a failed attempt does not', () => {
  assert.deepEqual(typesOf({ eventSource: CLOUDTRAIL, eventName: 'StopLogging', requestParameters: { name: 'main' } }), ['Stealth:IAMUser/CloudTrailLoggingDisabled 2']);
  assert.deepEqual(typesOf({ eventSource: CLOUDTRAIL, eventName: 'DeleteTrail', requestParameters: { name: 'main' } }), ['Stealth:IAMUser/CloudTrailLoggingDisabled 2']);
  assert.deepEqual(typesOf({ eventSource: CLOUDTRAIL, eventName: 'StopLogging', errorCode: 'AccessDenied' }), []);
  assert.deepEqual(typesOf({ eventSource: CLOUDTRAIL, eventName: 'StartLogging' }), []);
  const [stopped] = inspectOne(rules, { eventSource: CLOUDTRAIL, eventName: 'StopLogging', requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main' } });
  assert.equal(stopped.additionalInfo?.trailName, 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main', 'the trail, for responders');
});

test('event selectors that log no management events disable the trail; selectors that keep them do not', () => {
  const none = { trailName: 't', eventSelectors: [{ includeManagementEvents: false, readWriteType: 'All', dataResources: [{ type: 'AWS::S3::Object', values: [] }] }] };
  const some = { trailName: 't', eventSelectors: [{ includeManagementEvents: false }, { includeManagementEvents: true }] };
  const advancedData = { trailName: 't', advancedEventSelectors: [{ fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }] }] };
  const advancedManagement = { trailName: 't', advancedEventSelectors: [{ fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'readOnly', equals: ['false'] }] }] };
  assert.deepEqual(typesOf({ eventSource: CLOUDTRAIL, eventName: 'PutEventSelectors', requestParameters: none }), ['Stealth:IAMUser/CloudTrailLoggingDisabled 2']);
  assert.deepEqual(typesOf({ eventSource: CLOUDTRAIL, eventName: 'PutEventSelectors', requestParameters: advancedData }), ['Stealth:IAMUser/CloudTrailLoggingDisabled 2']);
  assert.deepEqual(typesOf({ eventSource: CLOUDTRAIL, eventName: 'PutEventSelectors', requestParameters: some }), []);
  assert.deepEqual(typesOf({ eventSource: CLOUDTRAIL, eventName: 'PutEventSelectors', requestParameters: advancedManagement }), []);
  assert.deepEqual(typesOf({ eventSource: CLOUDTRAIL, eventName: 'PutEventSelectors', requestParameters: { trailName: 't' } }), []);
});

test('deleting VPC flow logs: Medium by default, High as GuardDuty documents it', () => {
  const fields = { eventSource: 'ec2.amazonaws.com', eventName: 'DeleteFlowLogs', requestParameters: { DeleteFlowLogsRequest: { FlowLogId: { content: 'fl-1' } } } };
  assert.equal(inspectOne(rules, fields)[0].severity, SEVERITY.MEDIUM);
  assert.equal(inspectOne(documented, fields)[0].severity, SEVERITY.HIGH);
  assert.equal(inspectOne(rules, Object.assign({ errorCode: 'Client.UnauthorizedOperation' }, fields)).length, 0);
});

test('deleting DNS query logging and Bedrock invocation logging', () => {
  assert.deepEqual(typesOf({ eventSource: 'route53resolver.amazonaws.com', eventName: 'DeleteResolverQueryLogConfig', requestParameters: { resolverQueryLogConfigId: 'rqlc-1' } }), ['DefenseImpairment:Route53Resolver/DisableOrModifyTools 5']);
  assert.deepEqual(typesOf({ eventSource: 'bedrock.amazonaws.com', eventName: 'DeleteModelInvocationLoggingConfiguration' }), ['DefenseEvasion:IAMUser/BedrockLoggingDisabled 5']);
});
