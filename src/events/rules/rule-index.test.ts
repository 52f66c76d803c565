import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileEventPattern } from '../pattern/index.js';
import { RuleIndex } from './rule-index.js';

/** A small deterministic generator (no test depends on Math.random). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SOURCES = ['aws.ec2', 'aws.iam', 'app.orders', 'app.orders.eu', 'app.payments', 'x'];
const TYPES = ['Created', 'Creation Failed', 'Deleted', 'AWS API Call via CloudTrail'];

test('the index finds exactly the rules that testing every pattern finds', () => {
  const random = prng(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const patterns: object[] = [];
  for (let i = 0; i < 300; i++) {
    const choice = Math.floor(random() * 7);
    if (choice === 0) patterns.push({ source: [pick(SOURCES), pick(SOURCES)] });
    else if (choice === 1) patterns.push({ source: [{ prefix: pick(SOURCES).slice(0, 1 + Math.floor(random() * 6)) }], 'detail-type': [pick(TYPES)] });
    else if (choice === 2) patterns.push({ 'detail-type': [{ prefix: 'Creat' }, pick(TYPES)], detail: { n: [{ numeric: ['>', 5] }] } });
    else if (choice === 3) patterns.push({ source: [{ 'anything-but': pick(SOURCES) }] });
    else if (choice === 4) patterns.push({ $or: [{ source: [pick(SOURCES)] }, { 'detail-type': [pick(TYPES)] }] });
    else if (choice === 5) patterns.push({ resources: [`arn:r:${Math.floor(random() * 5)}`], source: [{ prefix: '' }] });
    else patterns.push({ detail: { n: [Math.floor(random() * 10)] } });
  }
  const compiled = patterns.map((p) => compileEventPattern(JSON.stringify(p)));
  const index = new RuleIndex<number>();
  compiled.forEach((p, i) => index.add(i, p));
  assert.equal(index.size, 300);
  for (let e = 0; e < 2000; e++) {
    const event = {
      source: pick(SOURCES),
      'detail-type': pick(TYPES),
      resources: [`arn:r:${Math.floor(random() * 5)}`, `arn:r:${Math.floor(random() * 5)}`],
      detail: { n: Math.floor(random() * 10) },
    };
    const expected = compiled.flatMap((p, i) => (p.matches(event) ? [i] : []));
    assert.deepEqual(index.matching(event), expected, JSON.stringify(event));
  }
});

test('inherited names are not event fields', () => {
  const index = new RuleIndex<string>();
  index.add('constructor', compileEventPattern('{"constructor":[{"exists":true}]}'));
  index.add('toString', compileEventPattern('{"toString":["x"]}'));
  assert.deepEqual(index.matching({ source: 'a' }), []);
  assert.deepEqual(index.matching(JSON.parse('{"toString":"x","constructor":1}')), ['constructor', 'toString']);
});
