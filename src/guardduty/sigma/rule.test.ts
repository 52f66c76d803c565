import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSigmaRules } from './load.js';
import { LEVEL_SEVERITY } from './rule.js';
import { ruleOf, ruleYaml } from './testing.js';

const selection = 'selection:\n    eventName: StopLogging\ncondition: selection';

test('metadata: title, id, status, description, level, tags', () => {
  const rule = ruleOf(selection, 'status: test\ndescription: Trail stopped.\nlevel: high\ntags:\n    - attack.defense-evasion\n    - attack.t1562.008');
  assert.equal(rule.title, 'Test Rule');
  assert.equal(rule.id, '00000000-0000-4000-8000-000000000001');
  assert.equal(rule.status, 'test');
  assert.equal(rule.description, 'Trail stopped.');
  assert.equal(rule.level, 'high');
  assert.equal(rule.severity, 8);
  assert.deepEqual(rule.tags, ['attack.defense-evasion', 'attack.t1562.008']);
  assert.equal(rule.findingType, 'Custom:IAMUser/TestRule');
});

test('levels map to GuardDuty severities in the matching band; no level is medium', () => {
  assert.deepEqual(LEVEL_SEVERITY, { informational: 1, low: 2, medium: 5, high: 8, critical: 9 });
  for (const [level, severity] of Object.entries(LEVEL_SEVERITY)) assert.equal(ruleOf(selection, `level: ${level}`).severity, severity);
  assert.equal(ruleOf(selection).level, 'medium');
  assert.equal(ruleOf(selection).severity, 5);
  assert.throws(() => ruleOf(selection, 'level: severe'), /test.yml: rule "Test Rule": level 'severe' is not one of informational, low, medium, high, critical/);
});

test('guardduty_finding_type overrides the finding type', () => {
  assert.equal(ruleOf(selection, 'guardduty_finding_type: Stealth:IAMUser/CloudTrailLoggingDisabled').findingType, 'Stealth:IAMUser/CloudTrailLoggingDisabled');
  assert.throws(() => ruleOf(selection, 'guardduty_finding_type: not a type'), /guardduty_finding_type 'not a type' is not a finding type/);
});

test('logsource must be AWS CloudTrail', () => {
  const withLogsource = (logsource: string) => `title: Windows Rule\nlogsource:\n${logsource}\ndetection:\n    selection:\n        Image: x\n    condition: selection\n`;
  assert.throws(() => parseSigmaRules(withLogsource('    product: windows\n    category: process_creation'), 'win.yml'),
    /^SigmaRuleError: win.yml: rule "Windows Rule": logsource product 'windows', service is missing, category 'process_creation' is not supported: Bulwark runs rules on AWS CloudTrail \(product: aws, service: cloudtrail\)$/);
  assert.throws(() => parseSigmaRules(withLogsource('    product: aws\n    service: guardduty'), 'gd.yml'), /gd.yml: rule "Windows Rule": logsource service 'guardduty' is not supported/);
  assert.throws(() => parseSigmaRules('title: No Source\ndetection:\n    s:\n        a: b\n    condition: s\n', 'x.yml'), /x.yml: rule "No Source": logsource is missing/);
  assert.equal(parseSigmaRules(withLogsource('    product: AWS\n    service: CloudTrail'), 'ok.yml').length, 1);
});

test('required parts and other Sigma documents are rejected clearly', () => {
  assert.throws(() => parseSigmaRules('id: abc\nlogsource: {product: aws, service: cloudtrail}\n', 'a.yml'), /a.yml: rule "abc": title is missing/);
  assert.throws(() => parseSigmaRules('title: T\nlogsource: {product: aws, service: cloudtrail}\n', 'a.yml'), /rule "T": detection is missing/);
  assert.throws(() => parseSigmaRules('title: T\ncorrelation:\n    type: event_count\n', 'c.yml'), /rule "T": Sigma correlation rules are not supported/);
  assert.throws(() => parseSigmaRules('title: T\nlogsource: {product: aws}\nfilter:\n    rules: [x]\n', 'f.yml'), /Sigma filters are not supported/);
  assert.throws(() => parseSigmaRules('action: global\ntitle: T\n', 'g.yml'), /rule collections/);
  assert.throws(() => parseSigmaRules('- a\n- b\n', 'l.yml'), /l.yml: a rule must be a YAML map/);
  assert.throws(() => parseSigmaRules(ruleYaml(selection, 'tags: attack'), 't.yml'), /tags must be a list of strings/);
  assert.throws(() => parseSigmaRules(ruleYaml(selection, 'description:\n    - a'), 't.yml'), /description must be a string/);
});
