/**
 * New versions: PutSecretValue, and `putVersion`, which UpdateSecret (and rotation, for its
 * AWSPENDING version) use as well.
 *
 * ClientRequestToken is the new version's id and makes the call idempotent: a version with that
 * id and the same value is answered as if just created; with another value the call fails with
 * ResourceExistsException (comparing decrypts the existing version, so it needs kms:Decrypt).
 */
import type { StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { AWSCURRENT, versionById, type FoundSecret, type VersionMeta } from './common.js';
import { keyForWrites, keyIdOf, openValue, sealValue, type WriteKey } from './encryption.js';
import { bothValues, defaultKeyCrossAccount, invalidRequest, missingToken, resourceExists } from './errors.js';
import { requireSecret, requireWritable } from './lookup.js';
import { sealForReplicas } from './replica-sync.js';
import { deleteValues, getValue, putValue } from './value-store.js';
import { addVersion } from './versions.js';
import { changeSecret } from './writes.js';

export interface SecretValue {
  plaintext: Buffer;
  binary: boolean;
}

/** The input's SecretString or SecretBinary; undefined when neither is given. */
export function valueOf(input: OperationInput): SecretValue | undefined {
  const text = input.SecretString;
  const bytes = input.SecretBinary;
  if (text !== undefined && bytes !== undefined) throw bothValues();
  if (typeof text === 'string') return { plaintext: Buffer.from(text, 'utf8'), binary: false };
  if (bytes instanceof Uint8Array) return { plaintext: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), binary: true };
  return undefined;
}

/** The ClientRequestToken a new version needs (the SDKs and CLI fill one in; raw requests must). */
export function tokenOf(input: OperationInput): string {
  if (typeof input.ClientRequestToken !== 'string') throw missingToken();
  return input.ClientRequestToken;
}

/** The secret's encryption key is aws/secretsmanager, which only its own account may use. */
export function refuseDefaultKeyCrossAccount(ctx: RequestContext, found: FoundSecret, kmsKeyId: string | undefined): void {
  if (ctx.principal.account !== found.scope.account && (kmsKeyId === undefined || kmsKeyId === '')) throw defaultKeyCrossAccount();
}

const YOU_CANT_MODIFY = "You can't modify an existing version, you can only create a new version.";

export interface PutVersionOptions {
  /** The key to encrypt with (UpdateSecret's new key); default: the secret's. */
  key?: WriteKey;
  /** More changes in the same transaction (UpdateSecret's description, key …). */
  extra?: (current: FoundSecret, tx: StoreOps) => void | Promise<void>;
}

/**
 * Adds version `versionId` with `stages` to the secret. Resolves to the version's labels, and
 * whether it was created now (false: an idempotent repeat).
 */
export async function putVersion(
  ctx: RequestContext,
  found: FoundSecret,
  versionId: string,
  value: SecretValue,
  stages: readonly string[],
  options: PutVersionOptions = {},
): Promise<{ stages: string[]; created: boolean }> {
  const record = found.record;
  const existing = versionById(record, versionId);
  if (existing) {
    const sealed = await getValue(ctx.store, found.scope, record.Name, versionId);
    const before = sealed && (await openValue(ctx, sealed, record.ARN, versionId));
    if (before && !!sealed.Binary === value.binary && before.equals(value.plaintext)) return { stages: [...existing.Stages], created: false };
    throw resourceExists(YOU_CANT_MODIFY);
  }
  const key = options.key ?? (await keyForWrites(ctx, found.scope, record.KmsKeyId));
  const sealed = await sealValue(ctx, key, record.ARN, versionId, value.plaintext, value.binary);
  const replicaValues = await sealForReplicas(ctx, found, versionId, value.plaintext, value.binary);
  const now = ctx.receivedAt;
  const meta: VersionMeta = { VersionId: versionId, Stages: [], CreatedDate: now.toISOString(), KmsKeyIds: sealed.Envelopes.map(keyIdOf) };
  await changeSecret(ctx, found, async (current, tx) => {
    if (versionById(current.record, versionId)) throw resourceExists(YOU_CANT_MODIFY);
    await options.extra?.(current, tx);
    const pruned = addVersion(current.record, meta, stages, now);
    await putValue(tx, current.scope, current.record.Name, versionId, sealed);
    await deleteValues(tx, current.scope, current.record.Name, pruned.map((v) => v.VersionId));
  }, replicaValues);
  return { stages: meta.Stages, created: true };
}

export const putSecretValue: OperationHandler = async (ctx, input) => {
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  requireWritable(found);
  const value = valueOf(input);
  if (!value) throw invalidRequest('You must provide either SecretString or SecretBinary.');
  const versionId = tokenOf(input);
  refuseDefaultKeyCrossAccount(ctx, found, found.record.KmsKeyId);
  const stages = Array.isArray(input.VersionStages) ? (input.VersionStages as string[]) : [AWSCURRENT];
  const { stages: attached } = await putVersion(ctx, found, versionId, value, stages);
  return { ARN: found.record.ARN, Name: found.record.Name, VersionId: versionId, VersionStages: attached };
};
