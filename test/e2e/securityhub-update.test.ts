import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { BatchImportFindingsCommand, BatchUpdateFindingsCommand, GetFindingHistoryCommand, GetFindingsCommand, UpdateFindingsCommand, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { asff, enabledHub, securityHubEvents } from './securityhub-helpers.js';

/**
 * BatchUpdateFindings (only the customer fields; UpdatedAt unchanged; what a provider may no
 * longer change afterwards), the automatic workflow resets on provider updates, the old
 * UpdateFindings, and GetFindingHistory's record of every change.
 */
describe('Security Hub: customers updating findings, and history', () => {
  const bulwark = suiteServer(['--cloudtrail=false']);
  let sh: Awaited<ReturnType<typeof enabledHub>>;
  const created = new Date(Date.now() - 3_600_000).toISOString();
  const later = (minutes: number) => new Date(Date.parse(created) + minutes * 60_000).toISOString();
  const importAll = (...findings: AwsSecurityFinding[]) => sh.send(new BatchImportFindingsCommand({ Findings: findings }));
  const identifier = (id: string) => ({ Id: id, ProductArn: asff(id).ProductArn! });
  const get = async (id: string) => (await sh.send(new GetFindingsCommand({ Filters: { Id: [{ Value: id, Comparison: 'EQUALS' }] } }))).Findings![0]!;

  before(async () => {
    sh = await enabledHub(bulwark.endpoint);
    await importAll(asff('a', {}, undefined, undefined, created), asff('b', { RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' } }, undefined, undefined, created));
  });

  test('BatchUpdateFindings changes the customer fields, leaves UpdatedAt; unknown findings are unprocessed', async () => {
    const recorder = securityHubEvents(bulwark);
    const result = await sh.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [identifier('a'), identifier('missing')],
        Note: { Text: 'Looked at it', UpdatedBy: 'analyst' },
        Severity: { Label: 'CRITICAL' },
        VerificationState: 'TRUE_POSITIVE',
        Confidence: 80,
        Criticality: 60,
        Types: ['TTPs/Discovery'],
        UserDefinedFields: { ticket: 'SEC-1' },
        Workflow: { Status: 'NOTIFIED' },
        RelatedFindings: [identifier('b')],
      }),
    );
    recorder.stop();
    assert.deepEqual(result.ProcessedFindings, [identifier('a')]);
    assert.deepEqual(result.UnprocessedFindings, [{ FindingIdentifier: identifier('missing'), ErrorCode: 'FindingNotFound', ErrorMessage: 'Finding Not Found' }]);
    const f = await get('a');
    assert.equal(f.UpdatedAt, created);
    assert.deepEqual([f.Note!.Text, f.Note!.UpdatedBy], ['Looked at it', 'analyst']);
    assert.deepEqual(f.Severity, { Label: 'CRITICAL', Normalized: 90 });
    assert.deepEqual(f.FindingProviderFields!.Severity, { Label: 'MEDIUM' }, 'the provider’s severity is kept apart');
    assert.deepEqual([f.VerificationState, f.Confidence, f.Criticality, f.Types, f.UserDefinedFields, f.Workflow!.Status], ['TRUE_POSITIVE', 80, 60, ['TTPs/Discovery'], { ticket: 'SEC-1' }, 'NOTIFIED']);
    assert.deepEqual(f.RelatedFindings, [identifier('b')]);
    assert.deepEqual(recorder.events.map((e) => [e.detailType, (e.detail.findings as AwsSecurityFinding[])[0]!.Workflow!.Status]), [['Security Hub Findings - Imported', 'NOTIFIED']]);
  });

  test('a provider no longer changes what a customer changed (Severity, Types, …) but keeps changing the rest', async () => {
    await importAll(asff('a', { Title: 'provider title', Severity: { Label: 'LOW' }, FindingProviderFields: { Severity: { Label: 'LOW' }, Types: ['Effects'] }, CreatedAt: created }, undefined, undefined, later(1)));
    const f = await get('a');
    assert.equal(f.Title, 'provider title');
    assert.deepEqual(f.Severity, { Label: 'CRITICAL', Normalized: 90 });
    assert.deepEqual(f.Types, ['TTPs/Discovery']);
    assert.deepEqual(f.FindingProviderFields!.Severity, { Label: 'LOW' });
    assert.equal(f.Workflow!.Status, 'NOTIFIED');
  });

  test('NOTIFIED/RESOLVED go back to NEW when the provider reactivates the finding or its compliance fails again', async () => {
    await sh.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [identifier('b')], Workflow: { Status: 'RESOLVED' } }));
    await importAll(asff('b', { RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' }, CreatedAt: created }, undefined, undefined, later(1)));
    assert.equal((await get('b')).Workflow!.Status, 'RESOLVED');
    await importAll(asff('b', { RecordState: 'ACTIVE', Compliance: { Status: 'PASSED' }, CreatedAt: created }, undefined, undefined, later(2)));
    assert.equal((await get('b')).Workflow!.Status, 'NEW');
    await sh.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [identifier('b')], Workflow: { Status: 'NOTIFIED' } }));
    await importAll(asff('b', { RecordState: 'ACTIVE', Compliance: { Status: 'FAILED' }, CreatedAt: created }, undefined, undefined, later(3)));
    assert.equal((await get('b')).Workflow!.Status, 'NEW');
    await sh.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [identifier('b')], Workflow: { Status: 'SUPPRESSED' } }));
    await importAll(asff('b', { RecordState: 'ARCHIVED', CreatedAt: created }, undefined, undefined, later(4)));
    await importAll(asff('b', { RecordState: 'ACTIVE', CreatedAt: created }, undefined, undefined, later(5)));
    assert.equal((await get('b')).Workflow!.Status, 'SUPPRESSED', 'a suppressed finding stays suppressed');
  });

  test('BatchUpdateFindings refuses more than 100 findings and requests that update nothing', async () => {
    await rejectsWith(sh.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: Array.from({ length: 101 }, (_, i) => identifier(`x${i}`)), Confidence: 1 })), 'InvalidInputException', 400);
    await rejectsWith(sh.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [identifier('a')] })), 'InvalidInputException', 400);
    await rejectsWith(sh.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [identifier('a')], Confidence: 101 })), 'InvalidInputException', 400);
  });

  test('UpdateFindings sets a note and the record state of every finding its filters select', async () => {
    await sh.send(new UpdateFindingsCommand({ Filters: { Id: [{ Value: 'a', Comparison: 'EQUALS' }] }, Note: { Text: 'bulk', UpdatedBy: 'ops' }, RecordState: 'ARCHIVED' }));
    const f = await get('a');
    assert.deepEqual([f.Note!.Text, f.RecordState], ['bulk', 'ARCHIVED']);
    assert.equal((await get('b')).RecordState, 'ACTIVE');
  });

  test('GetFindingHistory: creation, provider updates, customer updates, newest first, by time window', async () => {
    const history = await sh.send(new GetFindingHistoryCommand({ FindingIdentifier: identifier('a') }));
    const records = history.Records!;
    assert.deepEqual(records.map((r) => [r.UpdateSource!.Type, r.FindingCreated]), [
      ['BATCH_UPDATE_FINDINGS', false],
      ['BATCH_IMPORT_FINDINGS', false],
      ['BATCH_UPDATE_FINDINGS', false],
      ['BATCH_IMPORT_FINDINGS', true],
    ]);
    assert.equal(records[3]!.UpdateSource!.Identity, 'arn:aws:iam::000000000000:root');
    assert.deepEqual(records[2]!.Updates!.find((u) => u.UpdatedField === 'Workflow.Status'), { UpdatedField: 'Workflow.Status', OldValue: 'NEW', NewValue: 'NOTIFIED' });
    assert.deepEqual(records[1]!.Updates!.find((u) => u.UpdatedField === 'Title'), { UpdatedField: 'Title', OldValue: 'Finding a', NewValue: 'provider title' });
    assert.ok(records.every((r) => r.FindingIdentifier!.Id === 'a' && r.UpdateTime instanceof Date));
    const page = await sh.send(new GetFindingHistoryCommand({ FindingIdentifier: identifier('a'), MaxResults: 3 }));
    assert.equal(page.Records!.length, 3);
    assert.equal((await sh.send(new GetFindingHistoryCommand({ FindingIdentifier: identifier('a'), NextToken: page.NextToken }))).Records!.length, 1);
    const future = await sh.send(new GetFindingHistoryCommand({ FindingIdentifier: identifier('a'), StartTime: new Date(Date.now() + 60_000) }));
    assert.deepEqual(future.Records, []);
    assert.deepEqual((await sh.send(new GetFindingHistoryCommand({ FindingIdentifier: identifier('nope') }))).Records, []);
  });
});
