import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64, base64Offsets } from './encodings.js';

test('base64 encodes the UTF-8 bytes', () => {
  assert.equal(base64('whoami'), 'd2hvYW1p');
  assert.equal(base64('é'), 'w6k=');
});

test('each base64offset form appears in the encoding of a text holding the value at that offset', () => {
  const value = 'curl http://evil';
  const forms = base64Offsets(value);
  assert.equal(forms.length, 3);
  for (const prefix of ['', 'x', 'xy', 'xyz', 'wxyz']) {
    for (const suffix of ['', '!', '!!', '!!!']) {
      const encoded = Buffer.from(prefix + value + suffix).toString('base64');
      assert.ok(forms.some((f) => encoded.includes(f)), `${prefix}|${suffix}: ${encoded} has none of ${forms.join(', ')}`);
    }
  }
  // Every form is long enough to be specific, and no form matches an unrelated text.
  assert.ok(forms.every((f) => f.length >= 18));
  const other = Buffer.from('x curl http://good').toString('base64');
  assert.ok(!forms.some((f) => other.includes(f)));
});
