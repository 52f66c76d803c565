/**
 * The asymmetric-key operations of KMS in one import: RSA-OAEP encryption, signing and
 * verification, and ECDH key agreement. Each concern lives in its own module.
 */
export { rsaDecrypt, rsaEncrypt, rsaMaxPlaintext } from './rsa-encryption.js';
export { digestLength, sign, verify, type MessageType } from './signing.js';
export { deriveSharedSecret } from './ecdh.js';
