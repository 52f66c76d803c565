/**
 * ML-DSA (FIPS 204) keys and signatures via @noble/post-quantum. Key material is the 32-byte
 * keygen seed ξ; the public key is published in a SubjectPublicKeyInfo with the NIST OIDs.
 * Signing uses the pure ML-DSA variant with an empty context (what KMS's ML_DSA_SHAKE_256 is);
 * EXTERNAL_MU hands the library's internal API the caller's 64-byte μ directly.
 */
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { derChildren, derEncode, derOid, derRead, derSequence } from './der.js';

type MlDsa = typeof ml_dsa44;

interface MlDsaSpec {
  dsa: MlDsa;
  oid: string;
}

export const ML_DSA_SPECS: Record<string, MlDsaSpec> = {
  ML_DSA_44: { dsa: ml_dsa44, oid: '2.16.840.1.101.3.4.3.17' },
  ML_DSA_65: { dsa: ml_dsa65, oid: '2.16.840.1.101.3.4.3.18' },
  ML_DSA_87: { dsa: ml_dsa87, oid: '2.16.840.1.101.3.4.3.19' },
};

export const ML_DSA_SEED_LENGTH = 32;
export const ML_DSA_MU_LENGTH = 64;

export function isMlDsaSpec(spec: string): boolean {
  return Object.hasOwn(ML_DSA_SPECS, spec);
}

function keys(spec: string, seed: Buffer): { publicKey: Uint8Array; secretKey: Uint8Array } {
  // keygen may hold on to the seed buffer it is given, so hand it a copy.
  return ML_DSA_SPECS[spec].dsa.keygen(Uint8Array.from(seed));
}

export function mlDsaPublicKeyDer(spec: string, seed: Buffer): Buffer {
  const { publicKey } = keys(spec, seed);
  const algorithm = derSequence(derOid(ML_DSA_SPECS[spec].oid));
  return derSequence(algorithm, derEncode(0x03, Buffer.concat([Buffer.from([0]), publicKey])));
}

/** Signs a RAW message (pure ML-DSA, empty context) or a 64-byte external μ. */
export function mlDsaSign(spec: string, seed: Buffer, message: Buffer, externalMu: boolean): Buffer {
  const { dsa } = ML_DSA_SPECS[spec];
  const { secretKey } = keys(spec, seed);
  // The library wipes μ after signing, so it gets a copy, never the caller's buffer.
  const input = Uint8Array.from(message);
  const signature = externalMu ? dsa.internal.sign(input, secretKey, { externalMu: true }) : dsa.sign(input, secretKey);
  return Buffer.from(signature);
}

export function mlDsaVerify(spec: string, seed: Buffer, message: Buffer, signature: Buffer, externalMu: boolean): boolean {
  const { dsa } = ML_DSA_SPECS[spec];
  const { publicKey } = keys(spec, seed);
  try {
    const input = Uint8Array.from(message);
    return externalMu ? dsa.internal.verify(signature, input, publicKey, { externalMu: true }) : dsa.verify(signature, input, publicKey);
  } catch {
    return false;
  }
}

/**
 * The seed inside an imported ML-DSA private key: a bare 32-byte seed, or PKCS#8 whose
 * privateKey is the seed form ([0] IMPLICIT OCTET STRING) or the "both" form (SEQUENCE of seed
 * and expanded key, which must match the seed). Undefined when it is none of these for `spec`.
 */
export function mlDsaSeedFromImport(spec: string, material: Buffer): Buffer | undefined {
  if (material.length === ML_DSA_SEED_LENGTH) return Buffer.from(material);
  const outer = derRead(material);
  if (!outer || outer.tag !== 0x30 || outer.end !== material.length) return undefined;
  const parts = derChildren(outer.value);
  if (!parts || parts.length < 3 || parts[0].tag !== 0x02 || parts[1].tag !== 0x30 || parts[2].tag !== 0x04) return undefined;
  const algorithm = derChildren(parts[1].value);
  if (!algorithm || algorithm.length !== 1 || !algorithm[0].value.equals(derOid(ML_DSA_SPECS[spec].oid).subarray(2))) return undefined;
  const inner = derRead(parts[2].value);
  if (!inner || inner.end !== parts[2].value.length) return undefined;
  if (inner.tag === 0x80 && inner.value.length === ML_DSA_SEED_LENGTH) return Buffer.from(inner.value);
  if (inner.tag === 0x30) {
    const both = derChildren(inner.value);
    if (!both || both.length !== 2 || both[0].tag !== 0x04 || both[1].tag !== 0x04) return undefined;
    const seed = Buffer.from(both[0].value);
    if (seed.length !== ML_DSA_SEED_LENGTH) return undefined;
    const { secretKey } = keys(spec, seed);
    return Buffer.from(secretKey).equals(both[1].value) ? seed : undefined;
  }
  return undefined;
}
