/**
 * Reading values: GetSecretValue (VersionId and/or VersionStage, AWSCURRENT by default) and
 * BatchGetSecretValue (up to 20 SecretIds, or Filters with pagination; each secret also needs
 * secretsmanager:GetSecretValue, filters secretsmanager:ListSecrets; per-secret failures go to
 * Errors). Values are decrypted on the caller's behalf (encryption.ts). The first read of a day
 * records LastAccessedDate (the day only, as AWS reports it) on the secret and the version.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { AWSCURRENT, dayOf, holderOf, versionById, type SecretRecord, type VersionMeta } from './common.js';
import { DEFAULT_KEY_ID, openValue } from './encryption.js';
import {
  decryptionFailure,
  defaultKeyCrossAccount,
  invalidParameter,
  markedForDeletion,
  secretNotFound,
  stageNotOnVersion,
  valueNotFoundForStage,
  valueNotFoundForVersion,
} from './errors.js';
import type { Filter } from './filters.js';
import { matchingSecrets } from './list.js';
import { reread, saveSecret } from './lookup.js';
import { paginate } from './pagination.js';
import { cachedSecret, cachedValue, invalidateSecretCache, type CachedSecret } from './secret-cache.js';

/** The version a read names: VersionId (and, if given too, VersionStage must be on it), else the stage's holder. */
export function pickVersion(record: SecretRecord, versionId: unknown, stage: unknown): VersionMeta {
  if (typeof versionId === 'string') {
    const version = versionById(record, versionId);
    if (!version) throw valueNotFoundForVersion(versionId);
    if (typeof stage === 'string' && !version.Stages.includes(stage)) throw stageNotOnVersion();
    return version;
  }
  const label = typeof stage === 'string' ? stage : AWSCURRENT;
  const version = holderOf(record, label);
  if (!version) throw valueNotFoundForStage(label);
  return version;
}

/** A version's value as GetSecretValue (and BatchGetSecretValue's entries) answer it. */
export async function readValue(ctx: RequestContext, cached: CachedSecret, versionId?: unknown, stage?: unknown): Promise<Record<string, unknown>> {
  const { record, scope } = cached.found;
  if (record.DeletedDate) throw markedForDeletion();
  const version = pickVersion(record, versionId, stage);
  if (ctx.principal.account !== scope.account && version.KmsKeyIds.includes(DEFAULT_KEY_ID)) throw defaultKeyCrossAccount();
  const sealed = await cachedValue(ctx.store, cached, version.VersionId);
  if (!sealed) throw decryptionFailure();
  const plaintext = await openValue(ctx, sealed, record.ARN, version.VersionId);
  await touch(ctx, cached, version);
  const out: Record<string, unknown> = { ARN: record.ARN, Name: record.Name, VersionId: version.VersionId };
  if (sealed.Binary) out.SecretBinary = plaintext;
  else out.SecretString = plaintext.toString('utf8');
  out.VersionStages = version.Stages.slice();
  out.CreatedDate = version.CreatedDate;
  return out;
}

export const getSecretValue: OperationHandler = async (ctx, input) => {
  const cached = await cachedSecret(ctx.store, ctx, input.SecretId as string);
  if (!cached) throw secretNotFound();
  return readValue(ctx, cached, input.VersionId, input.VersionStage);
};

/** Reads already recorded today (per secret version), so concurrent reads write it once. */
const touched = new Map<string, string>();

async function touch(ctx: RequestContext, cached: CachedSecret, version: VersionMeta): Promise<void> {
  const today = dayOf(ctx.receivedAt);
  if (cached.found.record.LastAccessedDate === today && version.LastAccessedDate === today) return;
  const key = `${cached.found.record.ARN}\u0000${version.VersionId}`;
  if (touched.get(key) === today) return;
  if (touched.size >= 10_000) touched.clear();
  touched.set(key, today);
  try {
    await ctx.store.transaction(async (tx) => {
      const current = await reread(tx, cached.found);
      current.record.LastAccessedDate = today;
      const v = versionById(current.record, version.VersionId);
      if (v) v.LastAccessedDate = today;
      await saveSecret(tx, current);
    });
  } catch (err) {
    // The secret went meanwhile: the read already succeeded.
    if (!(err instanceof AwsError)) throw err;
  } finally {
    invalidateSecretCache();
  }
}

/** One secret of a batch: the caller needs secretsmanager:GetSecretValue on it too. */
async function batchEntry(ctx: RequestContext, cached: CachedSecret | undefined): Promise<Record<string, unknown>> {
  if (!cached) throw secretNotFound();
  const arn = cached.found.record.ARN;
  if (ctx.authorizeAlso) {
    const denial = await ctx.authorizeAlso('secretsmanager:GetSecretValue', arn, { 'secretsmanager:SecretId': arn });
    if (denial !== undefined) throw new AwsError('AccessDeniedException', denial, { status: 400 });
  }
  return readValue(ctx, cached);
}

export const batchGetSecretValue: OperationHandler = async (ctx, input) => {
  const ids = input.SecretIdList as string[] | undefined;
  const filters = input.Filters as Filter[] | undefined;
  // Unconfirmed wording (both checks).
  if ((ids === undefined) === (filters === undefined)) throw invalidParameter('You must include Filters or SecretIdList, but not both.');
  if (ids && input.MaxResults !== undefined) throw invalidParameter('You can use MaxResults only with Filters.');
  const SecretValues: Record<string, unknown>[] = [];
  const Errors: Record<string, unknown>[] = [];
  const collect = async (secretId: string, cached: CachedSecret | undefined) => {
    try {
      SecretValues.push(await batchEntry(ctx, cached));
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      Errors.push({ SecretId: secretId, ErrorCode: err.code, Message: err.message });
    }
  };
  if (ids) {
    for (const id of ids) await collect(id, await cachedSecret(ctx.store, ctx, id));
    return { SecretValues, Errors };
  }
  if (ctx.authorizeAlso) {
    const denial = await ctx.authorizeAlso('secretsmanager:ListSecrets', '*');
    if (denial !== undefined) throw new AwsError('AccessDeniedException', denial, { status: 400 });
  }
  const records = await matchingSecrets(ctx.store, { account: ctx.account, region: ctx.region }, filters);
  const { page, NextToken } = paginate(records, input.MaxResults, input.NextToken, 20);
  for (const record of page) await collect(record.ARN, await cachedSecret(ctx.store, ctx, record.ARN));
  const out: Record<string, unknown> = { SecretValues, Errors };
  if (NextToken) out.NextToken = NextToken;
  return out;
};
