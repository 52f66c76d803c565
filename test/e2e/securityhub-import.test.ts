import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { BatchImportFindingsCommand, GetFindingsCommand, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { ACCOUNT, asff, enabledHub, securityHubEvents } from './securityhub-helpers.js';

/**
 * BatchImportFindings as AWS validates it: the provider and account rules (the whole request
 * refused), at most 100 findings, the ASFF of each finding (a FailedFindings entry each), and
 * the finding as Security Hub keeps it; updates by the provider and the Imported events.
 */
describe('Security Hub: BatchImportFindings', () => {
  const bulwark = suiteServer(['--cloudtrail=false']);
  let sh: Awaited<ReturnType<typeof enabledHub>>;
  before(async () => {
    sh = await enabledHub(bulwark.endpoint);
  });
  const importOne = (finding: object) => sh.send(new BatchImportFindingsCommand({ Findings: [finding as unknown as AwsSecurityFinding] }));
  const without = (field: string) => Object.fromEntries(Object.entries(asff('x')).filter(([k]) => k !== field));
  const getOne = async (id: string) => (await sh.send(new GetFindingsCommand({ Filters: { Id: [{ Value: id, Comparison: 'EQUALS' }] } }))).Findings![0];

  test('only the caller’s default product, for its own account, in the request’s Region', async () => {
    const denied = (arn: string) => `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: securityhub:BatchImportFindings on resource: ${arn}`;
    for (const productArn of ['arn:aws:securityhub:us-east-1::product/aws/guardduty', 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default', `arn:aws:securityhub:us-west-2:${ACCOUNT}:product/${ACCOUNT}/default`]) {
      await rejectsWith(importOne(asff('p', { ProductArn: productArn })), 'AccessDeniedException', 403, denied(productArn));
    }
    await rejectsWith(importOne(asff('a', { AwsAccountId: '123456789012' })), 'AccessDeniedException', 403, denied(asff('a').ProductArn!));
    await rejectsWith(importOne(asff('r', { ProductArn: 'arn:aws:securityhub:::product/acme/scanner' })), 'InvalidInputException', 400, 'productArn: "arn:aws:securityhub:::product/acme/scanner"');
  });

  test('at most 100 findings a request; a finding without a required member fails alone', async () => {
    await rejectsWith(sh.send(new BatchImportFindingsCommand({ Findings: Array.from({ length: 101 }, (_, i) => asff(`n${i}`)) })), 'InvalidInputException', 400, /Member must have length less than or equal to 100/);
    await rejectsWith(sh.send(new BatchImportFindingsCommand({ Findings: [] })), 'InvalidInputException', 400);
    for (const field of ['AwsAccountId', 'CreatedAt', 'Description', 'GeneratorId', 'Id', 'ProductArn', 'Resources', 'SchemaVersion', 'Title', 'UpdatedAt']) {
      const result = await sh.send(new BatchImportFindingsCommand({ Findings: [asff(`ok-${field}`), without(field) as unknown as AwsSecurityFinding] }));
      assert.equal(result.SuccessCount, 1, field);
      assert.equal(result.FailedCount, 1, field);
      assert.match(result.FailedFindings?.[0]?.ErrorMessage ?? '', new RegExp(`data should have required property '${field}'`), field);
    }
  });

  test('each broken finding fails alone, in AWS’s words', async () => {
    const prefix = 'Finding does not adhere to Amazon Finding Format. ';
    const result = await sh.send(
      new BatchImportFindingsCommand({
        Findings: [
          asff('good'),
          without('Severity') as unknown as AwsSecurityFinding,
          without('Types') as unknown as AwsSecurityFinding,
          asff('schema', { SchemaVersion: '2019-01-01' }),
          asff('title', { Title: 't'.repeat(257) }),
          asff('big', { Resources: [{ Type: 'Other', Id: 'r', Details: { Other: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'v'.repeat(4096)])) } }] }),
          asff('time', { CreatedAt: 'now' }),
          asff('severity', { Severity: { Original: '5' } }),
        ],
      }),
    );
    assert.equal(result.SuccessCount, 1);
    assert.equal(result.FailedCount, 7);
    assert.deepEqual(result.FailedFindings!.map((f) => [f.Id, f.ErrorCode, f.ErrorMessage]), [
      ['x', 'InvalidInput', `${prefix}data should have required property 'FindingProviderFields', data should match some schema in anyOf.`],
      ['x', 'InvalidInput', `${prefix}data should have required property 'FindingProviderFields', data should match some schema in anyOf.`],
      ['schema', 'InvalidInput', `${prefix}data.SchemaVersion should be equal to one of the allowed values.`],
      ['title', 'InvalidInput', `${prefix}data.Title should NOT be longer than 256 characters.`],
      ['big', 'InvalidInput', 'Finding exceeds the maximum allowed size of 240 KB.'],
      ['time', 'InvalidInput', `${prefix}data.CreatedAt should match format "date-time".`],
      ['severity', 'InvalidInput', `${prefix}data.Severity should have required property 'Label', data.Severity should match some schema in anyOf.`],
    ]);
  });

  test('Security Hub completes the finding: severity, FindingProviderFields, workflow, record state, product names, Region', async () => {
    await importOne(asff('complete', { Severity: { Normalized: 75, Original: '7.5' } }));
    const f = (await getOne('complete'))!;
    assert.deepEqual(f.Severity, { Normalized: 75, Original: '7.5', Label: 'HIGH' });
    assert.deepEqual(f.FindingProviderFields, { Types: asff('x').Types, Severity: { Label: 'HIGH', Original: '7.5' } });
    assert.deepEqual([f.Workflow?.Status, f.WorkflowState, f.RecordState, f.ProductName, f.CompanyName, f.Region], ['NEW', 'NEW', 'ACTIVE', 'Default', 'Personal', 'us-east-1']);
    assert.equal(f.ProductFields!['aws/securityhub/FindingId'], `${f.ProductArn}/complete`);
    assert.ok(f.ProcessedAt);
  });

  test('a provider updates its finding with a later UpdatedAt; an earlier one is ignored; customer fields stay', async () => {
    const created = new Date(Date.now() - 60_000).toISOString();
    await importOne(asff('upd', { Title: 'first', Workflow: { Status: 'NOTIFIED' } }, ACCOUNT, 'us-east-1', created));
    await importOne(asff('upd', { Title: 'second', Workflow: { Status: 'RESOLVED' }, Note: { Text: 'n', UpdatedBy: 'p', UpdatedAt: created }, CreatedAt: created }));
    const f = (await getOne('upd'))!;
    assert.equal(f.Title, 'second');
    assert.equal(f.Workflow!.Status, 'NOTIFIED', 'Workflow is the customer’s once created');
    assert.equal(f.Note, undefined);
    await importOne(asff('upd', { Title: 'stale' }, ACCOUNT, 'us-east-1', created));
    assert.equal((await getOne('upd'))!.Title, 'second');
  });

  test('two versions of one finding in a batch: the later one wins, both are in its history', async () => {
    const at = Date.now() - 10_000;
    const version = (title: string, offset: number) => asff('twice', { Title: title }, ACCOUNT, 'us-east-1', new Date(at + offset).toISOString());
    const result = await sh.send(new BatchImportFindingsCommand({ Findings: [version('one', 0), { ...version('two', 1000), CreatedAt: new Date(at).toISOString() }] }));
    assert.equal(result.SuccessCount, 2);
    assert.equal((await getOne('twice'))!.Title, 'two');
  });

  test('every import and provider update is sent to EventBridge as "Security Hub Findings - Imported"', async () => {
    const recorder = securityHubEvents(bulwark);
    try {
      await importOne(asff('evented'));
      await importOne(asff('evented', { Title: 'again', UpdatedAt: new Date(Date.now() + 1000).toISOString() }));
      assert.equal(recorder.events.length, 2);
      const [first] = recorder.events;
      assert.equal(first!.detailType, 'Security Hub Findings - Imported');
      assert.deepEqual([first!.account, first!.region], [ACCOUNT, 'us-east-1']);
      assert.deepEqual(first!.resources, [`${asff('evented').ProductArn}/evented`]);
      const findings = first!.detail.findings as Array<Record<string, unknown>>;
      assert.deepEqual(findings.map((f) => f.Id), ['evented']);
      assert.equal((recorder.events[1]!.detail.findings as Array<Record<string, unknown>>)[0]!.Title, 'again');
    } finally {
      recorder.stop();
    }
  });
});
