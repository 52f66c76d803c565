import assert from 'node:assert/strict';
import { createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { deriveSharedSecret } from './ecdh.js';
import { generateKeyMaterial, publicKeyDer } from './material.js';

const CURVES: Record<string, [string, number]> = {
  ECC_NIST_P256: ['prime256v1', 32],
  ECC_NIST_P384: ['secp384r1', 48],
  ECC_NIST_P521: ['secp521r1', 66],
  ECC_SECG_P256K1: ['secp256k1', 32],
};

describe('ECDH DeriveSharedSecret', () => {
  test('both sides derive the same secret (the x coordinate)', () => {
    for (const [spec, [namedCurve, size]] of Object.entries(CURVES)) {
      const material = generateKeyMaterial(spec);
      const peer = generateKeyPairSync('ec', { namedCurve });
      const peerDer = peer.publicKey.export({ format: 'der', type: 'spki' });
      const ours = deriveSharedSecret(spec, material, peerDer);
      const kmsPublic = createPublicKey({ key: publicKeyDer(spec, material), format: 'der', type: 'spki' });
      const theirs = diffieHellman({ privateKey: peer.privateKey, publicKey: kmsPublic });
      assert.equal(ours.length, size, spec);
      assert.ok(ours.equals(theirs), spec);
      // Two KMS keys agree with each other too.
      const other = generateKeyMaterial(spec);
      assert.ok(deriveSharedSecret(spec, material, publicKeyDer(spec, other)).equals(deriveSharedSecret(spec, other, publicKeyDer(spec, material))));
    }
  });

  test('a peer key on another curve, of another type or not DER is a ValidationException', () => {
    const material = generateKeyMaterial('ECC_NIST_P256');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ format: 'der', type: 'spki' });
    const ed = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
    for (const peer of [p384, ed, Buffer.from('not a key')]) {
      assert.throws(() => deriveSharedSecret('ECC_NIST_P256', material, peer), { code: 'ValidationException' });
    }
  });

  test('non-EC specs cannot agree keys', () => {
    const peer = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'der', type: 'spki' });
    assert.throws(() => deriveSharedSecret('ECC_NIST_EDWARDS25519', generateKeyMaterial('ECC_NIST_EDWARDS25519'), peer), { code: 'InvalidKeyUsageException' });
    assert.throws(() => deriveSharedSecret('SM2', Buffer.alloc(0), peer), { code: 'UnsupportedOperationException' });
  });
});
