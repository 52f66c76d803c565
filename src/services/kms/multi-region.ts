/**
 * Multi-Region keys: ReplicateKey and UpdatePrimaryRegion. Every copy of a multi-Region key has
 * the same key id and the same key material (with the same material ids), sealed under its own
 * ARN, in its own region's scope. Each copy records the primary's region and the replicas'
 * regions, so DescribeKey in any region shows the whole set.
 *
 * As AWS documents for ReplicateKey: without Policy the replica gets the default key policy,
 * without Description an empty description, without Tags no tags (these are not shared
 * properties). Rotation settings are shared with the primary.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import {
  alreadyExists,
  defaultKeyPolicy,
  disabled,
  findKey,
  KEY_KIND,
  keyArn,
  notFound,
  openMaterial,
  requireNotPendingDeletion,
  sealMaterial,
  unsupported,
  validation,
  type KeyMaterial,
  type KeyRecord,
} from './common.js';
import { checkKeyPolicy } from './key-policy-rules.js';
import { checkNewTags } from './key-tags.js';
import { describe } from './keys.js';

function requirePrimary(record: KeyRecord): void {
  if (!record.MultiRegion) throw unsupported(`${record.Arn} is not a multi-Region key.`); // Unconfirmed wording.
  if (record.MultiRegionKeyType !== 'PRIMARY') {
    // Unconfirmed wording.
    throw unsupported(`${record.Arn} is not a multi-Region primary key. Its primary key is in ${record.PrimaryRegion}.`);
  }
}

/** Writes the multi-Region configuration (primary region, replica regions) to every copy. */
async function writeConfiguration(ops: StoreOps, account: string, keyId: string, primaryRegion: string, replicaRegions: string[]): Promise<void> {
  for (const region of [primaryRegion, ...replicaRegions]) {
    const scope = { account, region };
    const copy = await ops.get<KeyRecord>(scope, KEY_KIND, keyId);
    if (!copy) continue;
    copy.value.PrimaryRegion = primaryRegion;
    copy.value.ReplicaRegions = [...replicaRegions];
    copy.value.MultiRegionKeyType = region === primaryRegion ? 'PRIMARY' : 'REPLICA';
    await ops.put(scope, KEY_KIND, keyId, copy.value);
  }
}

export const replicateKey: OperationHandler = async (ctx, input) => {
  const replicaRegion = input.ReplicaRegion as string;
  return ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    const primary = found.record;
    requirePrimary(primary);
    requireNotPendingDeletion(primary);
    if (replicaRegion === found.scope.region) {
      throw validation(`The replica region ${replicaRegion} must be different from the primary key's region.`); // Unconfirmed wording.
    }
    const replicaScope: Scope = { account: found.scope.account, region: replicaRegion };
    const arn = keyArn(replicaScope, primary.KeyId);
    if (await tx.get(replicaScope, KEY_KIND, primary.KeyId)) throw alreadyExists(`Replica key ${arn} already exists.`); // Unconfirmed wording.
    const policy = typeof input.Policy === 'string' ? input.Policy : defaultKeyPolicy(found.scope.account);
    if (typeof input.Policy === 'string') checkKeyPolicy(ctx, policy, arn, input.BypassPolicyLockoutSafetyCheck === true);
    const tags = checkNewTags(input.Tags);
    const materials: KeyMaterial[] = primary.Materials.map((m) => ({
      ...m,
      sealed: m.sealed === '' ? '' : sealMaterial(ctx.masterKey, arn, m.id, openMaterial(ctx.masterKey, primary, m)),
    }));
    const replicas = [...(primary.ReplicaRegions ?? []), replicaRegion];
    const current = materials.find((m) => m.id === primary.CurrentKeyMaterialId);
    const replica: KeyRecord = {
      ...primary,
      Arn: arn,
      CreationDate: ctx.receivedAt.toISOString(),
      Description: typeof input.Description === 'string' ? input.Description : '',
      KeyState: current && current.sealed !== '' ? (primary.KeyState === 'Disabled' ? 'Disabled' : 'Enabled') : 'PendingImport',
      MultiRegionKeyType: 'REPLICA',
      PrimaryRegion: found.scope.region,
      ReplicaRegions: replicas,
      Policy: policy,
      Tags: tags,
      Rotation: { ...primary.Rotation },
      Materials: materials,
    };
    delete replica.LastUsage;
    delete replica.DeletionDate;
    delete replica.PendingDeletionWindowInDays;
    await tx.put(replicaScope, KEY_KIND, primary.KeyId, replica);
    await writeConfiguration(tx, found.scope.account, primary.KeyId, found.scope.region, replicas);
    const saved = (await tx.get<KeyRecord>(replicaScope, KEY_KIND, primary.KeyId))!.value;
    return { ReplicaKeyMetadata: describe(saved), ReplicaPolicy: policy, ReplicaTags: tags };
  });
};

export const updatePrimaryRegion: OperationHandler = async (ctx, input) => {
  const newPrimary = input.PrimaryRegion as string;
  await ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    const { record } = found;
    requirePrimary(record);
    requireNotPendingDeletion(record);
    if (record.KeyState === 'Disabled') throw disabled(record.Arn);
    if (newPrimary === found.scope.region) {
      throw validation(`${record.Arn} is already the primary key in ${newPrimary}.`); // Unconfirmed wording.
    }
    const replicas = record.ReplicaRegions ?? [];
    if (!replicas.includes(newPrimary)) {
      throw notFound(`Key '${keyArn({ account: found.scope.account, region: newPrimary }, record.KeyId)}' does not exist`);
    }
    const next = [...replicas.filter((r) => r !== newPrimary), found.scope.region];
    await writeConfiguration(tx, found.scope.account, record.KeyId, newPrimary, next);
  });
  return {};
};
