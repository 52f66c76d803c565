/**
 * Keeping replicas in step with their primary. A replica is a secret of its own in another
 * Region (same account, name and ARN suffix), encrypted under that Region's key; every write to
 * the primary mirrors its metadata (description, tags, resource policy, rotation settings,
 * versions and labels) to each replica in the same transaction. New values are sealed for each
 * replica beforehand (`sealForReplicas`, outside the transaction: it may create a Region's
 * aws/secretsmanager); a replica whose key refuses is marked Failed with KMS's reason and keeps
 * its old versions, as AWS reports replication failures in ReplicationStatus.
 */
import { AwsError } from '../../core/aws-error.js';
import type { StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { arnInRegion, SECRET_KIND, type FoundSecret, type ReplicaState, type SecretRecord, type VersionMeta } from './common.js';
import { keyForWrites, keyIdOf, sealValue, type SealedValue } from './encryption.js';
import { deleteValues, putValue } from './value-store.js';

/** New values sealed per replica Region (version id → value), or why a Region could not get them. */
export type ReplicaValues = Map<string, Map<string, SealedValue> | AwsError>;

export const replicaScope = (found: FoundSecret, region: string) => ({ account: found.scope.account, region });

/** A new version's plaintext, sealed for every replica of the secret (`Failed` replicas are skipped). */
export async function sealForReplicas(ctx: RequestContext, found: FoundSecret, versionId: string, plaintext: Buffer, binary: boolean): Promise<ReplicaValues> {
  const out: ReplicaValues = new Map();
  for (const replica of found.record.Replicas ?? []) {
    if (replica.Status === 'Failed') continue;
    const arn = arnInRegion(found.record.ARN, replica.Region);
    try {
      const key = await keyForWrites(ctx, replicaScope(found, replica.Region), replica.KmsKeyId);
      out.set(replica.Region, new Map([[versionId, await sealValue(ctx, key, arn, versionId, plaintext, binary)]]));
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      out.set(replica.Region, err);
    }
  }
  return out;
}

/** The metadata a replica shares with its primary. */
export function mirroredRecord(primary: SecretRecord, primaryRegion: string, replica: ReplicaState, base: SecretRecord | undefined, versions: VersionMeta[]): SecretRecord {
  const out: SecretRecord = {
    ARN: arnInRegion(primary.ARN, replica.Region),
    Name: primary.Name,
    CreatedDate: base?.CreatedDate ?? primary.LastChangedDate,
    LastChangedDate: primary.LastChangedDate,
    PrimaryRegion: primaryRegion,
    Versions: versions,
  };
  const copied: Array<keyof SecretRecord> = ['Description', 'Type', 'Tags', 'ResourcePolicy', 'RotationEnabled', 'RotationLambdaARN', 'RotationRules', 'LastRotatedDate', 'NextRotationDate', 'OwningService'];
  for (const k of copied) if (primary[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = structuredClone(primary[k]);
  if (replica.KmsKeyId !== undefined) out.KmsKeyId = replica.KmsKeyId;
  if (base?.LastAccessedDate) out.LastAccessedDate = base.LastAccessedDate;
  return out;
}

/** Inside the write's transaction: every live replica mirrors the primary as it now is. */
export async function mirrorReplicas(tx: StoreOps, found: FoundSecret, values?: ReplicaValues): Promise<void> {
  const primary = found.record;
  for (const replica of primary.Replicas ?? []) {
    if (replica.Status === 'Failed') continue;
    const scope = replicaScope(found, replica.Region);
    const stored = await tx.get<SecretRecord>(scope, SECRET_KIND, primary.Name);
    if (!stored || stored.value.ARN !== arnInRegion(primary.ARN, replica.Region)) continue;
    const fresh = values?.get(replica.Region);
    if (fresh instanceof AwsError) {
      replica.Status = 'Failed';
      replica.StatusMessage = `Replication failed: ${fresh.message}`;
    }
    const sealed = fresh instanceof AwsError ? undefined : fresh;
    const had = new Map(stored.value.Versions.map((v) => [v.VersionId, v]));
    const versions: VersionMeta[] = [];
    for (const v of primary.Versions) {
      const old = had.get(v.VersionId);
      const value = sealed?.get(v.VersionId);
      if (value) await putValue(tx, scope, primary.Name, v.VersionId, value);
      else if (!old) continue;
      versions.push({ VersionId: v.VersionId, Stages: [...v.Stages], CreatedDate: v.CreatedDate, LastAccessedDate: old?.LastAccessedDate, KmsKeyIds: value ? value.Envelopes.map(keyIdOf) : (old as VersionMeta).KmsKeyIds });
    }
    const kept = new Set(versions.map((v) => v.VersionId));
    await deleteValues(tx, scope, primary.Name, [...had.keys()].filter((id) => !kept.has(id)));
    await tx.put(scope, SECRET_KIND, primary.Name, mirroredRecord(primary, found.scope.region, replica, stored.value, versions));
  }
}
