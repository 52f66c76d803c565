import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCOUNT, inspectOne, OTHER_ACCOUNT, summary, summaryOf, type RecordFields } from '../testing/trail-records.js';
import { SERVERLESS_RULES } from './serverless-rules.js';
import { signalRuleDetector } from './signal-rule.js';

const rules = signalRuleDetector(SERVERLESS_RULES, { documentedSeverities: false });
const LAMBDA = 'lambda.amazonaws.com';

const typesOf = (fields: RecordFields): string[] => summaryOf(rules, fields);

test('a function anyone may invoke (High); a permission narrowed to a source is not reported', () => {
  const add = (extra: Record<string, unknown>) => ({ eventSource: LAMBDA, eventName: 'AddPermission20150331v2', requestParameters: Object.assign({ functionName: 'f', action: 'lambda:InvokeFunction', statementId: 's' }, extra) });
  assert.deepEqual(typesOf(add({ principal: '*' })), ['Persistence:Lambda/AccountManipulation 8']);
  assert.deepEqual(typesOf(add({ principal: '*', sourceArn: 'arn:aws:s3:::b' })), []);
  assert.deepEqual(typesOf(add({ principal: 's3.amazonaws.com' })), []);
});

test('function URLs without authentication (Medium by default)', () => {
  assert.deepEqual(typesOf({ eventSource: LAMBDA, eventName: 'CreateFunctionUrlConfig20211031', requestParameters: { functionName: 'f', authType: 'NONE' } }), ['Persistence:Lambda/ModifyAuthenticationProcess 5']);
  assert.deepEqual(typesOf({ eventSource: LAMBDA, eventName: 'UpdateFunctionUrlConfig20211031', requestParameters: { functionName: 'f', authType: 'AWS_IAM' } }), []);
});

test('function code replaced and layers set (Low), noting layers of other accounts', () => {
  assert.deepEqual(typesOf({ eventSource: LAMBDA, eventName: 'UpdateFunctionCode20150331v2', requestParameters: { functionName: 'f', publish: true } }), ['Persistence:Lambda/FunctionCodeModified 2']);
  const own = `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:mine:1`;
  const foreign = `arn:aws:lambda:us-east-1:${OTHER_ACCOUNT}:layer:theirs:3`;
  const found = inspectOne(rules, { eventSource: LAMBDA, eventName: 'UpdateFunctionConfiguration20150331v2', requestParameters: { functionName: 'f', layers: [own, foreign] } });
  assert.deepEqual(summary(found), ['Persistence:Lambda/FunctionCodeModified 2']);
  assert.deepEqual(found[0].additionalInfo?.layersOfOtherAccounts, [foreign]);
  assert.deepEqual(typesOf({ eventSource: LAMBDA, eventName: 'UpdateFunctionConfiguration20150331v2', requestParameters: { functionName: 'f', memorySize: 256 } }), []);
});

test('SageMaker notebook lifecycle configurations (Medium)', () => {
  assert.deepEqual(typesOf({ eventSource: 'sagemaker.amazonaws.com', eventName: 'UpdateNotebookInstanceLifecycleConfig', requestParameters: { notebookInstanceLifecycleConfigName: 'c' } }), [
    'Execution:SageMaker/CommandAndScriptingInterpreter 5',
  ]);
});
