import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { encodeEncryptionContext, openSymmetric, readBlobHeader, sealSymmetric } from './ciphertext.js';

const header = { keyArn: 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab', materialId: 'm-1' };
const invalid = { code: 'InvalidCiphertextException', message: '' };

describe('symmetric ciphertext blobs', () => {
  const key = randomBytes(32);
  const plaintext = Buffer.from('attack at dawn');
  const ctx = { purpose: 'test', 'ü': 'ß' };

  test('round trip with and without context; header readable', () => {
    const blob = sealSymmetric(key, header, plaintext, ctx);
    assert.deepEqual(readBlobHeader(blob), header);
    assert.ok(openSymmetric(key, blob, { 'ü': 'ß', purpose: 'test' }).equals(plaintext));
    const plain = sealSymmetric(key, header, plaintext);
    assert.ok(openSymmetric(key, plain).equals(plaintext));
    assert.ok(openSymmetric(key, plain, {}).equals(plaintext));
    assert.ok(openSymmetric(key, sealSymmetric(key, header, Buffer.alloc(0))).equals(Buffer.alloc(0)));
    assert.ok(!sealSymmetric(key, header, plaintext).equals(plain), 'fresh IV each time');
  });

  test('wrong context, wrong key, tampered bytes → InvalidCiphertextException', () => {
    const blob = sealSymmetric(key, header, plaintext, ctx);
    assert.throws(() => openSymmetric(key, blob), invalid);
    assert.throws(() => openSymmetric(key, blob, { purpose: 'other', 'ü': 'ß' }), invalid);
    assert.throws(() => openSymmetric(key, blob, { ...ctx, extra: '' }), invalid);
    assert.throws(() => openSymmetric(randomBytes(32), blob, ctx), invalid);
    for (const index of [5, 20, blob.length - 20, blob.length - 1]) {
      const tampered = Buffer.from(blob);
      tampered[index] ^= 1;
      assert.throws(() => openSymmetric(key, tampered, ctx), invalid, `byte ${index}`);
    }
    // A header naming another (same-length) material id stays well-formed but fails the tag.
    const at = blob.indexOf('m-1', 1 + 2 + header.keyArn.length);
    const renamed = Buffer.from(blob);
    renamed.write('m-2', at);
    assert.deepEqual(readBlobHeader(renamed), { ...header, materialId: 'm-2' });
    assert.throws(() => openSymmetric(key, renamed, ctx), invalid);
    assert.throws(() => openSymmetric(key, blob.subarray(0, blob.length - plaintext.length - 1), ctx), invalid);
  });

  test('readBlobHeader rejects garbage', () => {
    assert.equal(readBlobHeader(Buffer.alloc(0)), undefined);
    assert.equal(readBlobHeader(randomBytes(200).fill(0x02, 0, 1)), undefined);
    assert.equal(readBlobHeader(Buffer.from([1, 0xff, 0xff, 1, 2])), undefined);
    const blob = sealSymmetric(key, header, plaintext);
    assert.equal(readBlobHeader(blob.subarray(0, 1 + 2 + header.keyArn.length + 2 + 3 + 27)), undefined);
    assert.deepEqual(readBlobHeader(blob.subarray(0, 1 + 2 + header.keyArn.length + 2 + 3 + 28)), header);
    assert.throws(() => openSymmetric(key, randomBytes(100)), invalid);
  });

  test('encryption context encoding is canonical and unambiguous', () => {
    assert.ok(!encodeEncryptionContext({ a: 'bc' }).equals(encodeEncryptionContext({ ab: 'c' })));
    assert.ok(!encodeEncryptionContext({ a: '' }).equals(encodeEncryptionContext({})));
    assert.ok(encodeEncryptionContext({ x: '1', b: '2', a: '3' }).equals(encodeEncryptionContext({ a: '3', x: '1', b: '2' })));
    assert.ok(encodeEncryptionContext(undefined).equals(encodeEncryptionContext({})));
    assert.equal(encodeEncryptionContext({}).toString('hex'), '00000000');
    assert.equal(encodeEncryptionContext({ a: 'bc' }).toString('hex'), '00000001' + '00000001' + '61' + '00000002' + '6263');
    // UTF-8 byte order, not UTF-16 code unit order: U+FF61 (ef bd a1) sorts before U+1F600 (f0 9f 98 80).
    const enc = encodeEncryptionContext({ '\u{1F600}': '1', '\uFF61': '2' });
    assert.equal(enc.subarray(8, 11).toString('hex'), 'efbda1');
  });
});
