import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDetectors } from '../guardduty/detectors/index.js';
import { selectTechniques, TECHNIQUES, UnknownTechniqueError } from './catalog.js';

test('the catalog: at least 20 techniques, unique ids in Stratus Red Team\'s style, each expecting a finding type', () => {
  assert.ok(TECHNIQUES.length >= 20, String(TECHNIQUES.length));
  assert.equal(new Set(TECHNIQUES.map((t) => t.id)).size, TECHNIQUES.length);
  for (const technique of TECHNIQUES) {
    assert.match(technique.id, /^aws\.[a-z-]+\.[a-z0-9-]+$/);
    assert.ok(technique.expectedFindingTypes.length > 0, technique.id);
    assert.ok(technique.tactics.length > 0, technique.id);
  }
  assert.equal(TECHNIQUES.filter((t) => t.source === 'stratus').length, 19);
});

test('every expected finding type is one a built-in detector raises', () => {
  const raised = new Set(createDetectors().flatMap((d) => d.findingTypes));
  const unknown = [...new Set(TECHNIQUES.flatMap((t) => t.expectedFindingTypes))].filter((type) => !raised.has(type)).sort();
  assert.deepEqual(unknown, []);
});

test('selecting techniques: catalog order, every one when none is named, unknown ids rejected together', () => {
  assert.equal(selectTechniques([]).length, TECHNIQUES.length);
  assert.deepEqual(
    selectTechniques(['aws.persistence.iam-backdoor-user', 'aws.defense-evasion.cloudtrail-stop']).map((t) => t.id),
    ['aws.defense-evasion.cloudtrail-stop', 'aws.persistence.iam-backdoor-user'],
  );
  assert.throws(
    () => selectTechniques(['aws.defense-evasion.cloudtrail-stop', 'aws.x.one', 'aws.x.two']),
    (err: unknown) => err instanceof UnknownTechniqueError && err.message.startsWith('unknown techniques: aws.x.one, aws.x.two'),
  );
});
