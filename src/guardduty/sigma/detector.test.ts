import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Detection } from '../detection.js';
import { DetectionEngine } from '../engine.js';
import { eventFromRecord } from '../trail-event.js';
import { sigmaDetector } from './detector.js';
import { ruleOf } from './testing.js';

const detection = 'selection:\n    eventSource: cloudtrail.amazonaws.com\n    eventName: [StopLogging, DeleteTrail]\nfilter:\n    userIdentity.type: AWSService\ncondition: selection and not filter';
const extra = 'description: A trail was stopped or deleted.\nlevel: high\ntags:\n    - attack.defense-evasion';

function record(eventName: string, type = 'IAMUser') {
  return { eventSource: 'cloudtrail.amazonaws.com', eventName, awsRegion: 'us-east-1', userIdentity: { type, arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' } };
}

test('a matching event is a detection of the rule', () => {
  const detector = sigmaDetector(ruleOf(detection, extra));
  assert.equal(detector.name, 'sigma:00000000-0000-4000-8000-000000000001');
  assert.deepEqual(detector.findingTypes, ['Custom:IAMUser/TestRule']);
  assert.deepEqual(detector.eventNames, ['DeleteTrail', 'StopLogging']);
  const event = eventFromRecord(record('StopLogging'));
  const found = detector.inspect!(event, { threatIntel: undefined as never, signalsOf: () => [] }) as Detection;
  assert.deepEqual({ ...found, event: undefined }, {
    type: 'Custom:IAMUser/TestRule',
    severity: 8,
    event: undefined,
    title: 'Test Rule',
    description: 'A trail was stopped or deleted. (Sigma rule 00000000-0000-4000-8000-000000000001)',
    additionalInfo: { sigmaRuleId: '00000000-0000-4000-8000-000000000001', sigmaTitle: 'Test Rule', level: 'high', tags: ['attack.defense-evasion'] },
  });
  assert.equal(found.event, event);
  assert.equal(detector.inspect!(eventFromRecord(record('StopLogging', 'AWSService')), { threatIntel: undefined as never, signalsOf: () => [] }), undefined);
});

test('without a description the title describes the finding', () => {
  const detector = sigmaDetector(ruleOf(detection));
  const found = detector.inspect!(eventFromRecord(record('DeleteTrail')), { threatIntel: undefined as never, signalsOf: () => [] }) as Detection;
  assert.equal(found.description, 'Test Rule (Sigma rule 00000000-0000-4000-8000-000000000001)');
});

test('the engine runs the rule only for its event names', () => {
  const found: Detection[] = [];
  const engine = new DetectionEngine({ detectors: [sigmaDetector(ruleOf(detection))], onDetection: (d) => found.push(d) });
  for (const name of ['StopLogging', 'CreateTrail', 'DeleteTrail', 'StartLogging']) engine.inspect(eventFromRecord(record(name)));
  assert.deepEqual(found.map((d) => d.event.eventName), ['StopLogging', 'DeleteTrail']);
});
