import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ipInRange, parseIpRange } from './ip.js';
import { runFamily } from '../testing/condition-vectors.js';

runFamily('ip');

test('parseIpRange accepts IPv4, IPv6 and CIDR forms', () => {
  assert.deepEqual(parseIpRange('10.1.2.3/8'), { v6: false, words: [0x0a01, 0x0203], prefix: 8 });
  assert.deepEqual(parseIpRange('::ffff:192.0.2.1')?.words, [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
  assert.equal(parseIpRange('2001:db8::')?.prefix, 128);
  for (const bad of ['256.1.1.1', '1.2.3', '10.0.0.0/33', '2001:db8::/129', '1::2::3', 'abc', '1.2.3.4/x']) {
    assert.equal(parseIpRange(bad), undefined, bad);
  }
});

test('ipInRange with odd prefixes', () => {
  const r = parseIpRange('192.168.0.0/23')!;
  assert.equal(ipInRange(parseIpRange('192.168.1.255')!, r), true);
  assert.equal(ipInRange(parseIpRange('192.168.2.0')!, r), false);
});
