import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asffProblem, MAX_FINDING_BYTES } from './asff-validation.js';
import { SAMPLE_FINDING } from './testing/sample-finding.js';

const VALID = SAMPLE_FINDING;

const PREFIX = 'Finding does not adhere to Amazon Finding Format. ';
const without = (field: string) => Object.fromEntries(Object.entries(VALID).filter(([k]) => k !== field));

test('a finding with the required attributes passes', () => {
  assert.equal(asffProblem(VALID), undefined);
  assert.equal(asffProblem({ ...without('Severity'), FindingProviderFields: { Severity: { Label: 'LOW' } } }), undefined, 'Severity from FindingProviderFields');
  assert.equal(asffProblem({ ...without('Types'), FindingProviderFields: { Types: ['TTPs'] } }), undefined, 'Types from FindingProviderFields');
});

test('each of the 12 required attributes missing is named', () => {
  for (const field of ['AwsAccountId', 'CreatedAt', 'Description', 'GeneratorId', 'Id', 'ProductArn', 'Resources', 'SchemaVersion', 'Title', 'UpdatedAt']) {
    assert.equal(asffProblem(without(field)), `${PREFIX}data should have required property '${field}'.`);
  }
  for (const field of ['Severity', 'Types']) {
    assert.equal(asffProblem(without(field)), `${PREFIX}data should have required property 'FindingProviderFields', data should match some schema in anyOf.`);
  }
  assert.match(asffProblem({ ...VALID, Severity: { Original: '5' } })!, /data\.Severity should have required property 'Label'/);
});

test('SchemaVersion must be 2018-10-08; timestamps must be dates', () => {
  assert.equal(asffProblem({ ...VALID, SchemaVersion: '2018-10-09' }), `${PREFIX}data.SchemaVersion should be equal to one of the allowed values.`);
  assert.equal(asffProblem({ ...VALID, UpdatedAt: 'yesterday' }), `${PREFIX}data.UpdatedAt should match format "date-time".`);
});

test('documented lengths and counts', () => {
  assert.equal(asffProblem({ ...VALID, Title: 'x'.repeat(257) }), `${PREFIX}data.Title should NOT be longer than 256 characters.`);
  assert.equal(asffProblem({ ...VALID, Description: 'x'.repeat(1025) }), `${PREFIX}data.Description should NOT be longer than 1024 characters.`);
  assert.equal(asffProblem({ ...VALID, AwsAccountId: '1234' }), `${PREFIX}data.AwsAccountId should NOT be shorter than 12 characters.`);
  assert.equal(asffProblem({ ...VALID, Resources: [] }), `${PREFIX}data.Resources should NOT have fewer than 1 items.`);
  assert.equal(asffProblem({ ...VALID, Types: Array.from({ length: 51 }, () => 'TTPs') }), `${PREFIX}data.Types should NOT have more than 50 items.`);
  const fields = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
  assert.equal(asffProblem({ ...VALID, ProductFields: fields }), `${PREFIX}data.ProductFields should NOT have more than 50 properties.`);
});

test('a finding over 240 KB is refused', () => {
  const big = { ...VALID, ProductFields: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'x'.repeat(2048)])), UserDefinedFields: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'y'.repeat(1024)])), Resources: Array.from({ length: 32 }, (_, i) => ({ Type: 'Other', Id: `r${i}`, Details: { Other: { text: 'z'.repeat(4000) } } })) };
  assert.ok(JSON.stringify(big).length > MAX_FINDING_BYTES);
  assert.equal(asffProblem(big), 'Finding exceeds the maximum allowed size of 240 KB.');
});
