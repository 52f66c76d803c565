import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGlob, globMatch, STAR_SEG, toSentinels, wildMatch } from './glob.js';

const m = (p: string, s: string) => globMatch(compileGlob(toSentinels(p)), s);

test('glob kinds', () => {
  assert.deepEqual(compileGlob(toSentinels('*')), { kind: 'any' });
  assert.equal(compileGlob(toSentinels('abc')).kind, 'exact');
  assert.equal(compileGlob(toSentinels('ab*')).kind, 'prefix');
  assert.equal(compileGlob(toSentinels('a*b')).kind, 'pattern');
});

test('wildcards', () => {
  assert.equal(m('a*', 'a'), true);
  assert.equal(m('a*c', 'abbbc'), true);
  assert.equal(m('a*c', 'abbbd'), false);
  assert.equal(m('a?c', 'abc'), true);
  assert.equal(m('a??', 'ab'), false);
  assert.equal(m('*a*a*a*', 'aaa'), true);
  assert.equal(m('*a*a*a*', 'aa'), false);
  assert.equal(m('**', ''), true);
  assert.equal(m('', ''), true);
  assert.equal(m('?', ''), false);
});

test('literal star and question mark never act as wildcards', () => {
  assert.equal(wildMatch('a*b', 'axb'), false);
  assert.equal(wildMatch('a*b', 'a*b'), true);
});

test('segment star stops at colons, but its pattern can still match across parts', () => {
  const p = compileGlob(`a${STAR_SEG}:z`);
  assert.equal(globMatch(p, 'abc:z'), true);
  assert.equal(globMatch(p, 'ab:c:z'), false);
});
