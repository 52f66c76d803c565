/**
 * The KMS cryptography library: pure functions over key material (no storage, no requests).
 * Key specs, material generation, symmetric ciphertext blobs, asymmetric encryption, signing and
 * key agreement, HMAC, data key pairs and imported key material.
 */
export { KEY_SPECS, algorithmsFor, type KeySpecInfo, type KeyUsage } from './key-specs.js';
export { generateKeyMaterial, publicKeyDer } from './material.js';
export { encodeEncryptionContext, openSymmetric, readBlobHeader, sealSymmetric, type BlobHeader } from './ciphertext.js';
export { deriveSharedSecret, digestLength, rsaDecrypt, rsaEncrypt, rsaMaxPlaintext, sign, verify, type MessageType } from './asymmetric.js';
export { generateMac, verifyMac } from './mac.js';
export { generateDataKeyPair } from './data-key-pairs.js';
export { checkImportedMaterial, generateWrappingKey, unwrapKeyMaterial, type WrappingKeySpec } from './wrapping.js';
