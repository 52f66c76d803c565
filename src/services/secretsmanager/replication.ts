/**
 * Multi-Region secrets: ReplicateSecretToRegions (and CreateSecret's AddReplicaRegions),
 * RemoveRegionsFromReplication, StopReplicationToReplica.
 *
 * A replica is a secret in another Region with the primary's name and ARN suffix, every version
 * re-encrypted under the replica Region's key (its KmsKeyId, else that Region's
 * aws/secretsmanager) — which needs kms:Decrypt on the primary's key and kms:GenerateDataKey on
 * the replica's, on the caller's behalf. A Region where that fails, or where another secret
 * already has the name (unless ForceOverwriteReplicaSecret), is reported Failed in
 * ReplicationStatus, as AWS does, and can be retried. Replicas are read-only and follow every
 * write to the primary (replica-sync.ts); RemoveRegionsFromReplication deletes them at once;
 * StopReplicationToReplica, called in the replica's Region, makes it a standalone secret.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { arnInRegion, isReplica, replicationStatus, SECRET_KIND, type FoundSecret, type ReplicaState, type SecretRecord, type VersionMeta } from './common.js';
import { keyForWrites, keyIdOf, openValue, sealValue, type SealedValue } from './encryption.js';
import { invalidParameter, invalidRequest } from './errors.js';
import { reread, requireSecret, requireWritable, saveSecret } from './lookup.js';
import { mirroredRecord, replicaScope } from './replica-sync.js';
import { deleteAllValues, getValue, putValue } from './value-store.js';

export interface ReplicaRequest {
  Region?: string;
  KmsKeyId?: string;
}

/** The requested Regions, checked against the primary (its own Region, duplicates, live replicas). */
export function checkReplicaRequests(existing: readonly ReplicaState[] | undefined, primaryRegion: string, requests: readonly ReplicaRequest[]): void {
  const seen = new Set<string>();
  for (const r of requests) {
    // Unconfirmed wording (all three).
    if (typeof r.Region !== 'string') throw invalidParameter('Each replica Region must name a Region.');
    if (r.Region === primaryRegion) throw invalidParameter(`Invalid replica Region ${r.Region}: it is the Region of the primary secret.`);
    if (seen.has(r.Region)) throw invalidParameter(`The replica Region ${r.Region} is listed more than once.`);
    seen.add(r.Region);
    if (existing?.some((x) => x.Region === r.Region && x.Status !== 'Failed')) throw invalidParameter(`The secret is already replicated to ${r.Region}.`);
  }
}

interface Outcome {
  state: ReplicaState;
  values?: Map<string, SealedValue>;
}

/** Replicates the secret to the requested Regions; resolves to the primary's ReplicationStatus. */
export async function replicate(ctx: RequestContext, found: FoundSecret, requests: readonly ReplicaRequest[], force: boolean): Promise<Array<Record<string, unknown>>> {
  const record = found.record;
  checkReplicaRequests(record.Replicas, found.scope.region, requests);
  let plaintexts: Map<string, { plaintext: Buffer; binary: boolean }> | AwsError | undefined;
  const decryptAll = async () => {
    const out = new Map<string, { plaintext: Buffer; binary: boolean }>();
    try {
      for (const v of record.Versions) {
        const sealed = await getValue(ctx.store, found.scope, record.Name, v.VersionId);
        if (sealed) out.set(v.VersionId, { plaintext: await openValue(ctx, sealed, record.ARN, v.VersionId), binary: !!sealed.Binary });
      }
    } catch (err) {
      if (err instanceof AwsError) return err;
      throw err;
    }
    return out;
  };
  const outcomes: Outcome[] = [];
  for (const r of requests) {
    const region = r.Region as string;
    const state: ReplicaState = { Region: region, Status: 'InSync', StatusMessage: 'Replication succeeded' };
    if (typeof r.KmsKeyId === 'string' && r.KmsKeyId !== '') state.KmsKeyId = r.KmsKeyId;
    const fail = (message: string): void => {
      state.Status = 'Failed';
      state.StatusMessage = `Replication failed: ${message}`;
    };
    const there = await ctx.store.get<SecretRecord>(replicaScope(found, region), SECRET_KIND, record.Name);
    if (there && there.value.ARN !== arnInRegion(record.ARN, region) && !force) {
      fail('Secret with this name already exists in this region.');
      outcomes.push({ state });
      continue;
    }
    plaintexts ??= await decryptAll();
    if (plaintexts instanceof AwsError) {
      fail(plaintexts.message);
      outcomes.push({ state });
      continue;
    }
    try {
      const key = await keyForWrites(ctx, replicaScope(found, region), state.KmsKeyId);
      const values = new Map<string, SealedValue>();
      const arn = arnInRegion(record.ARN, region);
      for (const [id, p] of plaintexts) values.set(id, await sealValue(ctx, key, arn, id, p.plaintext, p.binary));
      outcomes.push({ state, values });
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      fail(err.message);
      outcomes.push({ state });
    }
  }
  return ctx.store.transaction(async (tx) => {
    const current = await reread(tx, found);
    const replicas = (current.record.Replicas ?? []).filter((x) => !outcomes.some((o) => o.state.Region === x.Region));
    for (const { state, values } of outcomes) {
      replicas.push(state);
      if (!values) continue;
      const scope = replicaScope(current, state.Region);
      await deleteAllValues(tx, scope, current.record.Name);
      const versions: VersionMeta[] = [];
      for (const v of current.record.Versions) {
        const sealed = values.get(v.VersionId);
        if (!sealed) continue;
        await putValue(tx, scope, current.record.Name, v.VersionId, sealed);
        versions.push({ VersionId: v.VersionId, Stages: v.Stages.slice(), CreatedDate: v.CreatedDate, KmsKeyIds: sealed.Envelopes.map(keyIdOf) });
      }
      const replica = mirroredRecord(current.record, current.scope.region, state, undefined, versions);
      replica.CreatedDate = ctx.receivedAt.toISOString();
      await tx.put(scope, SECRET_KIND, current.record.Name, replica);
    }
    current.record.Replicas = replicas;
    current.record.PrimaryRegion = current.scope.region;
    current.record.LastChangedDate = ctx.receivedAt.toISOString();
    await saveSecret(tx, current);
    return replicationStatus(current.record) ?? [];
  });
}

export const replicateSecretToRegions: OperationHandler = async (ctx, input) => {
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  requireWritable(found);
  const status = await replicate(ctx, found, (input.AddReplicaRegions ?? []) as ReplicaRequest[], input.ForceOverwriteReplicaSecret === true);
  return { ARN: found.record.ARN, ReplicationStatus: status };
};

export const removeRegionsFromReplication: OperationHandler = async (ctx, input) => {
  const regions = (input.RemoveReplicaRegions ?? []) as string[];
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  requireWritable(found);
  for (const region of regions) {
    // Unconfirmed wording.
    if (!found.record.Replicas?.some((r) => r.Region === region)) throw invalidParameter(`The secret is not replicated to ${region}.`);
  }
  const status = await ctx.store.transaction(async (tx) => {
    const current = await reread(tx, found);
    for (const region of regions) {
      const scope = replicaScope(current, region);
      const there = await tx.get<SecretRecord>(scope, SECRET_KIND, current.record.Name);
      if (there && there.value.ARN === arnInRegion(current.record.ARN, region)) {
        await deleteAllValues(tx, scope, current.record.Name);
        await tx.delete(scope, SECRET_KIND, current.record.Name);
      }
    }
    current.record.Replicas = (current.record.Replicas ?? []).filter((r) => !regions.includes(r.Region));
    if (current.record.Replicas.length === 0) {
      delete current.record.Replicas;
      delete current.record.PrimaryRegion;
    }
    current.record.LastChangedDate = ctx.receivedAt.toISOString();
    await saveSecret(tx, current);
    return replicationStatus(current.record) ?? [];
  });
  return { ARN: found.record.ARN, ReplicationStatus: status };
};

export const stopReplicationToReplica: OperationHandler = async (ctx, input) => {
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  // Unconfirmed wording.
  if (!isReplica(found.record, found.scope)) throw invalidRequest('StopReplicationToReplica must be called on a replica secret, in its Region.');
  await ctx.store.transaction(async (tx) => {
    const current = await reread(tx, found);
    const primaryRegion = current.record.PrimaryRegion as string;
    delete current.record.PrimaryRegion;
    current.record.LastChangedDate = ctx.receivedAt.toISOString();
    await saveSecret(tx, current);
    const primaryScope = { account: current.scope.account, region: primaryRegion };
    const primary = await tx.get<SecretRecord>(primaryScope, SECRET_KIND, current.record.Name);
    if (!primary || primary.value.ARN !== arnInRegion(current.record.ARN, primaryRegion)) return;
    const record = primary.value;
    record.Replicas = (record.Replicas ?? []).filter((r) => r.Region !== current.scope.region);
    if (record.Replicas.length === 0) {
      delete record.Replicas;
      delete record.PrimaryRegion;
    }
    await tx.put(primaryScope, SECRET_KIND, record.Name, record);
  });
  return { ARN: found.record.ARN };
};
