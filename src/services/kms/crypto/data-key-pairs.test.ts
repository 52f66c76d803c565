import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, test } from 'node:test';
import { generateDataKeyPair } from './data-key-pairs.js';

describe('GenerateDataKeyPair', () => {
  test('every spec yields a matching PKCS#8 / SPKI pair', () => {
    const expected: Record<string, [string, string | number]> = {
      RSA_2048: ['rsa', 2048],
      RSA_3072: ['rsa', 3072],
      RSA_4096: ['rsa', 4096],
      ECC_NIST_P256: ['ec', 'prime256v1'],
      ECC_NIST_P384: ['ec', 'secp384r1'],
      ECC_NIST_P521: ['ec', 'secp521r1'],
      ECC_SECG_P256K1: ['ec', 'secp256k1'],
      ECC_NIST_EDWARDS25519: ['ed25519', ''],
    };
    for (const [spec, [type, detail]] of Object.entries(expected)) {
      const { privateKeyDer, publicKeyDer } = generateDataKeyPair(spec);
      const priv = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
      const pub = createPublicKey({ key: publicKeyDer, format: 'der', type: 'spki' });
      assert.equal(priv.asymmetricKeyType, type, spec);
      assert.equal(pub.asymmetricKeyType, type, spec);
      if (type === 'rsa') assert.equal(pub.asymmetricKeyDetails?.modulusLength, detail);
      if (type === 'ec') assert.equal(pub.asymmetricKeyDetails?.namedCurve, detail);
      assert.ok(createPublicKey(priv).export({ format: 'der', type: 'spki' }).equals(publicKeyDer), spec);
    }
  });

  test('SM2 is unsupported; other specs are invalid', () => {
    assert.throws(() => generateDataKeyPair('SM2'), { code: 'UnsupportedOperationException' });
    assert.throws(() => generateDataKeyPair('HMAC_256'), { code: 'ValidationException' });
    assert.throws(() => generateDataKeyPair('ML_DSA_44'), { code: 'ValidationException' });
  });
});
