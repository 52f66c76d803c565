import assert from 'node:assert/strict';
import { constants, createCipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { ml_dsa44 } from '@noble/post-quantum/ml-dsa.js';
import { derEncode, derOid, derSequence } from './der.js';
import { generateKeyMaterial } from './material.js';
import { checkImportedMaterial, generateWrappingKey, unwrapKeyMaterial } from './wrapping.js';

const wrapping = generateWrappingKey('RSA_2048');
const invalid = { code: 'InvalidCiphertextException', message: '' };

/** What an AWS client does with the public wrapping key from GetParametersForImport. */
function clientWrap(algorithm: string, publicKeyDer: Buffer, material: Buffer): Buffer {
  const key = createPublicKey({ key: publicKeyDer, format: 'der', type: 'spki' });
  const oaepHash = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
  const oaep = (data: Buffer) => publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, data);
  if (algorithm.startsWith('RSAES_OAEP')) return oaep(material);
  const aesKey = randomBytes(32);
  const kwp = createCipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('a65959a6', 'hex'));
  return Buffer.concat([oaep(aesKey), kwp.update(material), kwp.final()]);
}

describe('importing key material', () => {
  test('wrapping keys are RSA pairs of the requested size', () => {
    const pub = createPublicKey({ key: wrapping.publicKeyDer, format: 'der', type: 'spki' });
    assert.equal(pub.asymmetricKeyDetails?.modulusLength, 2048);
    assert.ok(createPublicKey(createPrivateKey({ key: wrapping.privateKeyDer, format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' }).equals(wrapping.publicKeyDer));
    const big = generateWrappingKey('RSA_3072');
    assert.equal(createPublicKey({ key: big.publicKeyDer, format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength, 3072);
    const symmetric = randomBytes(32);
    assert.ok(unwrapKeyMaterial('RSA_AES_KEY_WRAP_SHA_256', big.privateKeyDer, clientWrap('RSA_AES_KEY_WRAP_SHA_256', big.publicKeyDer, symmetric)).equals(symmetric));
  });

  test('all four wrapping algorithms unwrap what a client wrapped', () => {
    const symmetric = randomBytes(32);
    const rsaPrivate = generateKeyMaterial('RSA_2048');
    for (const algorithm of ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256']) {
      const wrapped = clientWrap(algorithm, wrapping.publicKeyDer, symmetric);
      assert.ok(unwrapKeyMaterial(algorithm, wrapping.privateKeyDer, wrapped).equals(symmetric), algorithm);
      if (algorithm.startsWith('RSA_AES')) {
        // Large (asymmetric) material only fits through the AES key wrap.
        const big = clientWrap(algorithm, wrapping.publicKeyDer, rsaPrivate);
        assert.ok(unwrapKeyMaterial(algorithm, wrapping.privateKeyDer, big).equals(rsaPrivate), algorithm);
      }
      const tampered = Buffer.from(wrapped);
      tampered[tampered.length - 3] ^= 1;
      assert.throws(() => unwrapKeyMaterial(algorithm, wrapping.privateKeyDer, tampered), invalid, algorithm);
      assert.throws(() => unwrapKeyMaterial(algorithm, wrapping.privateKeyDer, wrapped.subarray(0, 100)), invalid, algorithm);
    }
    const sha1 = clientWrap('RSAES_OAEP_SHA_1', wrapping.publicKeyDer, symmetric);
    assert.throws(() => unwrapKeyMaterial('RSAES_OAEP_SHA_256', wrapping.privateKeyDer, sha1), invalid);
    assert.throws(() => unwrapKeyMaterial('RSA_AES_KEY_WRAP_SHA_1', wrapping.privateKeyDer, sha1), invalid);
    assert.throws(() => unwrapKeyMaterial('AES_WRAP', wrapping.privateKeyDer, sha1), { code: 'ValidationException' });
  });

  test('symmetric and HMAC material lengths', () => {
    assert.equal(checkImportedMaterial('SYMMETRIC_DEFAULT', randomBytes(32)).length, 32);
    assert.throws(() => checkImportedMaterial('SYMMETRIC_DEFAULT', randomBytes(16)), { code: 'ValidationException' });
    assert.equal(checkImportedMaterial('HMAC_224', randomBytes(28)).length, 28);
    assert.equal(checkImportedMaterial('HMAC_512', randomBytes(128)).length, 128);
    assert.throws(() => checkImportedMaterial('HMAC_256', randomBytes(31)), { code: 'ValidationException' });
    assert.throws(() => checkImportedMaterial('HMAC_384', randomBytes(129)), { code: 'ValidationException' });
  });

  test('asymmetric material must be PKCS#8 of the right type, curve and size', () => {
    const p256 = generateKeyMaterial('ECC_NIST_P256');
    assert.ok(checkImportedMaterial('ECC_NIST_P256', p256).equals(p256));
    const ed = generateKeyMaterial('ECC_NIST_EDWARDS25519');
    assert.ok(checkImportedMaterial('ECC_NIST_EDWARDS25519', ed).equals(ed));
    const rsa = generateKeyMaterial('RSA_2048');
    assert.ok(checkImportedMaterial('RSA_2048', rsa).equals(rsa));
    assert.throws(() => checkImportedMaterial('ECC_NIST_P384', p256), { code: 'IncorrectKeyMaterialException' });
    assert.throws(() => checkImportedMaterial('ECC_SECG_P256K1', p256), { code: 'IncorrectKeyMaterialException' });
    assert.throws(() => checkImportedMaterial('RSA_3072', rsa), { code: 'IncorrectKeyMaterialException' });
    assert.throws(() => checkImportedMaterial('ECC_NIST_P256', ed), { code: 'IncorrectKeyMaterialException' });
    const sec1 = createPrivateKey({ key: p256, format: 'der', type: 'pkcs8' }).export({ format: 'der', type: 'sec1' });
    assert.throws(() => checkImportedMaterial('ECC_NIST_P256', sec1), { code: 'ValidationException' });
    assert.throws(() => checkImportedMaterial('RSA_2048', randomBytes(100)), { code: 'ValidationException' });
    assert.throws(() => checkImportedMaterial('SM2', p256), { code: 'UnsupportedOperationException' });
    // Normalisation: a PKCS#8 produced by another encoder (here via PEM round trip) comes back as node's DER.
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    assert.ok(checkImportedMaterial('ECC_NIST_P384', der).equals(der));
  });

  test('ML-DSA material: a seed or a PKCS#8 holding the seed', () => {
    const seed = randomBytes(32);
    const oid = derSequence(derOid('2.16.840.1.101.3.4.3.17'));
    const pkcs8 = (inner: Buffer) => derSequence(derEncode(0x02, Buffer.from([0])), oid, derEncode(0x04, inner));
    const expanded = Buffer.from(ml_dsa44.keygen(Uint8Array.from(seed)).secretKey);
    assert.ok(checkImportedMaterial('ML_DSA_44', seed).equals(seed));
    assert.ok(checkImportedMaterial('ML_DSA_44', pkcs8(derEncode(0x80, seed))).equals(seed));
    assert.ok(checkImportedMaterial('ML_DSA_44', pkcs8(derSequence(derEncode(0x04, seed), derEncode(0x04, expanded)))).equals(seed));
    const wrongExpanded = Buffer.from(expanded);
    wrongExpanded[100] ^= 1;
    assert.throws(() => checkImportedMaterial('ML_DSA_44', pkcs8(derSequence(derEncode(0x04, seed), derEncode(0x04, wrongExpanded)))), { code: 'ValidationException' });
    assert.throws(() => checkImportedMaterial('ML_DSA_65', pkcs8(derEncode(0x80, seed))), { code: 'ValidationException' });
    assert.throws(() => checkImportedMaterial('ML_DSA_44', randomBytes(31)), { code: 'ValidationException' });
  });
});
