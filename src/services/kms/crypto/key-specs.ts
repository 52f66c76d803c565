/**
 * The KMS key-spec table: which key usages and which encryption, signing, MAC and
 * key-agreement algorithms AWS KMS allows for each KeySpec, and the DescribeKey view of it.
 */

export type KeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';

export interface KeySpecInfo {
  /** Usages AWS allows for this spec. */
  usages: KeyUsage[];
  encryptionAlgorithms: string[];
  signingAlgorithms: string[];
  macAlgorithms: string[];
  keyAgreementAlgorithms: string[];
  /** False only for SM2: there is no well-kept SM2 library to build on. */
  supported: boolean;
}

const RSA_SIGNING = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
];

function rsa(): KeySpecInfo {
  return {
    usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
    encryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
    signingAlgorithms: [...RSA_SIGNING],
    macAlgorithms: [],
    keyAgreementAlgorithms: [],
    supported: true,
  };
}

/** NIST curves sign and agree keys; AWS allows only SIGN_VERIFY for ECC_SECG_P256K1. */
function ecc(signing: string, keyAgreement: boolean): KeySpecInfo {
  return {
    usages: keyAgreement ? ['SIGN_VERIFY', 'KEY_AGREEMENT'] : ['SIGN_VERIFY'],
    encryptionAlgorithms: [],
    signingAlgorithms: [signing],
    macAlgorithms: [],
    keyAgreementAlgorithms: keyAgreement ? ['ECDH'] : [],
    supported: true,
  };
}

function hmac(bits: number): KeySpecInfo {
  return {
    usages: ['GENERATE_VERIFY_MAC'],
    encryptionAlgorithms: [],
    signingAlgorithms: [],
    macAlgorithms: [`HMAC_SHA_${bits}`],
    keyAgreementAlgorithms: [],
    supported: true,
  };
}

function mlDsa(): KeySpecInfo {
  return {
    usages: ['SIGN_VERIFY'],
    encryptionAlgorithms: [],
    signingAlgorithms: ['ML_DSA_SHAKE_256'],
    macAlgorithms: [],
    keyAgreementAlgorithms: [],
    supported: true,
  };
}

export const KEY_SPECS: Record<string, KeySpecInfo> = {
  SYMMETRIC_DEFAULT: {
    usages: ['ENCRYPT_DECRYPT'],
    encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    signingAlgorithms: [],
    macAlgorithms: [],
    keyAgreementAlgorithms: [],
    supported: true,
  },
  RSA_2048: rsa(),
  RSA_3072: rsa(),
  RSA_4096: rsa(),
  ECC_NIST_P256: ecc('ECDSA_SHA_256', true),
  ECC_NIST_P384: ecc('ECDSA_SHA_384', true),
  ECC_NIST_P521: ecc('ECDSA_SHA_512', true),
  ECC_SECG_P256K1: ecc('ECDSA_SHA_256', false),
  ECC_NIST_EDWARDS25519: {
    usages: ['SIGN_VERIFY'],
    encryptionAlgorithms: [],
    signingAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'],
    macAlgorithms: [],
    keyAgreementAlgorithms: [],
    supported: true,
  },
  HMAC_224: hmac(224),
  HMAC_256: hmac(256),
  HMAC_384: hmac(384),
  HMAC_512: hmac(512),
  ML_DSA_44: mlDsa(),
  ML_DSA_65: mlDsa(),
  ML_DSA_87: mlDsa(),
  SM2: {
    usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'],
    encryptionAlgorithms: ['SM2PKE'],
    signingAlgorithms: ['SM2DSA'],
    macAlgorithms: [],
    keyAgreementAlgorithms: ['ECDH'],
    supported: false,
  },
};

/**
 * DescribeKey's algorithm members for a key of this spec and usage: only the list that belongs
 * to the usage, and only when non-empty. Unknown specs or usages the spec does not allow → {}.
 */
export function algorithmsFor(spec: string, usage: KeyUsage): Record<string, string[]> {
  const info = Object.hasOwn(KEY_SPECS, spec) ? KEY_SPECS[spec] : undefined;
  if (!info || !info.usages.includes(usage)) return {};
  const [member, list] = ((): [string, string[]] => {
    switch (usage) {
      case 'ENCRYPT_DECRYPT':
        return ['EncryptionAlgorithms', info.encryptionAlgorithms];
      case 'SIGN_VERIFY':
        return ['SigningAlgorithms', info.signingAlgorithms];
      case 'GENERATE_VERIFY_MAC':
        return ['MacAlgorithms', info.macAlgorithms];
      case 'KEY_AGREEMENT':
        return ['KeyAgreementAlgorithms', info.keyAgreementAlgorithms];
    }
  })();
  return list.length > 0 ? { [member]: [...list] } : {};
}

/** The spec's table entry, or undefined for an unknown spec (safe against prototype keys). */
export function specInfo(spec: string): KeySpecInfo | undefined {
  return Object.hasOwn(KEY_SPECS, spec) ? KEY_SPECS[spec] : undefined;
}
