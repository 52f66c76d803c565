import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFieldKey } from './modifiers.js';

test('a key without modifiers is an equality on the field', () => {
  assert.deepEqual(parseFieldKey('requestParameters.bucketName'), { field: 'requestParameters.bucketName', operator: 'equals', all: false, cased: false, regexFlags: '' });
});

test('modifiers set the operator, all, cased, the encoding and regex flags', () => {
  assert.equal(parseFieldKey('userAgent|contains').operator, 'contains');
  assert.deepEqual(parseFieldKey('userAgent|contains|all'), { field: 'userAgent', operator: 'contains', all: true, cased: false, regexFlags: '' });
  assert.equal(parseFieldKey('userAgent|all|startswith').all, true);
  assert.equal(parseFieldKey('eventName|cased').cased, true);
  assert.equal(parseFieldKey('x|base64offset|contains').encoding, 'base64offset');
  assert.equal(parseFieldKey('x|re|i|s').regexFlags, 'is');
  assert.equal(parseFieldKey('|all').field, '');
  for (const op of ['endswith', 're', 'cidr', 'exists', 'gt', 'gte', 'lt', 'lte']) assert.equal(parseFieldKey(`f|${op}`).operator, op);
});

test('bad modifiers and combinations are named in the error', () => {
  assert.throws(() => parseFieldKey('CommandLine|windash'), /unsupported modifier 'windash' in 'CommandLine\|windash'/);
  assert.throws(() => parseFieldKey('f|expand'), /unsupported modifier 'expand'/);
  assert.throws(() => parseFieldKey('f|neq'), /unsupported modifier 'neq'.*not/);
  assert.throws(() => parseFieldKey('f|contians'), /unknown modifier 'contians' in 'f\|contians'/);
  assert.throws(() => parseFieldKey('f|contains|endswith'), /'contains' and 'endswith' cannot be combined/);
  assert.throws(() => parseFieldKey('f|contains|contains'), /appears twice/);
  assert.throws(() => parseFieldKey('f|i'), /'i' needs 're' before it/);
  assert.throws(() => parseFieldKey('f|contains|base64'), /'base64' must come before 'contains'/);
  assert.throws(() => parseFieldKey('f|base64|base64offset'), /cannot be combined/);
  assert.throws(() => parseFieldKey('f|base64|re'), /'base64' does not apply to 're'/);
  assert.throws(() => parseFieldKey('f|re|cased'), /'cased' does not apply to 're'/);
  assert.throws(() => parseFieldKey('f|exists|all'), /'all' does not apply to 'exists'/);
});
