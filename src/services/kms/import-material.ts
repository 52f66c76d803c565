/**
 * Imported key material: GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial.
 *
 * GetParametersForImport makes an RSA wrapping key pair; its private key is sealed under the
 * master key in the store (kind `kms:import-token`, keyed by a random token id) for 24 hours.
 * The ImportToken handed out is opaque bytes naming that id. ImportKeyMaterial unwraps the
 * material with it, checks it fits the key spec, and — for a key that already had material —
 * that it is the same material (a salted SHA-256 fingerprint is kept with each material so the
 * check still works after the bytes were deleted or expired).
 */
import { createHash, randomBytes } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { Scope } from '../../store/index.js';
import type { OperationHandler, RequestContext } from '../types.js';
import {
  findKey,
  invalidState,
  newMaterialId,
  notFound,
  requireNotPendingDeletion,
  saveKey,
  sealMaterial,
  unsupported,
  validation,
  type KeyMaterial,
  type KeyRecord,
} from './common.js';
import { checkImportedMaterial, generateWrappingKey, unwrapKeyMaterial, type WrappingKeySpec } from './crypto/index.js';
import { addMaterial } from './keys.js';

export const IMPORT_TOKEN_KIND = 'kms:import-token';
const TOKEN_PREFIX = Buffer.from('bulwark-kms-import-token:v1:', 'utf8');
const TOKEN_ID_BYTES = 32;
const TOKEN_LIFETIME_MS = 24 * 3_600_000;
const MAX_VALID_TO_MS = 365 * 86_400_000;
const WRAPPING_ALGORITHMS = new Set(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256']);
const WRAPPING_KEY_SPECS = new Set(['RSA_2048', 'RSA_3072', 'RSA_4096']);

export interface ImportTokenRecord {
  KeyArn: string;
  WrappingAlgorithm: string;
  WrappingKeySpec: string;
  /** The wrapping private key (PKCS#8 DER), sealed under the master key. */
  SealedPrivateKey: string;
  ValidTo: string;
}

/** Imported material carries a fingerprint of its bytes (salted with the key id). */
type ImportedMaterial = KeyMaterial & { fingerprint?: string };

const fingerprint = (record: KeyRecord, material: Buffer): string =>
  createHash('sha256').update(`bulwark-kms-import:${record.KeyId}:`).update(material).digest('hex');

const tokenLabel = (tokenId: string): string => `${IMPORT_TOKEN_KIND}:${tokenId}`;

function requireExternal(record: KeyRecord): void {
  if (record.Origin !== 'EXTERNAL') {
    // Unconfirmed wording.
    throw unsupported(`${record.Arn} origin is ${record.Origin} which is not valid for this operation.`);
  }
}

const invalidToken = (): AwsError => new AwsError('InvalidImportTokenException', 'The import token is not valid for this KMS key.'); // Unconfirmed wording.
const expiredToken = (): AwsError => new AwsError('ExpiredImportTokenException', 'The import token has expired. Use GetParametersForImport to get a new import token.'); // Unconfirmed wording.
const incorrectMaterial = (arn: string): AwsError =>
  // Unconfirmed wording.
  new AwsError('IncorrectKeyMaterialException', `The key material is not the key material that was previously imported into ${arn}.`);

export const getParametersForImport: OperationHandler = async (ctx, input) => {
  const algorithm = input.WrappingAlgorithm as string;
  const spec = input.WrappingKeySpec as string;
  const found = await findKey(ctx.store, ctx, input.KeyId as string, { allowAlias: false });
  const { record } = found;
  requireExternal(record);
  requireNotPendingDeletion(record);
  // Unconfirmed wording: RSAES_PKCS1_V1_5 is retired and the SM2 algorithms exist only in China Regions.
  if (!WRAPPING_ALGORITHMS.has(algorithm)) throw validation(`The wrapping algorithm ${algorithm} is not supported.`);
  if (!WRAPPING_KEY_SPECS.has(spec)) throw validation(`The wrapping key spec ${spec} is not supported.`);
  const { privateKeyDer, publicKeyDer } = generateWrappingKey(spec as WrappingKeySpec);
  const tokenId = randomBytes(TOKEN_ID_BYTES).toString('hex');
  const validTo = new Date(ctx.receivedAt.getTime() + TOKEN_LIFETIME_MS).toISOString();
  const token: ImportTokenRecord = {
    KeyArn: record.Arn,
    WrappingAlgorithm: algorithm,
    WrappingKeySpec: spec,
    SealedPrivateKey: ctx.masterKey.seal(privateKeyDer, tokenLabel(tokenId)),
    ValidTo: validTo,
  };
  await ctx.store.put(found.scope, IMPORT_TOKEN_KIND, tokenId, token);
  return {
    KeyId: record.Arn,
    ImportToken: Buffer.concat([TOKEN_PREFIX, Buffer.from(tokenId, 'hex')]),
    PublicKey: publicKeyDer,
    ParametersValidTo: validTo,
  };
};

function toDate(value: unknown): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value * 1000 : String(value));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

async function openToken(ctx: RequestContext, scope: Scope, record: KeyRecord, blob: Buffer): Promise<{ token: ImportTokenRecord; privateKey: Buffer }> {
  if (blob.length !== TOKEN_PREFIX.length + TOKEN_ID_BYTES || !blob.subarray(0, TOKEN_PREFIX.length).equals(TOKEN_PREFIX)) throw invalidToken();
  const tokenId = blob.subarray(TOKEN_PREFIX.length).toString('hex');
  const stored = await ctx.store.get<ImportTokenRecord>(scope, IMPORT_TOKEN_KIND, tokenId);
  if (!stored || stored.value.KeyArn !== record.Arn) throw invalidToken();
  if (Date.parse(stored.value.ValidTo) <= ctx.receivedAt.getTime()) throw expiredToken();
  return { token: stored.value, privateKey: ctx.masterKey.open(stored.value.SealedPrivateKey, tokenLabel(tokenId)) };
}

export const importKeyMaterial: OperationHandler = async (ctx, input) => {
  const first = await findKey(ctx.store, ctx, input.KeyId as string, { allowAlias: false });
  requireExternal(first.record);
  requireNotPendingDeletion(first.record);
  const { token, privateKey } = await openToken(ctx, first.scope, first.record, Buffer.from(input.ImportToken as Uint8Array));
  const unwrapped = unwrapKeyMaterial(token.WrappingAlgorithm, privateKey, Buffer.from(input.EncryptedKeyMaterial as Uint8Array));
  const material = checkImportedMaterial(first.record.KeySpec, unwrapped);

  const validTo = toDate(input.ValidTo);
  const model = (input.ExpirationModel as string | undefined) ?? (validTo ? 'KEY_MATERIAL_EXPIRES' : 'KEY_MATERIAL_DOES_NOT_EXPIRE');
  // Unconfirmed wording (the three ValidTo checks).
  if (model === 'KEY_MATERIAL_EXPIRES' && !validTo) throw validation('A ValidTo date is required when ExpirationModel is KEY_MATERIAL_EXPIRES.');
  if (model === 'KEY_MATERIAL_DOES_NOT_EXPIRE' && validTo) throw validation('ValidTo must be omitted when ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE.');
  if (validTo && (validTo.getTime() <= ctx.receivedAt.getTime() || validTo.getTime() > ctx.receivedAt.getTime() + MAX_VALID_TO_MS)) {
    throw validation('ValidTo must be a date in the future and no more than 365 days from now.');
  }
  const importType = (input.ImportType as string | undefined) ?? 'EXISTING_KEY_MATERIAL';
  const description = input.KeyMaterialDescription as string | undefined;

  return ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    const { record } = found;
    requireNotPendingDeletion(record);
    const materials = record.Materials as ImportedMaterial[];
    const print = fingerprint(record, material);
    const extra = { importState: 'IMPORTED', ...(validTo ? { validTo: validTo.toISOString() } : {}), ...(description !== undefined ? { description } : {}) };
    let materialId: string;
    if (materials.length === 0) {
      if (importType === 'NEW_KEY_MATERIAL') throw invalidState(`${record.Arn} has no key material yet; import with ImportType EXISTING_KEY_MATERIAL.`); // Unconfirmed wording.
      materialId = addMaterial(ctx, record, material, extra);
      (record.Materials[record.Materials.length - 1] as ImportedMaterial).fingerprint = print;
    } else if (importType === 'NEW_KEY_MATERIAL') {
      if (record.KeySpec !== 'SYMMETRIC_DEFAULT') throw unsupported(`${record.Arn} key spec is ${record.KeySpec}; only symmetric encryption keys can have more than one key material.`); // Unconfirmed wording.
      if (materials.some((m) => m.fingerprint === print)) throw incorrectMaterial(record.Arn);
      if (materials.some((m) => m.importState === 'PENDING_ROTATION')) throw invalidState(`${record.Arn} already has key material pending rotation.`); // Unconfirmed wording.
      materialId = input.KeyMaterialId === undefined ? newMaterialId() : (input.KeyMaterialId as string);
      const entry: ImportedMaterial = { id: materialId, sealed: sealMaterial(ctx.masterKey, record.Arn, materialId, material), createdAt: ctx.receivedAt.toISOString(), ...extra, importState: 'PENDING_ROTATION', fingerprint: print };
      record.Materials.push(entry);
    } else {
      const target =
        input.KeyMaterialId !== undefined ? materials.find((m) => m.id === input.KeyMaterialId) : materials.find((m) => m.id === record.CurrentKeyMaterialId) ?? materials[0];
      if (!target) throw notFound(`Key material ${String(input.KeyMaterialId)} does not exist for ${record.Arn}.`); // Unconfirmed wording.
      if (target.fingerprint !== print) throw incorrectMaterial(record.Arn);
      target.sealed = sealMaterial(ctx.masterKey, record.Arn, target.id, material);
      if (target.importState !== 'PENDING_ROTATION') target.importState = 'IMPORTED';
      if (validTo) target.validTo = validTo.toISOString();
      else delete target.validTo;
      if (description !== undefined) target.description = description;
      materialId = target.id;
    }
    record.ExpirationModel = model as KeyRecord['ExpirationModel'];
    const current = record.Materials.find((m) => m.id === record.CurrentKeyMaterialId);
    if (record.KeyState === 'PendingImport' && current && current.sealed !== '') record.KeyState = 'Enabled';
    await saveKey(tx, found);
    return { KeyId: record.Arn, KeyMaterialId: materialId };
  });
};

export const deleteImportedKeyMaterial: OperationHandler = async (ctx, input) => {
  return ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    const { record } = found;
    requireExternal(record);
    requireNotPendingDeletion(record);
    const id = (input.KeyMaterialId as string | undefined) ?? record.CurrentKeyMaterialId;
    const target = record.Materials.find((m) => m.id === id);
    if (!target) {
      if (input.KeyMaterialId !== undefined) throw notFound(`Key material ${String(input.KeyMaterialId)} does not exist for ${record.Arn}.`); // Unconfirmed wording.
      return { KeyId: record.Arn };
    }
    target.sealed = '';
    target.importState = 'PENDING_IMPORT';
    delete target.validTo;
    if (target.id === record.CurrentKeyMaterialId && (record.KeyState === 'Enabled' || record.KeyState === 'Disabled')) record.KeyState = 'PendingImport';
    await saveKey(tx, found);
    return { KeyId: record.Arn, KeyMaterialId: target.id };
  });
};
