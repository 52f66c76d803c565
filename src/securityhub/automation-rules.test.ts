import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRules, type AutomationRule } from './automation-rules.js';

const rule = (order: number, update: Record<string, unknown>, extra: Partial<AutomationRule> = {}): AutomationRule => ({
  RuleArn: `rule-${order}`,
  RuleStatus: 'ENABLED',
  RuleOrder: order,
  IsTerminal: false,
  Criteria: { SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }] },
  Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: update }],
  UpdatedAt: '2024-01-01T00:00:00Z',
  ...extra,
});

const finding = { Id: 'f', Severity: { Label: 'HIGH', Normalized: 70 }, Workflow: { Status: 'NEW' } };
const now = new Date('2024-06-01T00:00:00Z');

test('rules apply in RuleOrder, later rules seeing earlier changes; IsTerminal stops; disabled rules and non-matching criteria are skipped', () => {
  const rules = [
    rule(3, { Note: { Text: 'third', UpdatedBy: 'r' } }),
    rule(1, { Severity: { Label: 'CRITICAL' } }),
    rule(2, { Workflow: { Status: 'NOTIFIED' } }, { Criteria: { SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] } }),
    rule(0, { Types: ['x'] }, { RuleStatus: 'DISABLED' }),
  ];
  const { finding: out, applied } = compileRules(rules).apply(finding, now);
  assert.deepEqual(applied.map((a) => a.ruleArn), ['rule-1', 'rule-2']);
  assert.deepEqual(out.Severity, { Label: 'CRITICAL', Normalized: 90 });
  assert.deepEqual(out.Workflow, { Status: 'NOTIFIED' });
  assert.equal(out.Note, undefined, 'rule 3 no longer matches: the severity is CRITICAL now');
  assert.deepEqual(applied[0]!.changed, ['Severity']);

  const terminal = compileRules([rule(1, { UserDefinedFields: { a: '1' } }, { IsTerminal: true }), rule(2, { Workflow: { Status: 'SUPPRESSED' } })]).apply(finding, now);
  assert.deepEqual(terminal.applied.map((a) => a.ruleArn), ['rule-1']);
  assert.deepEqual(terminal.finding.Workflow, { Status: 'NEW' });
});
