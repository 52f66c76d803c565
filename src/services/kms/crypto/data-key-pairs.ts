/**
 * GenerateDataKeyPair / GenerateDataKeyPairWithoutPlaintext key pairs: RSA_2048/3072/4096,
 * ECC_NIST_P256/P384/P521, ECC_SECG_P256K1 and ECC_NIST_EDWARDS25519, as PKCS#8 DER private and
 * SPKI DER public keys. SM2 is unsupported (no well-kept SM2 library).
 */
import { unsupported, validation } from './errors.js';
import { ED25519_SPEC, isEcSpec, isRsaSpec } from './keys.js';
import { generateAsymmetricPair } from './material.js';

export function generateDataKeyPair(spec: string): { privateKeyDer: Buffer; publicKeyDer: Buffer } {
  if (spec === 'SM2') throw unsupported('Bulwark does not support SM2 data key pairs.');
  if (!isRsaSpec(spec) && !isEcSpec(spec) && spec !== ED25519_SPEC) {
    throw validation(`Value '${spec}' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set.`);
  }
  return generateAsymmetricPair(spec);
}
