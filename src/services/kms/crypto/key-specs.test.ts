import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { algorithmsFor, KEY_SPECS } from './key-specs.js';

describe('KMS key specs', () => {
  test('lists every AWS key spec, only SM2 unsupported', () => {
    assert.deepEqual(Object.keys(KEY_SPECS).sort(), [
      'ECC_NIST_EDWARDS25519', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1',
      'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87',
      'RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2', 'SYMMETRIC_DEFAULT',
    ]);
    assert.deepEqual(Object.entries(KEY_SPECS).filter(([, i]) => !i.supported).map(([s]) => s), ['SM2']);
  });

  test('DescribeKey algorithm members follow spec and usage', () => {
    assert.deepEqual(algorithmsFor('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'), { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] });
    assert.deepEqual(algorithmsFor('RSA_2048', 'ENCRYPT_DECRYPT'), { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] });
    assert.equal(algorithmsFor('RSA_4096', 'SIGN_VERIFY').SigningAlgorithms.length, 6);
    assert.deepEqual(algorithmsFor('ECC_NIST_P384', 'SIGN_VERIFY'), { SigningAlgorithms: ['ECDSA_SHA_384'] });
    assert.deepEqual(algorithmsFor('ECC_NIST_P521', 'KEY_AGREEMENT'), { KeyAgreementAlgorithms: ['ECDH'] });
    assert.deepEqual(algorithmsFor('ECC_SECG_P256K1', 'KEY_AGREEMENT'), {}); // AWS: SIGN_VERIFY only
    assert.deepEqual(algorithmsFor('HMAC_384', 'GENERATE_VERIFY_MAC'), { MacAlgorithms: ['HMAC_SHA_384'] });
    assert.deepEqual(algorithmsFor('ML_DSA_65', 'SIGN_VERIFY'), { SigningAlgorithms: ['ML_DSA_SHAKE_256'] });
    assert.deepEqual(algorithmsFor('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY'), { SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] });
    assert.deepEqual(algorithmsFor('HMAC_256', 'ENCRYPT_DECRYPT'), {});
    assert.deepEqual(algorithmsFor('toString', 'SIGN_VERIFY'), {});
  });

  test('returned lists are copies', () => {
    algorithmsFor('RSA_2048', 'SIGN_VERIFY').SigningAlgorithms.push('X');
    assert.equal(KEY_SPECS.RSA_2048.signingAlgorithms.length, 6);
  });
});
