import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, test } from 'node:test';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { derChildren, derRead } from './der.js';
import { generateKeyMaterial, publicKeyDer } from './material.js';

const EXPECTED_KEY: Record<string, [string, Record<string, unknown>]> = {
  RSA_2048: ['rsa', { modulusLength: 2048 }],
  RSA_3072: ['rsa', { modulusLength: 3072 }],
  ECC_NIST_P256: ['ec', { namedCurve: 'prime256v1' }],
  ECC_NIST_P384: ['ec', { namedCurve: 'secp384r1' }],
  ECC_NIST_P521: ['ec', { namedCurve: 'secp521r1' }],
  ECC_SECG_P256K1: ['ec', { namedCurve: 'secp256k1' }],
  ECC_NIST_EDWARDS25519: ['ed25519', {}],
};

describe('KMS key material', () => {
  test('symmetric and HMAC material are random bytes of the right length', () => {
    const lengths: Record<string, number> = { SYMMETRIC_DEFAULT: 32, HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64 };
    for (const [spec, len] of Object.entries(lengths)) {
      const a = generateKeyMaterial(spec);
      assert.equal(a.length, len, spec);
      assert.ok(!a.equals(generateKeyMaterial(spec)), spec);
    }
  });

  test('asymmetric material is PKCS#8 and its public key parses as SPKI', () => {
    for (const [spec, [type, details]] of Object.entries(EXPECTED_KEY)) {
      const material = generateKeyMaterial(spec);
      const priv = createPrivateKey({ key: material, format: 'der', type: 'pkcs8' });
      assert.equal(priv.asymmetricKeyType, type, spec);
      const pub = createPublicKey({ key: publicKeyDer(spec, material), format: 'der', type: 'spki' });
      assert.equal(pub.asymmetricKeyType, type, spec);
      for (const [k, v] of Object.entries(details)) assert.equal((pub.asymmetricKeyDetails as Record<string, unknown>)[k], v, spec);
      assert.ok(createPublicKey(priv).export({ format: 'der', type: 'spki' }).equals(publicKeyDer(spec, material)), spec);
    }
  });

  test('ML-DSA material is a seed; its SPKI carries the NIST OID and the raw public key', () => {
    const cases = [
      ['ML_DSA_44', ml_dsa44, '0609608648016503040311'],
      ['ML_DSA_65', ml_dsa65, '0609608648016503040312'],
      ['ML_DSA_87', ml_dsa87, '0609608648016503040313'],
    ] as const;
    for (const [spec, dsa, oidHex] of cases) {
      const seed = generateKeyMaterial(spec);
      assert.equal(seed.length, 32);
      const der = publicKeyDer(spec, seed);
      const outer = derRead(der);
      assert.ok(outer && outer.tag === 0x30 && outer.end === der.length, spec);
      const [alg, bits] = derChildren(outer.value)!;
      assert.equal(alg.tag, 0x30);
      assert.equal(alg.value.toString('hex'), oidHex, spec); // OID only, parameters absent
      assert.equal(bits.tag, 0x03);
      assert.equal(bits.value[0], 0);
      const expected = dsa.keygen(Uint8Array.from(seed)).publicKey;
      assert.ok(bits.value.subarray(1).equals(expected), spec);
      assert.equal(bits.value.length - 1, dsa.lengths.publicKey, spec);
    }
  });

  test('SM2 is unsupported; symmetric keys have no public key; unknown specs are rejected', () => {
    assert.throws(() => generateKeyMaterial('SM2'), { code: 'UnsupportedOperationException' });
    assert.throws(() => publicKeyDer('SYMMETRIC_DEFAULT', generateKeyMaterial('SYMMETRIC_DEFAULT')), { code: 'UnsupportedOperationException' });
    assert.throws(() => generateKeyMaterial('AES_128'), { code: 'ValidationException' });
  });
});
