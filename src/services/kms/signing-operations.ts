/**
 * The KMS signing, MAC and key-agreement data plane: Sign, Verify, GetPublicKey, GenerateMac,
 * VerifyMac and DeriveSharedSecret. The cryptography is in crypto/; this module applies the
 * key's state, usage and algorithm rules and answers in AWS's shapes. As AWS, a bad signature
 * or MAC is an error (KMSInvalidSignatureException / KMSInvalidMacException), never `false`.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, OperationInput } from '../types.js';
import { currentMaterial, findKey, requireUsable, unsupported, type KeyRecord } from './common.js';
import { dryRun, incompatibleAlgorithm, noteUsage, refuseRecipient, usableKey } from './crypto-operations.js';
import { algorithmsFor, deriveSharedSecret, generateMac as macOf, KEY_SPECS, publicKeyDer, sign as signMessage, verify as verifyMessage, verifyMac as macMatches, type KeyUsage, type MessageType } from './crypto/index.js';
import { checkGrantTokens } from './grants.js';

function asBuffer(value: unknown): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
}

function specInfo(record: KeyRecord) {
  return Object.hasOwn(KEY_SPECS, record.KeySpec) ? KEY_SPECS[record.KeySpec] : undefined;
}

async function signingKey(ctx: Parameters<OperationHandler>[0], input: OperationInput, operation: string) {
  checkGrantTokens(input.GrantTokens);
  const found = await usableKey(ctx, input.KeyId as string, 'SIGN_VERIFY', operation);
  const algorithm = input.SigningAlgorithm as string;
  if (!specInfo(found.record)?.signingAlgorithms.includes(algorithm)) throw incompatibleAlgorithm(algorithm, found.record.KeySpec);
  const messageType = ((input.MessageType as string | undefined) ?? 'RAW') as MessageType;
  return { found, algorithm, messageType, message: asBuffer(input.Message) };
}

export const sign: OperationHandler = async (ctx, input) => {
  const { found, algorithm, messageType, message } = await signingKey(ctx, input, 'Sign');
  const { bytes } = currentMaterial(ctx.masterKey, found.record);
  // Signing checks the message type and digest length; a DryRun must fail the same way first.
  const signature = signMessage(found.record.KeySpec, bytes, algorithm, messageType, message);
  dryRun(input);
  await noteUsage(ctx, found, 'Sign');
  return { KeyId: found.record.Arn, Signature: signature, SigningAlgorithm: algorithm };
};

export const verify: OperationHandler = async (ctx, input) => {
  const { found, algorithm, messageType, message } = await signingKey(ctx, input, 'Verify');
  const { bytes } = currentMaterial(ctx.masterKey, found.record);
  const valid = verifyMessage(found.record.KeySpec, bytes, algorithm, messageType, message, asBuffer(input.Signature));
  dryRun(input);
  // Unconfirmed wording: AWS's KMSInvalidSignatureException carries no useful text.
  if (!valid) throw new AwsError('KMSInvalidSignatureException', 'The signature verification failed.', { status: 400 });
  await noteUsage(ctx, found, 'Verify');
  return { KeyId: found.record.Arn, SignatureValid: true, SigningAlgorithm: algorithm };
};

export const getPublicKey: OperationHandler = async (ctx, input) => {
  checkGrantTokens(input.GrantTokens);
  const { record } = await findKey(ctx.store, ctx, input.KeyId as string);
  requireUsable(record);
  if (record.KeySpec === 'SYMMETRIC_DEFAULT' || record.KeySpec.startsWith('HMAC_')) {
    // Unconfirmed wording: AWS refuses GetPublicKey on symmetric and HMAC keys.
    throw unsupported(`${record.Arn} key usage is ${record.KeyUsage} and key spec ${record.KeySpec}, which has no public key; GetPublicKey requires an asymmetric KMS key.`);
  }
  const { bytes } = currentMaterial(ctx.masterKey, record);
  return {
    KeyId: record.Arn,
    PublicKey: publicKeyDer(record.KeySpec, bytes),
    CustomerMasterKeySpec: record.KeySpec,
    KeySpec: record.KeySpec,
    KeyUsage: record.KeyUsage,
    ...algorithmsFor(record.KeySpec, record.KeyUsage as KeyUsage),
  };
};

async function macKey(ctx: Parameters<OperationHandler>[0], input: OperationInput, operation: string) {
  checkGrantTokens(input.GrantTokens);
  const found = await usableKey(ctx, input.KeyId as string, 'GENERATE_VERIFY_MAC', operation);
  const algorithm = input.MacAlgorithm as string;
  if (!specInfo(found.record)?.macAlgorithms.includes(algorithm)) throw incompatibleAlgorithm(algorithm, found.record.KeySpec);
  return { found, algorithm, bytes: currentMaterial(ctx.masterKey, found.record).bytes, message: asBuffer(input.Message) };
}

export const generateMac: OperationHandler = async (ctx, input) => {
  const { found, algorithm, bytes, message } = await macKey(ctx, input, 'GenerateMac');
  dryRun(input);
  const mac = macOf(found.record.KeySpec, bytes, algorithm, message);
  await noteUsage(ctx, found, 'GenerateMac');
  return { Mac: mac, MacAlgorithm: algorithm, KeyId: found.record.Arn };
};

export const verifyMac: OperationHandler = async (ctx, input) => {
  const { found, algorithm, bytes, message } = await macKey(ctx, input, 'VerifyMac');
  const valid = macMatches(found.record.KeySpec, bytes, algorithm, message, asBuffer(input.Mac));
  dryRun(input);
  // Unconfirmed wording.
  if (!valid) throw new AwsError('KMSInvalidMacException', 'The MAC verification failed.', { status: 400 });
  await noteUsage(ctx, found, 'VerifyMac');
  return { KeyId: found.record.Arn, MacValid: true, MacAlgorithm: algorithm };
};

export const deriveSharedSecretOperation: OperationHandler = async (ctx, input) => {
  refuseRecipient(input, 'DeriveSharedSecret');
  checkGrantTokens(input.GrantTokens);
  const found = await usableKey(ctx, input.KeyId as string, 'KEY_AGREEMENT', 'DeriveSharedSecret');
  const algorithm = input.KeyAgreementAlgorithm as string;
  if (!specInfo(found.record)?.keyAgreementAlgorithms.includes(algorithm)) throw incompatibleAlgorithm(algorithm, found.record.KeySpec);
  const { bytes } = currentMaterial(ctx.masterKey, found.record);
  const secret = deriveSharedSecret(found.record.KeySpec, bytes, asBuffer(input.PublicKey));
  dryRun(input);
  await noteUsage(ctx, found, 'DeriveSharedSecret');
  return { KeyId: found.record.Arn, SharedSecret: secret, KeyAgreementAlgorithm: algorithm, KeyOrigin: found.record.Origin };
};
