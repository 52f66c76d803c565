import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  BatchDeleteAutomationRulesCommand,
  BatchGetAutomationRulesCommand,
  BatchImportFindingsCommand,
  BatchUpdateAutomationRulesCommand,
  CreateActionTargetCommand,
  CreateAutomationRuleCommand,
  CreateInsightCommand,
  DeleteActionTargetCommand,
  DeleteInsightCommand,
  DescribeActionTargetsCommand,
  GetFindingHistoryCommand,
  GetFindingsCommand,
  GetInsightResultsCommand,
  GetInsightsCommand,
  ListAutomationRulesCommand,
  ListTagsForResourceCommand,
  UpdateActionTargetCommand,
  UpdateInsightCommand,
  type AutomationRulesFindingFieldsUpdate,
  type AutomationRulesFindingFilters,
} from '@aws-sdk/client-securityhub';
import { handleOpsRequest, type OpsContext } from '../../src/server/ops-endpoints.js';
import { rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { ACCOUNT, asff, enabledHub, securityHubEvents } from './securityhub-helpers.js';

/**
 * Insights (GroupByAttribute results), automation rules (criteria, RuleOrder, IsTerminal, the
 * fields they update, their history) and custom actions (action targets, and invoking one on
 * findings through the ops endpoint, which sends the "Security Hub Findings - Custom Action"
 * event).
 */
describe('Security Hub: insights, automation rules and custom actions', () => {
  const bulwark = suiteServer(['--cloudtrail=false']);
  let sh: Awaited<ReturnType<typeof enabledHub>>;
  before(async () => {
    sh = await enabledHub(bulwark.endpoint);
  });
  const high = { SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' as const }] };

  test('insights: results grouped by their attribute, updated, listed, deleted', async () => {
    await sh.send(
      new BatchImportFindingsCommand({
        Findings: [
          asff('i1', { Severity: { Label: 'HIGH' }, Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b1' }] }),
          asff('i2', { Severity: { Label: 'HIGH' }, Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b1' }, { Type: 'AwsIamRole', Id: 'role' }] }),
          asff('i3', { Severity: { Label: 'LOW' }, Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b2' }] }),
        ],
      }),
    );
    const { InsightArn } = await sh.send(new CreateInsightCommand({ Name: 'High by resource', Filters: high, GroupByAttribute: 'ResourceId' }));
    assert.match(InsightArn!, new RegExp(`^arn:aws:securityhub:us-east-1:${ACCOUNT}:insight/${ACCOUNT}/custom/[0-9a-f-]{36}$`));
    const results = (await sh.send(new GetInsightResultsCommand({ InsightArn }))).InsightResults!;
    assert.deepEqual(results, { InsightArn, GroupByAttribute: 'ResourceId', ResultValues: [{ GroupByAttributeValue: 'arn:aws:s3:::b1', Count: 2 }, { GroupByAttributeValue: 'role', Count: 1 }] });
    await sh.send(new UpdateInsightCommand({ InsightArn, Name: 'All by type', Filters: {}, GroupByAttribute: 'ResourceType' }));
    assert.deepEqual((await sh.send(new GetInsightResultsCommand({ InsightArn }))).InsightResults!.ResultValues, [
      { GroupByAttributeValue: 'AwsS3Bucket', Count: 3 },
      { GroupByAttributeValue: 'AwsIamRole', Count: 1 },
    ]);
    assert.deepEqual((await sh.send(new GetInsightsCommand({ InsightArns: [InsightArn!] }))).Insights, [{ InsightArn, Name: 'All by type', Filters: {}, GroupByAttribute: 'ResourceType' }]);
    assert.equal((await sh.send(new GetInsightsCommand({}))).Insights!.length, 1);
    await rejectsWith(sh.send(new CreateInsightCommand({ Name: 'All by type', Filters: {}, GroupByAttribute: 'Type' })), 'ResourceConflictException', 409);
    await rejectsWith(sh.send(new CreateInsightCommand({ Name: 'bad', Filters: {}, GroupByAttribute: 'SeverityNormalized' })), 'InvalidInputException', 400);
    await rejectsWith(sh.send(new CreateInsightCommand({ Name: 'bad', Filters: { Title: [{ Value: 'a', Comparison: 'CONTAINS' }, { Value: 'b', Comparison: 'EQUALS' }] }, GroupByAttribute: 'Type' })), 'InvalidInputException', 400);
    assert.equal((await sh.send(new DeleteInsightCommand({ InsightArn }))).InsightArn, InsightArn);
    await rejectsWith(sh.send(new GetInsightResultsCommand({ InsightArn })), 'ResourceNotFoundException', 404);
    await rejectsWith(sh.send(new DeleteInsightCommand({ InsightArn })), 'ResourceNotFoundException', 404);
  });

  const rule = async (order: number, criteria: AutomationRulesFindingFilters, update: AutomationRulesFindingFieldsUpdate, extra: { IsTerminal?: boolean; RuleStatus?: 'ENABLED' | 'DISABLED' } = {}) =>
    (await sh.send(new CreateAutomationRuleCommand({ RuleOrder: order, RuleName: `rule ${order}`, Description: `order ${order}`, Criteria: criteria, Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: update }], Tags: { order: String(order) }, ...extra }))).RuleArn!;

  test('automation rules run on imports in RuleOrder; IsTerminal stops; each change is in the history under the rule', async () => {
    const suppressTest = await rule(1, { ResourceTags: [{ Key: 'env', Value: 'test', Comparison: 'CONTAINS' }] }, { Workflow: { Status: 'SUPPRESSED' } }, { IsTerminal: true });
    const raise = await rule(2, high, { Severity: { Label: 'CRITICAL' }, Note: { Text: 'raised by rule', UpdatedBy: 'automation' } });
    const tag = await rule(3, { SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] }, { UserDefinedFields: { escalated: 'yes' } });
    await rule(4, {}, { Confidence: 1 }, { RuleStatus: 'DISABLED' });
    await sh.send(
      new BatchImportFindingsCommand({
        Findings: [asff('r1', { Severity: { Label: 'HIGH' } }), asff('r2', { Severity: { Label: 'HIGH' }, Resources: [{ Type: 'Other', Id: 'x', Tags: { env: 'test-7' } }] })],
      }),
    );
    const byId = new Map((await sh.send(new GetFindingsCommand({ Filters: { Id: [{ Value: 'r', Comparison: 'PREFIX' }] } }))).Findings!.map((f) => [f.Id, f]));
    const r1 = byId.get('r1')!;
    assert.deepEqual([r1.Severity!.Label, r1.Note!.Text, r1.UserDefinedFields, r1.Workflow!.Status, r1.Confidence], ['CRITICAL', 'raised by rule', { escalated: 'yes' }, 'NEW', undefined]);
    const r2 = byId.get('r2')!;
    assert.deepEqual([r2.Severity!.Label, r2.Workflow!.Status], ['HIGH', 'SUPPRESSED'], 'the terminal rule 1 stopped the others');
    const history = (await sh.send(new GetFindingHistoryCommand({ FindingIdentifier: { Id: 'r1', ProductArn: r1.ProductArn! } }))).Records!;
    assert.deepEqual(history.map((r) => r.UpdateSource!.Identity), [tag, raise, 'arn:aws:iam::000000000000:root']);
    assert.ok(history[1]!.Updates!.some((u) => u.UpdatedField === 'Severity.Label' && u.NewValue === 'CRITICAL'));
    assert.ok(suppressTest);
  });

  test('automation rules: list in order, batch get, update, delete; criteria checked', async () => {
    const listed = (await sh.send(new ListAutomationRulesCommand({}))).AutomationRulesMetadata!;
    assert.deepEqual(listed.map((r) => [r.RuleOrder, r.RuleStatus]), [[1, 'ENABLED'], [2, 'ENABLED'], [3, 'ENABLED'], [4, 'DISABLED']]);
    assert.equal(listed[0]!.CreatedBy, 'arn:aws:iam::000000000000:root');
    const arns = listed.map((r) => r.RuleArn!);
    const missing = arns[0]!.replace(/[0-9a-f]{8}-/, '00000000-');
    const got = await sh.send(new BatchGetAutomationRulesCommand({ AutomationRulesArns: [arns[1]!, missing] }));
    assert.equal(got.Rules![0]!.RuleName, 'rule 2');
    assert.deepEqual(got.Rules![0]!.Actions![0]!.FindingFieldsUpdate!.Severity, { Label: 'CRITICAL' });
    assert.deepEqual(got.UnprocessedAutomationRules!.map((u) => [u.RuleArn, u.ErrorCode]), [[missing, 404]]);
    assert.deepEqual((await sh.send(new ListTagsForResourceCommand({ ResourceArn: arns[1]! }))).Tags, { order: '2' });
    const updated = await sh.send(new BatchUpdateAutomationRulesCommand({ UpdateAutomationRulesRequestItems: [{ RuleArn: arns[3]!, RuleStatus: 'ENABLED', RuleOrder: 10 }, { RuleArn: missing, RuleOrder: 1 }] }));
    assert.deepEqual(updated.ProcessedAutomationRules, [arns[3]]);
    assert.equal(updated.UnprocessedAutomationRules!.length, 1);
    assert.deepEqual((await sh.send(new ListAutomationRulesCommand({}))).AutomationRulesMetadata!.map((r) => r.RuleOrder), [1, 2, 3, 10]);
    const deleted = await sh.send(new BatchDeleteAutomationRulesCommand({ AutomationRulesArns: arns }));
    assert.equal(deleted.ProcessedAutomationRules!.length, 4);
    await rejectsWith(sh.send(new CreateAutomationRuleCommand({ RuleOrder: 1, RuleName: 'x', Description: 'x', Criteria: { UpdatedAt: [{ Start: 'soon' }] }, Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Confidence: 1 } }] })), 'InvalidInputException', 400);
    await rejectsWith(sh.send(new CreateAutomationRuleCommand({ RuleOrder: 1001, RuleName: 'x', Description: 'x', Criteria: {}, Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Confidence: 1 } }] })), 'InvalidInputException', 400);
    await rejectsWith(sh.send(new CreateAutomationRuleCommand({ RuleOrder: 1, RuleName: 'x', Description: 'x', Criteria: {}, Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: {} }] })), 'InvalidInputException', 400);
  });

  test('action targets: create, describe, update, delete', async () => {
    const { ActionTargetArn } = await sh.send(new CreateActionTargetCommand({ Name: 'Send to SOAR', Description: 'Opens a ticket', Id: 'SendToSoar' }));
    assert.equal(ActionTargetArn, `arn:aws:securityhub:us-east-1:${ACCOUNT}:action/custom/SendToSoar`);
    await rejectsWith(sh.send(new CreateActionTargetCommand({ Name: 'again', Description: 'x', Id: 'SendToSoar' })), 'ResourceConflictException', 409);
    await rejectsWith(sh.send(new CreateActionTargetCommand({ Name: 'bad id', Description: 'x', Id: 'send-to-soar' })), 'InvalidInputException', 400);
    await rejectsWith(sh.send(new CreateActionTargetCommand({ Name: 'a name longer than twenty', Description: 'x', Id: 'Long' })), 'InvalidInputException', 400);
    await sh.send(new UpdateActionTargetCommand({ ActionTargetArn, Description: 'Opens a SOAR ticket' }));
    assert.deepEqual((await sh.send(new DescribeActionTargetsCommand({ ActionTargetArns: [ActionTargetArn!] }))).ActionTargets, [{ ActionTargetArn, Name: 'Send to SOAR', Description: 'Opens a SOAR ticket' }]);
    await sh.send(new CreateActionTargetCommand({ Name: 'Other', Description: 'x', Id: 'Other' }));
    assert.equal((await sh.send(new DescribeActionTargetsCommand({}))).ActionTargets!.length, 2);
    assert.equal((await sh.send(new DeleteActionTargetCommand({ ActionTargetArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:action/custom/Other` }))).ActionTargetArn, `arn:aws:securityhub:us-east-1:${ACCOUNT}:action/custom/Other`);
    await rejectsWith(sh.send(new UpdateActionTargetCommand({ ActionTargetArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:action/custom/Other`, Name: 'x' })), 'ResourceNotFoundException', 404);
  });

  test('invoking a custom action on findings sends "Security Hub Findings - Custom Action" (ops endpoint)', async () => {
    const post = async (body: unknown) => {
      const res = await fetch(`${bulwark.endpoint}/_bulwark/securityhub/custom-action`, { method: 'POST', body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const recorder = securityHubEvents(bulwark);
    try {
      const arn = `arn:aws:securityhub:us-east-1:${ACCOUNT}:action/custom/SendToSoar`;
      const answer = await post({ ActionTargetArn: arn, FindingIdentifiers: [{ Id: 'i1', ProductArn: asff('i1').ProductArn }, { Id: 'nope', ProductArn: asff('i1').ProductArn }] });
      assert.deepEqual(answer, { status: 200, body: { ActionTargetArn: arn, Findings: 1, Missing: [{ Id: 'nope', ProductArn: asff('i1').ProductArn }] } });
      assert.equal(recorder.events.length, 1);
      const event = recorder.events[0]!;
      assert.deepEqual([event.detailType, event.account, event.region, event.resources], ['Security Hub Findings - Custom Action', ACCOUNT, 'us-east-1', [arn]]);
      assert.deepEqual([event.detail.actionName, event.detail.actionDescription], ['Send to SOAR', 'Opens a SOAR ticket']);
      assert.deepEqual((event.detail.findings as Array<{ Id: string }>).map((f) => f.Id), ['i1']);
      assert.equal((await post({ ActionTargetArn: arn.replace('SendToSoar', 'Missing'), FindingIdentifiers: [{ Id: 'i1', ProductArn: 'x' }] })).status, 404);
      assert.equal((await post({ ActionTargetArn: 'arn:aws:sns:us-east-1:1:x', FindingIdentifiers: [] })).status, 400);
      assert.equal((await post({ ActionTargetArn: arn, FindingIdentifiers: 'i1' })).status, 400);
      assert.equal((await fetch(`${bulwark.endpoint}/_bulwark/securityhub/custom-action`, { method: 'POST', body: 'not json' })).status, 400);
      assert.equal((await fetch(`${bulwark.endpoint}/_bulwark/securityhub/custom-action`)).status, 405);
      assert.equal(recorder.events.length, 1);
    } finally {
      recorder.stop();
    }
  });

  test('custom actions are invoked only on a loopback listener (or with --allow-insecure-credentials)', async () => {
    const ops: OpsContext = { version: 'test', startedAt: new Date(), resetAllowed: false, reset: async () => {}, health: () => ({}), securityHubCustomAction: async () => ({ status: 200, body: {} }) };
    const res = await handleOpsRequest({ method: 'POST', path: '/_bulwark/securityhub/custom-action', rawQuery: '', headers: {}, body: Buffer.from('{}'), sourceIp: '10.0.0.1', secure: false }, ops);
    assert.equal(res.status, 403);
  });
});
