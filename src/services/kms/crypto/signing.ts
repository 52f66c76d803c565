/**
 * Sign and Verify for asymmetric SIGN_VERIFY keys: RSASSA-PSS and PKCS#1 v1.5, ECDSA (DER
 * signatures), Ed25519 and Ed25519ph, ML-DSA. RAW messages are hashed with the algorithm's
 * hash (node's sign/verify); DIGEST messages already are the digest and go to the digest
 * paths (rsa-signature, ecdsa-digest, ed25519ph); EXTERNAL_MU is ML-DSA's 64-byte μ.
 * SM2DSA is unsupported (no well-kept SM2 library).
 */
import { constants, createHash, createPublicKey, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { ecdsaSignDigest, ecdsaVerifyDigest } from './ecdsa-digest.js';
import { ed25519phSignDigest, ed25519phVerifyDigest } from './ed25519ph.js';
import { invalidKeyUsage, unsupported, validation } from './errors.js';
import { specInfo } from './key-specs.js';
import { privateKeyFrom } from './keys.js';
import { ML_DSA_MU_LENGTH, mlDsaSign, mlDsaVerify } from './ml-dsa.js';
import { rsaSignDigest, rsaVerifyDigest, type HashName } from './rsa-signature.js';

export type MessageType = 'RAW' | 'DIGEST' | 'EXTERNAL_MU';

type Scheme = 'rsa-pss' | 'rsa-pkcs1' | 'ecdsa' | 'ed25519' | 'ed25519ph' | 'ml-dsa' | 'sm2';

interface SigningAlgorithm {
  scheme: Scheme;
  hash?: HashName;
  /** Length of a DIGEST (or EXTERNAL_MU) message. */
  digestBytes?: number;
}

const ALGORITHMS: Record<string, SigningAlgorithm> = {
  RSASSA_PSS_SHA_256: { scheme: 'rsa-pss', hash: 'sha256', digestBytes: 32 },
  RSASSA_PSS_SHA_384: { scheme: 'rsa-pss', hash: 'sha384', digestBytes: 48 },
  RSASSA_PSS_SHA_512: { scheme: 'rsa-pss', hash: 'sha512', digestBytes: 64 },
  RSASSA_PKCS1_V1_5_SHA_256: { scheme: 'rsa-pkcs1', hash: 'sha256', digestBytes: 32 },
  RSASSA_PKCS1_V1_5_SHA_384: { scheme: 'rsa-pkcs1', hash: 'sha384', digestBytes: 48 },
  RSASSA_PKCS1_V1_5_SHA_512: { scheme: 'rsa-pkcs1', hash: 'sha512', digestBytes: 64 },
  ECDSA_SHA_256: { scheme: 'ecdsa', hash: 'sha256', digestBytes: 32 },
  ECDSA_SHA_384: { scheme: 'ecdsa', hash: 'sha384', digestBytes: 48 },
  ECDSA_SHA_512: { scheme: 'ecdsa', hash: 'sha512', digestBytes: 64 },
  ED25519_SHA_512: { scheme: 'ed25519' },
  ED25519_PH_SHA_512: { scheme: 'ed25519ph', hash: 'sha512', digestBytes: 64 },
  ML_DSA_SHAKE_256: { scheme: 'ml-dsa', digestBytes: ML_DSA_MU_LENGTH },
  SM2DSA: { scheme: 'sm2', digestBytes: 32 },
};

/**
 * For DIGEST: the digest length the algorithm needs (SHA-256 32, 384 48, 512 64;
 * ED25519_PH_SHA_512 64; ML-DSA EXTERNAL_MU 64). Undefined when the algorithm takes no digest.
 */
export function digestLength(algorithm: string): number | undefined {
  return Object.hasOwn(ALGORITHMS, algorithm) ? ALGORITHMS[algorithm].digestBytes : undefined;
}

/** Checks the spec/algorithm/message-type combination; returns the algorithm's facts. */
function resolve(spec: string, algorithm: string, messageType: MessageType, message: Buffer): SigningAlgorithm {
  const info = specInfo(spec);
  if (!info || !info.signingAlgorithms.includes(algorithm)) {
    throw invalidKeyUsage(`The signing algorithm ${algorithm} is not compatible with ${spec} keys.`);
  }
  if (!info.supported) throw unsupported(`Bulwark does not support ${spec} keys.`);
  const alg = ALGORITHMS[algorithm];
  const allowed: MessageType[] = alg.scheme === 'ml-dsa' ? ['RAW', 'EXTERNAL_MU'] : alg.scheme === 'ed25519' ? ['RAW'] : ['RAW', 'DIGEST'];
  if (!allowed.includes(messageType)) {
    throw validation(`The message type ${messageType} is not compatible with the signing algorithm ${algorithm}.`);
  }
  if (messageType !== 'RAW' && message.length !== alg.digestBytes) {
    throw validation(`The ${messageType} message for ${algorithm} must be ${alg.digestBytes} bytes long.`);
  }
  return alg;
}

function digestOf(alg: SigningAlgorithm, messageType: MessageType, message: Buffer): Buffer {
  return messageType === 'DIGEST' ? message : createHash(alg.hash as HashName).update(message).digest();
}

function rsaOptions(key: KeyObject, alg: SigningAlgorithm): { key: KeyObject; padding: number; saltLength?: number } {
  return alg.scheme === 'rsa-pss'
    ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.digestBytes }
    : { key, padding: constants.RSA_PKCS1_PADDING };
}

/**
 * Signs (DER-encoded ECDSA; RSASSA-PSS with salt length = digest length; PKCS#1 v1.5; Ed25519
 * RAW only; Ed25519ph with RAW (hashed here) or DIGEST (a SHA-512 digest); ML-DSA with an empty
 * context, RAW or EXTERNAL_MU). DIGEST means the message already is the digest.
 */
export function sign(spec: string, material: Buffer, algorithm: string, messageType: MessageType, message: Buffer): Buffer {
  const alg = resolve(spec, algorithm, messageType, message);
  if (alg.scheme === 'ml-dsa') return mlDsaSign(spec, material, message, messageType === 'EXTERNAL_MU');
  const key = privateKeyFrom(material);
  switch (alg.scheme) {
    case 'rsa-pss':
    case 'rsa-pkcs1':
      if (messageType === 'DIGEST') return rsaSignDigest(key, alg.scheme === 'rsa-pss', alg.hash as HashName, message);
      return nodeSign(alg.hash as HashName, message, rsaOptions(key, alg));
    case 'ecdsa':
      if (messageType === 'DIGEST') return ecdsaSignDigest(spec, key, message);
      return nodeSign(alg.hash as HashName, message, { key, dsaEncoding: 'der' });
    case 'ed25519':
      return nodeSign(null, message, key);
    case 'ed25519ph':
      return ed25519phSignDigest(key, digestOf(alg, messageType, message));
    default:
      throw unsupported(`Bulwark does not support ${algorithm}.`);
  }
}

/** True when the signature is valid; false on any mismatch or garbage (never throws for a bad signature). */
export function verify(spec: string, material: Buffer, algorithm: string, messageType: MessageType, message: Buffer, signature: Buffer): boolean {
  const alg = resolve(spec, algorithm, messageType, message);
  if (alg.scheme === 'ml-dsa') return mlDsaVerify(spec, material, message, signature, messageType === 'EXTERNAL_MU');
  const key = createPublicKey(privateKeyFrom(material));
  try {
    switch (alg.scheme) {
      case 'rsa-pss':
      case 'rsa-pkcs1':
        if (messageType === 'DIGEST') return rsaVerifyDigest(key, alg.scheme === 'rsa-pss', alg.hash as HashName, message, signature);
        return nodeVerify(alg.hash as HashName, message, rsaOptions(key, alg), signature);
      case 'ecdsa':
        if (messageType === 'DIGEST') return ecdsaVerifyDigest(spec, key, message, signature);
        return nodeVerify(alg.hash as HashName, message, { key, dsaEncoding: 'der' }, signature);
      case 'ed25519':
        return nodeVerify(null, message, key, signature);
      case 'ed25519ph':
        return ed25519phVerifyDigest(key, digestOf(alg, messageType, message), signature);
      default:
        return false;
    }
  } catch {
    return false;
  }
}
