import assert from 'node:assert/strict';
import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { generateKeyMaterial, publicKeyDer } from './material.js';
import { rsaDecrypt, rsaEncrypt, rsaMaxPlaintext } from './rsa-encryption.js';

// RSA keygen is slow (4096 especially): one key per spec for the whole file.
const keys: Record<string, Buffer> = Object.fromEntries(['RSA_2048', 'RSA_3072', 'RSA_4096'].map((s) => [s, generateKeyMaterial(s)]));
const invalid = { code: 'InvalidCiphertextException', message: '' };

describe('RSA-OAEP encryption', () => {
  test('max plaintext lengths match AWS', () => {
    assert.equal(rsaMaxPlaintext('RSA_2048', 'RSAES_OAEP_SHA_1'), 214);
    assert.equal(rsaMaxPlaintext('RSA_2048', 'RSAES_OAEP_SHA_256'), 190);
    assert.equal(rsaMaxPlaintext('RSA_3072', 'RSAES_OAEP_SHA_1'), 342);
    assert.equal(rsaMaxPlaintext('RSA_3072', 'RSAES_OAEP_SHA_256'), 318);
    assert.equal(rsaMaxPlaintext('RSA_4096', 'RSAES_OAEP_SHA_1'), 470);
    assert.equal(rsaMaxPlaintext('RSA_4096', 'RSAES_OAEP_SHA_256'), 446);
  });

  test('round trip at the limit; one byte more is a ValidationException', () => {
    for (const [spec, key] of Object.entries(keys)) {
      for (const algorithm of ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']) {
        const max = rsaMaxPlaintext(spec, algorithm);
        for (const len of [0, 1, max]) {
          const plaintext = randomBytes(len);
          const ciphertext = rsaEncrypt(spec, key, algorithm, plaintext);
          assert.equal(ciphertext.length, Number(spec.slice(4)) / 8);
          assert.ok(rsaDecrypt(spec, key, algorithm, ciphertext).equals(plaintext), `${spec} ${algorithm} ${len}`);
        }
        assert.throws(() => rsaEncrypt(spec, key, algorithm, randomBytes(max + 1)), { code: 'ValidationException' });
      }
    }
  });

  test('every RSA spec publishes an SPKI of its size (RSA_3072/4096 keys live here to keygen once)', () => {
    for (const [spec, key] of Object.entries(keys)) {
      const pub = createPublicKey({ key: publicKeyDer(spec, key), format: 'der', type: 'spki' });
      assert.equal(pub.asymmetricKeyDetails?.modulusLength, Number(spec.slice(4)), spec);
    }
  });

  test('a client encrypting with the published public key can be decrypted', () => {
    const pub = createPublicKey({ key: publicKeyDer('RSA_2048', keys.RSA_2048), format: 'der', type: 'spki' });
    const ciphertext = publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from('hello'));
    assert.equal(rsaDecrypt('RSA_2048', keys.RSA_2048, 'RSAES_OAEP_SHA_256', ciphertext).toString(), 'hello');
  });

  test('wrong algorithm, wrong key, tampered or garbage ciphertext → InvalidCiphertextException', () => {
    const ciphertext = rsaEncrypt('RSA_2048', keys.RSA_2048, 'RSAES_OAEP_SHA_256', Buffer.from('secret'));
    assert.throws(() => rsaDecrypt('RSA_2048', keys.RSA_2048, 'RSAES_OAEP_SHA_1', ciphertext), invalid);
    const tampered = Buffer.from(ciphertext);
    tampered[10] ^= 1;
    assert.throws(() => rsaDecrypt('RSA_2048', keys.RSA_2048, 'RSAES_OAEP_SHA_256', tampered), invalid);
    assert.throws(() => rsaDecrypt('RSA_2048', keys.RSA_2048, 'RSAES_OAEP_SHA_256', ciphertext.subarray(1)), invalid);
    assert.throws(() => rsaDecrypt('RSA_2048', keys.RSA_2048, 'RSAES_OAEP_SHA_256', Buffer.alloc(256, 0xff)), invalid);
    assert.throws(() => rsaDecrypt('RSA_3072', keys.RSA_3072, 'RSAES_OAEP_SHA_256', randomBytes(384)), invalid);
  });

  test('non-RSA specs and unknown algorithms are InvalidKeyUsageException', () => {
    assert.throws(() => rsaEncrypt('RSA_2048', keys.RSA_2048, 'SYMMETRIC_DEFAULT', Buffer.from('x')), { code: 'InvalidKeyUsageException' });
    assert.throws(() => rsaMaxPlaintext('ECC_NIST_P256', 'RSAES_OAEP_SHA_1'), { code: 'InvalidKeyUsageException' });
  });
});
