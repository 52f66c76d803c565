import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bedrockHijacking } from './bedrock-hijacking.js';
import { detect, roleSession, summary, trailRecord } from './testing/trail-records.js';

const BEDROCK = 'bedrock.amazonaws.com';

test('model access turned on (Low), then a model invoked by the same principal (Medium)', () => {
  const records = [
    trailRecord({ eventSource: BEDROCK, eventName: 'PutUseCaseForModelAccess', eventTime: '2026-03-01T10:00:00Z' }),
    trailRecord({ eventSource: BEDROCK, eventName: 'InvokeModel', eventTime: '2026-03-01T10:05:00Z', requestParameters: { modelId: 'm' } }),
  ];
  const found = detect([bedrockHijacking()], records);
  assert.deepEqual(summary(found), ['Impact:Bedrock/ResourceHijacking 2', 'Impact:Bedrock/ResourceHijacking 5']);
});

test('invocations alone, by another principal, or more than a day later are not reported', () => {
  const enable = trailRecord({ eventSource: BEDROCK, eventName: 'CreateFoundationModelAgreement', eventTime: '2026-03-01T10:00:00Z' });
  const records = [
    trailRecord({ eventSource: BEDROCK, eventName: 'InvokeModel', eventTime: '2026-03-01T09:00:00Z' }),
    enable,
    trailRecord({ eventSource: BEDROCK, eventName: 'Converse', eventTime: '2026-03-01T10:01:00Z', userIdentity: roleSession('app') }),
    trailRecord({ eventSource: BEDROCK, eventName: 'InvokeModel', eventTime: '2026-03-02T10:00:01Z' }),
  ];
  assert.deepEqual(summary(detect([bedrockHijacking()], records)), ['Impact:Bedrock/ResourceHijacking 2']);
});
