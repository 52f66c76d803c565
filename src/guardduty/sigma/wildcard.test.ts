import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePattern, exactText, fold, parsePattern, widen } from './wildcard.js';

function matchesText(pattern: string, text: string, caseSensitive = false): boolean {
  return compilePattern(parsePattern(pattern), caseSensitive).test(fold(text, caseSensitive));
}

test('* matches any run of characters, ? exactly one', () => {
  assert.equal(matchesText('Stop*', 'StopLogging'), true);
  assert.equal(matchesText('*Logging', 'StopLogging'), true);
  assert.equal(matchesText('*op*ng', 'StopLogging'), true);
  assert.equal(matchesText('Stop?ogging', 'StopLogging'), true);
  assert.equal(matchesText('Stop?ogging', 'StopLLogging'), false);
  assert.equal(matchesText('Stop?', 'Stop'), false);
  assert.equal(matchesText('*', ''), true);
  assert.equal(matchesText('a*b*c', 'a--b--c'), true);
  assert.equal(matchesText('a*b*c', 'a--c--b'), false);
});

test('matching is case-insensitive unless cased', () => {
  assert.equal(matchesText('stoplogging', 'StopLogging'), true);
  assert.equal(matchesText('STOP*', 'StopLogging'), true);
  assert.equal(matchesText('s?OP*', 'StopLogging'), true);
  assert.equal(matchesText('stoplogging', 'StopLogging', true), false);
  assert.equal(matchesText('StopLogging', 'StopLogging', true), true);
  assert.equal(matchesText('s?op*', 'StopLogging', true), false);
});

test('backslash escapes wildcards and itself, and is literal before anything else', () => {
  assert.deepEqual(parsePattern('\\*'), [{ kind: 'text', text: '*' }]);
  assert.deepEqual(parsePattern('\\?'), [{ kind: 'text', text: '?' }]);
  assert.deepEqual(parsePattern('C:\\Windows\\*'), [{ kind: 'text', text: 'C:\\Windows*' }]);
  assert.deepEqual(parsePattern('C:\\\\*'), [{ kind: 'text', text: 'C:\\' }, { kind: 'any' }]);
  assert.deepEqual(parsePattern('a\\\\\\*'), [{ kind: 'text', text: 'a\\*' }]);
  assert.deepEqual(parsePattern('a\\\\\\\\b'), [{ kind: 'text', text: 'a\\\\b' }]);
  assert.deepEqual(parsePattern('trailing\\'), [{ kind: 'text', text: 'trailing\\' }]);
  assert.equal(matchesText('\\*', '*'), true);
  assert.equal(matchesText('\\*', 'anything'), false);
});

test('regular-expression characters in the text are literal', () => {
  assert.equal(matchesText('a.b*', 'a.b.c'), true);
  assert.equal(matchesText('a.b?', 'axbc'), false);
  assert.equal(matchesText('(x)|[y]{2}$^+?', '(x)|[y]{2}$^+!'), true);
  assert.equal(matchesText('*/0', '10.0.0.0/0'), true);
});

test('wildcards span newlines; many stars stay fast on long texts', () => {
  assert.equal(matchesText('a?b', 'a\nb'), true);
  assert.equal(matchesText('a*b', 'a\n\nb'), true);
  const long = 'a'.repeat(50_000);
  const started = performance.now();
  assert.equal(matchesText('*a*a*a*a*a*a*a*a*b*', long), false);
  assert.ok(performance.now() - started < 500);
});

test('widen adds wildcards without doubling them; exactText only without wildcards', () => {
  assert.deepEqual(widen(parsePattern('*x'), true, true), [{ kind: 'any' }, { kind: 'text', text: 'x' }, { kind: 'any' }]);
  assert.equal(exactText(parsePattern('a\\*b')), 'a*b');
  assert.equal(exactText(parsePattern('a*b')), undefined);
  assert.equal(exactText(parsePattern('')), '');
  assert.equal(compilePattern(parsePattern('MiXeD'), false).exact, 'mixed');
  assert.equal(compilePattern(parsePattern('MiXeD'), true).exact, 'MiXeD');
});
