/**
 * Metadata out: DescribeSecret, ListSecretVersionIds, and the entry ListSecrets shows per
 * secret. Members AWS leaves out stay out (no Description, Tags, KmsKeyId, RotationEnabled …
 * until they are set; no VersionIdsToStages for a secret without versions).
 */
import type { OperationHandler } from '../types.js';
import { isReplica, replicationStatus, type FoundSecret, type SecretRecord } from './common.js';
import { markedForDeletion, secretNotFound } from './errors.js';
import { paginate } from './pagination.js';
import { cachedSecret } from './secret-cache.js';

const OPTIONAL: ReadonlyArray<keyof SecretRecord> = [
  'Type', 'Description', 'KmsKeyId', 'RotationEnabled', 'RotationLambdaARN', 'RotationRules', 'LastRotatedDate', 'LastChangedDate',
  'LastAccessedDate', 'DeletedDate', 'NextRotationDate', 'Tags', 'OwningService', 'CreatedDate', 'PrimaryRegion',
];

/** A secret's metadata; `versionsMember` is VersionIdsToStages (DescribeSecret) or SecretVersionsToStages (ListSecrets). */
export function secretMetadata(record: SecretRecord, versionsMember: 'VersionIdsToStages' | 'SecretVersionsToStages'): Record<string, unknown> {
  const out: Record<string, unknown> = { ARN: record.ARN, Name: record.Name };
  for (const k of OPTIONAL) if (record[k] !== undefined) out[k] = record[k];
  const stages: Record<string, string[]> = {};
  let any = false;
  for (const v of record.Versions) {
    if (v.Stages.length === 0) continue;
    stages[v.VersionId] = v.Stages.slice();
    any = true;
  }
  if (any) out[versionsMember] = stages;
  return out;
}

export const describeSecret: OperationHandler = async (ctx, input) => {
  const cached = await cachedSecret(ctx.store, ctx, input.SecretId as string);
  if (!cached) throw secretNotFound();
  return describe(cached.found);
};

export function describe(found: FoundSecret): Record<string, unknown> {
  const out = secretMetadata(found.record, 'VersionIdsToStages');
  if (!isReplica(found.record, found.scope)) {
    const status = replicationStatus(found.record);
    if (status) out.ReplicationStatus = status;
  }
  return out;
}

export const listSecretVersionIds: OperationHandler = async (ctx, input) => {
  const cached = await cachedSecret(ctx.store, ctx, input.SecretId as string);
  if (!cached) throw secretNotFound();
  const record = cached.found.record;
  if (record.DeletedDate) throw markedForDeletion();
  const versions = input.IncludeDeprecated === true ? record.Versions : record.Versions.filter((v) => v.Stages.length > 0);
  const { page, NextToken } = paginate(versions, input.MaxResults, input.NextToken, 100);
  const Versions = page.map((v) => {
    const entry: Record<string, unknown> = { VersionId: v.VersionId };
    if (v.Stages.length > 0) entry.VersionStages = v.Stages.slice();
    if (v.LastAccessedDate) entry.LastAccessedDate = v.LastAccessedDate;
    entry.CreatedDate = v.CreatedDate;
    entry.KmsKeyIds = v.KmsKeyIds.slice();
    return entry;
  });
  const out: Record<string, unknown> = { Versions, ARN: record.ARN, Name: record.Name };
  if (NextToken) out.NextToken = NextToken;
  return out;
};
