import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AcceptAdministratorInvitationCommand,
  BatchDeleteAutomationRulesCommand,
  BatchGetAutomationRulesCommand,
  BatchImportFindingsCommand,
  BatchUpdateAutomationRulesCommand,
  BatchUpdateFindingsCommand,
  CreateActionTargetCommand,
  CreateAutomationRuleCommand,
  CreateFindingAggregatorCommand,
  CreateInsightCommand,
  CreateMembersCommand,
  DeclineInvitationsCommand,
  DeleteActionTargetCommand,
  DeleteInsightCommand,
  DeleteMembersCommand,
  DescribeActionTargetsCommand,
  DescribeHubCommand,
  DescribeProductsCommand,
  DisableImportFindingsForProductCommand,
  EnableImportFindingsForProductCommand,
  EnableOrganizationAdminAccountCommand,
  GetFindingAggregatorCommand,
  GetFindingHistoryCommand,
  GetFindingsCommand,
  GetInsightResultsCommand,
  GetInsightsCommand,
  GetMembersCommand,
  InviteMembersCommand,
  ListAutomationRulesCommand,
  ListMembersCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateActionTargetCommand,
  UpdateFindingAggregatorCommand,
  UpdateFindingsCommand,
  UpdateInsightCommand,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import { fuzzerUser, HOSTILE_IDS, HOSTILE_VALUES, serverErrors } from '../support/robustness.js';
import { suiteServer } from '../support/server.js';
import { asff, enabledHub, securityhub } from './securityhub-helpers.js';

/**
 * Hostile values in every member of the Security Hub operations (NUL, lone surrogates, path
 * characters, other services' ARNs, huge strings, prototype names, filters that name nothing)
 * get a 4xx — through the authorizer, as root and as an IAM user whose calls are evaluated, and
 * the handlers — never a 500.
 */
const HOSTILE = [
  ...HOSTILE_IDS,
  'arn:aws:securityhub:us-east-1:000000000000:hub/default',
  'arn:aws:securityhub:us-east-1:000000000000:insight/000000000000/custom/',
  'arn:aws:securityhub:us-east-1:000000000000:automation-rule/../x',
  'arn:aws:securityhub:us-east-1:000000000000:action/custom/',
  'arn:aws:securityhub:us-east-1::product/aws/guardduty',
  'arn:aws:s3:::',
  ...HOSTILE_VALUES,
  '2024-13-45T99:99:99Z',
  '::1/200',
];

describe('Security Hub robustness', () => {
  const bulwark = suiteServer(['--cloudtrail=false']);

  test('no hostile id, ARN, filter, finding or token yields a 500', async () => {
    const user = await fuzzerUser(bulwark.endpoint, 'sh-fuzzer', 'securityhub');
    const root = await enabledHub(bulwark.endpoint);
    await root.send(new BatchImportFindingsCommand({ Findings: [asff('seed')] }));
    const clients = [root, securityhub(bulwark.endpoint, user)];
    // The SDK cannot put a lone surrogate into a URI or query string: those members get a well-formed stand-in.
    const label = (v: string) => (/\p{Cs}/u.test(v) || v === '' ? 'x' : v);
    const stringFilter = (v: string) => [{ Value: v, Comparison: 'EQUALS' as const }];
    const filters = (v: string) => ({
      Title: stringFilter(v),
      [v || 'Id']: stringFilter(v),
      UpdatedAt: [{ Start: v, End: v }],
      CreatedAt: [{ DateRange: { Value: Number(v) || -1, Unit: 'DAYS' as const } }],
      ProductFields: [{ Key: v, Value: v, Comparison: 'EQUALS' as const }],
      NetworkSourceIpV4: [{ Cidr: v }],
      SeverityNormalized: [{ Gte: Number(v) || 0 }],
      Keyword: [{ Value: v }],
    });
    const finding = (v: string) => asff(v, { Title: v, Types: [v], ProductFields: { [v || 'k']: v }, Resources: [{ Type: v, Id: v, Details: { Other: { [v || 'k']: v } } }], CreatedAt: v, Severity: { Label: 'LOW', Original: v } }) as AwsSecurityFinding;
    const identifier = (v: string) => ({ Id: v, ProductArn: v });
    const calls = (v: string) => [
      new DescribeHubCommand({ HubArn: label(v) }),
      new BatchImportFindingsCommand({ Findings: [finding(v)] }),
      new BatchImportFindingsCommand({ Findings: [asff('p', { ProductArn: v, AwsAccountId: v })] }),
      new GetFindingsCommand({ Filters: filters(v), SortCriteria: [{ Field: v, SortOrder: 'desc' }], NextToken: v }),
      new GetFindingsCommand({ Filters: { Id: stringFilter(v) }, MaxResults: 5 }),
      new BatchUpdateFindingsCommand({ FindingIdentifiers: [identifier(v), identifier('seed')], Note: { Text: v, UpdatedBy: v }, UserDefinedFields: { [v || 'k']: v }, Types: [v], RelatedFindings: [identifier(v)] }),
      new UpdateFindingsCommand({ Filters: filters(v), Note: { Text: v, UpdatedBy: v } }),
      new GetFindingHistoryCommand({ FindingIdentifier: identifier(v), NextToken: v }),
      new CreateInsightCommand({ Name: v, Filters: filters(v), GroupByAttribute: v }),
      new UpdateInsightCommand({ InsightArn: label(v), Name: v, GroupByAttribute: v }),
      new DeleteInsightCommand({ InsightArn: label(v) }),
      new GetInsightsCommand({ InsightArns: [v], NextToken: v }),
      new GetInsightResultsCommand({ InsightArn: label(v) }),
      new CreateAutomationRuleCommand({ RuleOrder: 1, RuleName: v, Description: v, Criteria: { Title: stringFilter(v), ResourceTags: [{ Key: v, Value: v, Comparison: 'CONTAINS' }] }, Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Note: { Text: v, UpdatedBy: v }, Types: [v] } }] }),
      new BatchGetAutomationRulesCommand({ AutomationRulesArns: [v] }),
      new BatchUpdateAutomationRulesCommand({ UpdateAutomationRulesRequestItems: [{ RuleArn: v, RuleName: v }] }),
      new BatchDeleteAutomationRulesCommand({ AutomationRulesArns: [v] }),
      new ListAutomationRulesCommand({ NextToken: label(v) }),
      new CreateActionTargetCommand({ Name: v, Description: v, Id: v }),
      new DescribeActionTargetsCommand({ ActionTargetArns: [v], NextToken: v }),
      new UpdateActionTargetCommand({ ActionTargetArn: label(v), Name: v }),
      new DeleteActionTargetCommand({ ActionTargetArn: label(v) }),
      new DescribeProductsCommand({ ProductArn: label(v), NextToken: label(v) }),
      new EnableImportFindingsForProductCommand({ ProductArn: v }),
      new DisableImportFindingsForProductCommand({ ProductSubscriptionArn: label(v) }),
      new CreateMembersCommand({ AccountDetails: [{ AccountId: v, Email: v }] }),
      new InviteMembersCommand({ AccountIds: [v] }),
      new GetMembersCommand({ AccountIds: [v] }),
      new ListMembersCommand({ NextToken: label(v) }),
      new DeleteMembersCommand({ AccountIds: [v] }),
      new AcceptAdministratorInvitationCommand({ AdministratorId: v, InvitationId: v }),
      new DeclineInvitationsCommand({ AccountIds: [v] }),
      new EnableOrganizationAdminAccountCommand({ AdminAccountId: v }),
      new CreateFindingAggregatorCommand({ RegionLinkingMode: v, Regions: [v] }),
      new GetFindingAggregatorCommand({ FindingAggregatorArn: label(v) }),
      new UpdateFindingAggregatorCommand({ FindingAggregatorArn: v, RegionLinkingMode: v }),
      new TagResourceCommand({ ResourceArn: label(v), Tags: { k: v } }),
      new ListTagsForResourceCommand({ ResourceArn: label(v) }),
    ];
    assert.deepEqual(await serverErrors(clients, HOSTILE, calls), []);
  });
});
