import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { BatchImportFindingsCommand, GetFindingsCommand, type AwsSecurityFindingFilters, type GetFindingsCommandInput, type SortCriterion } from '@aws-sdk/client-securityhub';
import { rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { asff, enabledHub } from './securityhub-helpers.js';

/**
 * GetFindings through the SDK: every kind of filter and comparison, SortCriteria, pages, and
 * the filters AWS refuses.
 */
describe('Security Hub: GetFindings', () => {
  const bulwark = suiteServer(['--cloudtrail=false']);
  let sh: Awaited<ReturnType<typeof enabledHub>>;
  const day = 86_400_000;
  const ago = (days: number) => new Date(Date.now() - days * day).toISOString();

  before(async () => {
    sh = await enabledHub(bulwark.endpoint);
    await sh.send(
      new BatchImportFindingsCommand({
        Findings: [
          asff('low-old', { Severity: { Label: 'LOW' }, Title: 'CloudTrail trail without validation', Confidence: 20, ProductFields: { team: 'blue' }, Sample: true }, undefined, undefined, ago(40)),
          asff('medium', { Severity: { Label: 'MEDIUM' }, Title: 'CloudFront distribution is public', Confidence: 50, Network: { Direction: 'IN', SourceIpV4: '203.0.113.7', SourcePort: 443 }, ProductFields: { team: 'red' } }, undefined, undefined, ago(10)),
          asff('high', { Severity: { Label: 'HIGH' }, Title: 'IAM key exposed', Confidence: 90, Resources: [{ Type: 'AwsIamAccessKey', Id: 'AKIAEXAMPLE', Tags: { Department: 'Security' } }], Compliance: { Status: 'FAILED' } }, undefined, undefined, ago(3)),
          asff('critical', { Severity: { Label: 'CRITICAL' }, Title: 'Root used', Types: ['TTPs/Initial Access'], Resources: [{ Type: 'AwsEc2Instance', Id: 'i-9', Details: { AwsEc2Instance: { IpV4Addresses: ['10.0.0.9'], IpV6Addresses: ['2001:db8::9'] } } }] }, undefined, undefined, ago(1)),
          asff('info', { Severity: { Label: 'INFORMATIONAL' }, Title: 'Informational', RecordState: 'ARCHIVED' }, undefined, undefined, ago(0.5)),
        ],
      }),
    );
  });

  const ids = async (Filters: AwsSecurityFindingFilters, SortCriteria?: SortCriterion[]) => (await sh.send(new GetFindingsCommand({ Filters, SortCriteria }))).Findings!.map((f) => f.Id!).sort();
  const str = (Comparison: 'EQUALS' | 'PREFIX' | 'NOT_EQUALS' | 'PREFIX_NOT_EQUALS' | 'CONTAINS' | 'NOT_CONTAINS', Value: string) => ({ Comparison, Value });

  test('string filters, every comparison', async () => {
    assert.deepEqual(await ids({ SeverityLabel: [str('EQUALS', 'HIGH')] }), ['high']);
    assert.deepEqual(await ids({ SeverityLabel: [str('PREFIX', 'CRIT'), str('PREFIX', 'INFO')] }), ['critical', 'info']);
    assert.deepEqual(await ids({ Title: [str('CONTAINS', 'Cloud')] }), ['low-old', 'medium']);
    assert.deepEqual(await ids({ RecordState: [str('NOT_EQUALS', 'ARCHIVED')] }), ['critical', 'high', 'low-old', 'medium']);
    assert.deepEqual(await ids({ ResourceType: [str('PREFIX_NOT_EQUALS', 'AwsEc2')] }), ['high']);
    assert.deepEqual(await ids({ Title: [str('NOT_CONTAINS', 'Cloud'), str('NOT_CONTAINS', 'Root')] }), ['high', 'info']);
    assert.deepEqual(await ids({ Type: [str('EQUALS', 'TTPs/Initial Access')], SeverityLabel: [str('EQUALS', 'CRITICAL')] }), ['critical']);
    assert.deepEqual(await ids({ ComplianceStatus: [str('EQUALS', 'FAILED')] }), ['high']);
  });

  test('number, date (absolute and relative), map, IP, boolean filters', async () => {
    assert.deepEqual(await ids({ SeverityNormalized: [{ Gte: 70 }] }), ['critical', 'high']);
    assert.deepEqual(await ids({ Confidence: [{ Gt: 20, Lt: 90 }] }), ['medium']);
    assert.deepEqual(await ids({ Confidence: [{ Eq: 20 }, { Eq: 90 }] }), ['high', 'low-old']);
    assert.deepEqual(await ids({ Confidence: [{ Lte: 50 }] }), ['low-old', 'medium']);
    assert.deepEqual(await ids({ NetworkSourcePort: [{ Eq: 443 }] }), ['medium']);
    assert.deepEqual(await ids({ UpdatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS' } }] }), ['critical', 'high', 'info']);
    assert.deepEqual(await ids({ CreatedAt: [{ DateRange: { Value: 30, Unit: 'DAYS', Comparison: 'OLDER_THAN' } }] }), ['low-old']);
    assert.deepEqual(await ids({ UpdatedAt: [{ Start: ago(12), End: ago(2) }] }), ['high', 'medium']);
    assert.deepEqual(await ids({ ProductFields: [{ Key: 'team', Value: 'red', Comparison: 'EQUALS' }] }), ['medium']);
    assert.deepEqual(await ids({ ProductFields: [{ Key: 'team', Value: 'red', Comparison: 'NOT_EQUALS' }] }), ['critical', 'high', 'info', 'low-old']);
    assert.deepEqual(await ids({ ResourceTags: [{ Key: 'Department', Value: 'Security', Comparison: 'EQUALS' }] }), ['high']);
    assert.deepEqual(await ids({ NetworkSourceIpV4: [{ Cidr: '203.0.113.0/24' }] }), ['medium']);
    assert.deepEqual(await ids({ ResourceAwsEc2InstanceIpV4Addresses: [{ Cidr: '10.0.0.0/8' }] }), ['critical']);
    assert.deepEqual(await ids({ ResourceAwsEc2InstanceIpV6Addresses: [{ Cidr: '2001:db8::/64' }] }), ['critical']);
    assert.deepEqual(await ids({ Sample: [{ Value: true }] }), ['low-old']);
    assert.deepEqual(await ids({ Keyword: [{ Value: 'Root' }] }), ['critical']);
  });

  test('SortCriteria, and pages of MaxResults with NextToken', async () => {
    const sorted = async (SortCriteria: SortCriterion[]) => (await sh.send(new GetFindingsCommand({ SortCriteria }))).Findings!.map((f) => f.Id);
    assert.deepEqual(await sorted([{ Field: 'SeverityNormalized', SortOrder: 'desc' }]), ['critical', 'high', 'medium', 'low-old', 'info']);
    assert.deepEqual(await sorted([{ Field: 'Confidence', SortOrder: 'asc' }, { Field: 'UpdatedAt', SortOrder: 'desc' }]), ['low-old', 'medium', 'high', 'info', 'critical']);
    assert.deepEqual((await sh.send(new GetFindingsCommand({}))).Findings!.map((f) => f.Id), ['info', 'critical', 'high', 'medium', 'low-old'], 'the most recently updated first');
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sh.send(new GetFindingsCommand({ MaxResults: 2, NextToken, SortCriteria: [{ Field: 'Title', SortOrder: 'asc' }] }));
      assert.ok(page.Findings!.length <= 2);
      seen.push(...page.Findings!.map((f) => f.Title!));
      NextToken = page.NextToken;
    } while (NextToken);
    assert.deepEqual(seen, ['CloudFront distribution is public', 'CloudTrail trail without validation', 'IAM key exposed', 'Informational', 'Root used']);
  });

  test('refused filters, sort fields and tokens are InvalidInputException', async () => {
    const refused = (input: GetFindingsCommandInput) => rejectsWith(sh.send(new GetFindingsCommand(input)), 'InvalidInputException', 400);
    await refused({ Filters: { Title: [str('CONTAINS', 'a'), str('EQUALS', 'b')] } });
    await refused({ Filters: { Title: [str('EQUALS', 'a'), str('NOT_EQUALS', 'b')] } });
    await refused({ Filters: { Title: [{ Value: 'a', Comparison: 'CONTAINS_WORD' }] } });
    await refused({ Filters: { UpdatedAt: [{ Start: 'last week' }] } });
    await refused({ Filters: { NetworkSourceIpV4: [{ Cidr: 'not-an-ip' }] } });
    await refused({ Filters: { ProductFields: [{ Key: 'team', Value: 'r', Comparison: 'CONTAINS' }] } });
    await refused({ Filters: { Title: Array.from({ length: 21 }, () => str('PREFIX', 'x')) } });
    await refused({ SortCriteria: [{ Field: 'NoSuchField' }] });
    await refused({ NextToken: 'garbage' });
    await refused({ MaxResults: 101 });
  });
});
