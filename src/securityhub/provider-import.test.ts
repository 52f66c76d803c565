import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SAMPLE_FINDING as VALID } from './testing/sample-finding.js';
import { newProviderFinding, providerUpdate, type ImportContext } from './provider-import.js';

const context: ImportContext = { region: 'us-east-1', now: new Date('2024-02-01T00:00:00Z') };
const later = (finding: object, extra: object = {}) => ({ ...finding, UpdatedAt: '2024-03-01T00:00:00.000Z', ...extra });

describe('a provider importing findings', () => {
  test('a new finding: Severity completed, FindingProviderFields filled, Workflow NEW, RecordState ACTIVE, Security Hub fields added', () => {
    const f = newProviderFinding({ ...VALID, Severity: { Label: 'MEDIUM', Original: '5' }, Confidence: 80 }, context);
    assert.deepEqual(f.Severity, { Label: 'MEDIUM', Original: '5', Normalized: 40 });
    assert.deepEqual(f.FindingProviderFields, { Confidence: 80, Types: VALID.Types, Severity: { Label: 'MEDIUM', Original: '5' } });
    assert.deepEqual(f.Workflow, { Status: 'NEW' });
    assert.equal(f.RecordState, 'ACTIVE');
    assert.equal(f.Region, 'us-east-1');
    assert.equal(f.ProductName, 'Default');
    assert.equal(f.CompanyName, 'Personal');
    assert.equal((f.ProductFields as Record<string, string>)['aws/securityhub/FindingId'], `${VALID.ProductArn}/${VALID.Id}`);
    assert.deepEqual(newProviderFinding({ ...VALID, Severity: { Normalized: 95 } }, context).Severity, { Normalized: 95, Label: 'CRITICAL' });
  });

  test('top-level attributes come from FindingProviderFields when missing', () => {
    const { Severity: _s, Types: _t, ...bare } = VALID;
    const f = newProviderFinding({ ...bare, FindingProviderFields: { Severity: { Label: 'LOW', Original: '2' }, Types: ['TTPs/Discovery'] } }, context);
    assert.deepEqual(f.Severity, { Label: 'LOW', Original: '2', Normalized: 1 });
    assert.deepEqual(f.Types, ['TTPs/Discovery']);
  });

  test('an update counts only when newer; customer-owned fields stay; provider fields follow FindingProviderFields unless a customer changed them', () => {
    const created: Record<string, unknown> = { ...newProviderFinding(VALID, context), Workflow: { Status: 'NOTIFIED' }, Note: { Text: 'n', UpdatedBy: 'u', UpdatedAt: 'x' } };
    assert.equal(providerUpdate(created, { ...VALID, Title: 'older' }, [], context), undefined);
    const update = later(VALID, { Title: 'new title', Workflow: { Status: 'RESOLVED' }, Note: { Text: 'provider note' }, FindingProviderFields: { Severity: { Label: 'CRITICAL' } } });
    const next = providerUpdate(created, update, [], context)!;
    assert.equal(next.Title, 'new title');
    assert.deepEqual(next.Workflow, { Status: 'NOTIFIED' });
    assert.deepEqual(next.Note, created.Note);
    assert.deepEqual(next.Severity, { Label: 'CRITICAL', Normalized: 90 });
    const locked = providerUpdate(created, update, ['Severity'], context)!;
    assert.deepEqual(locked.Severity, created.Severity, 'a customer changed Severity');
  });

  test('NOTIFIED and RESOLVED reset to NEW when RecordState goes ARCHIVED → ACTIVE or Compliance PASSED → FAILED; SUPPRESSED stays', () => {
    const base = newProviderFinding({ ...VALID, RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' } }, context);
    for (const status of ['NOTIFIED', 'RESOLVED']) {
      const f = { ...base, Workflow: { Status: status } };
      assert.deepEqual(providerUpdate(f, later(VALID, { RecordState: 'ACTIVE', Compliance: { Status: 'PASSED' } }), [], context)!.Workflow, { Status: 'NEW' });
      assert.deepEqual(providerUpdate(f, later(VALID, { RecordState: 'ARCHIVED', Compliance: { Status: 'FAILED' } }), [], context)!.Workflow, { Status: 'NEW' });
      assert.deepEqual(providerUpdate(f, later(VALID, { RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' } }), [], context)!.Workflow, { Status: status });
    }
    const suppressed = { ...base, Workflow: { Status: 'SUPPRESSED' } };
    assert.deepEqual(providerUpdate(suppressed, later(VALID, { RecordState: 'ACTIVE' }), [], context)!.Workflow, { Status: 'SUPPRESSED' });
  });
});
