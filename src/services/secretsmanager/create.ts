/**
 * CreateSecret: a new secret named `Name` in the caller's account and Region, with an ARN of
 * the name and six random characters (chosen by the authorizer, which authorizes the call on
 * that ARN — authorization.ts), and, when SecretString or SecretBinary is given, a first
 * version labelled AWSCURRENT whose id is the ClientRequestToken. AddReplicaRegions replicates
 * it at once (replication.ts). A name still used by a secret marked for deletion cannot be
 * taken until that secret is gone or restored.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { AWSCURRENT, newSecretArn, SECRET_KIND, type SecretRecord } from './common.js';
import { keyForWrites, keyIdOf, sealValue, type SealedValue } from './encryption.js';
import { nameScheduledForDeletion, secretExists } from './errors.js';
import { tokenOf, valueOf } from './put-value.js';
import { checkReplicaRequests, replicate, type ReplicaRequest } from './replication.js';
import { checkTagCount, requestTags } from './tags.js';
import { putValue } from './value-store.js';

/** Where the authorizer leaves the ARN it authorized CreateSecret on (RequestContext.readCache). */
export const NEW_ARN = 'secretsmanager:new-arn';

async function refuseTaken(ops: StoreOps, scope: Scope, name: string): Promise<void> {
  const existing = await ops.get<SecretRecord>(scope, SECRET_KIND, name);
  if (!existing) return;
  throw existing.value.DeletedDate ? nameScheduledForDeletion() : secretExists(name);
}

export const createSecret: OperationHandler = async (ctx, input) => {
  const name = input.Name as string;
  const scope = { account: ctx.account, region: ctx.region };
  const value = valueOf(input);
  const versionId = value ? tokenOf(input) : undefined;
  const tags = input.Tags === undefined ? undefined : requestTags(input.Tags);
  if (tags) checkTagCount(tags);
  const replicas = Array.isArray(input.AddReplicaRegions) ? (input.AddReplicaRegions as ReplicaRequest[]) : undefined;
  if (replicas) checkReplicaRequests(undefined, scope.region, replicas);
  await refuseTaken(ctx.store, scope, name);
  const arn = (ctx.readCache?.get(NEW_ARN) as string | undefined) ?? newSecretArn(scope, name);
  const kmsKeyId = typeof input.KmsKeyId === 'string' && input.KmsKeyId !== '' ? input.KmsKeyId : undefined;
  let sealed: SealedValue | undefined;
  if (value && versionId !== undefined) sealed = await sealValue(ctx, await keyForWrites(ctx, scope, kmsKeyId), arn, versionId, value.plaintext, value.binary);
  const now = ctx.receivedAt.toISOString();
  const record: SecretRecord = { ARN: arn, Name: name, CreatedDate: now, LastChangedDate: now, Versions: [] };
  if (typeof input.Description === 'string') record.Description = input.Description;
  if (kmsKeyId !== undefined) record.KmsKeyId = kmsKeyId;
  if (typeof input.Type === 'string') record.Type = input.Type;
  if (tags) record.Tags = tags;
  if (sealed && versionId !== undefined) record.Versions.push({ VersionId: versionId, Stages: [AWSCURRENT], CreatedDate: now, KmsKeyIds: sealed.Envelopes.map(keyIdOf) });
  await ctx.store.transaction(async (tx) => {
    await refuseTaken(tx, scope, name);
    await tx.put(scope, SECRET_KIND, name, record);
    if (sealed && versionId !== undefined) await putValue(tx, scope, name, versionId, sealed);
  });
  const out: Record<string, unknown> = { ARN: arn, Name: name };
  if (versionId !== undefined) out.VersionId = versionId;
  if (replicas) out.ReplicationStatus = await replicate(ctx, { scope, record }, replicas, input.ForceOverwriteReplicaSecret === true);
  return out;
};
