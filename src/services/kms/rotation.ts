/**
 * Key rotation: EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand,
 * ListKeyRotations and `rotateKey`, which adds a new material generation. Older material stays,
 * so ciphertexts made before a rotation still decrypt (the data plane finds material by id).
 *
 * Only symmetric encryption keys rotate. Imported (EXTERNAL) keys rotate on demand to material
 * imported beforehand with ImportType NEW_KEY_MATERIAL (state PENDING_ROTATION). Rotation of a
 * multi-Region key is managed on its primary and shared with its replicas (same material ids).
 */
import type { MasterKey } from '../../crypto/master-key.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import {
  findKey,
  invalidState,
  KEY_KIND,
  limitExceeded,
  newMaterialId,
  paginate,
  requireNotPendingDeletion,
  requireUsable,
  saveKey,
  sealMaterial,
  unsupported,
  disabled,
  type KeyMaterial,
  type KeyRecord,
} from './common.js';
import { generateKeyMaterial } from './crypto/index.js';
import { refuseAwsManaged } from './key-lifecycle.js';

const DAY_MS = 86_400_000;
export const DEFAULT_ROTATION_DAYS = 365;
export const MAX_ON_DEMAND_ROTATIONS = 25;

export interface RotationEnv {
  store: StoreOps;
  masterKey: MasterKey;
}

/** Symmetric encryption keys only: asymmetric, HMAC and custom key store keys do not rotate. */
function requireRotatable(record: KeyRecord): void {
  if (record.KeySpec !== 'SYMMETRIC_DEFAULT' || (record.Origin !== 'AWS_KMS' && record.Origin !== 'EXTERNAL')) {
    // Unconfirmed wording.
    throw unsupported(`${record.Arn} origin is ${record.Origin} and key spec is ${record.KeySpec}, which is not valid for this operation.`);
  }
}

function requireAutoRotatable(record: KeyRecord): void {
  requireRotatable(record);
  if (record.Origin !== 'AWS_KMS') {
    // Unconfirmed wording: automatic rotation is for KMS-generated material only.
    throw unsupported(`${record.Arn} origin is ${record.Origin} which is not valid for this operation.`);
  }
}

function requireNotReplica(record: KeyRecord): void {
  if (record.MultiRegionKeyType === 'REPLICA') {
    // Unconfirmed wording: rotation is a shared property managed on the primary key.
    throw unsupported(`${record.Arn} is a multi-Region replica key. Manage its rotation on its primary key in ${record.PrimaryRegion}.`);
  }
}

/** The other copies of a multi-Region primary (its replicas), for shared properties. */
async function replicaCopies(ops: StoreOps, scope: Scope, record: KeyRecord): Promise<{ scope: Scope; record: KeyRecord }[]> {
  if (record.MultiRegionKeyType !== 'PRIMARY') return [];
  const out: { scope: Scope; record: KeyRecord }[] = [];
  for (const region of record.ReplicaRegions ?? []) {
    const s = { account: scope.account, region };
    const copy = await ops.get<KeyRecord>(s, KEY_KIND, record.KeyId);
    if (copy) out.push({ scope: s, record: copy.value });
  }
  return out;
}

/**
 * Rotates `record` (not saved: the caller saves it): new KMS-generated material becomes current
 * (or, for imported keys, the material pending rotation). Replicas of a multi-Region primary get
 * the same material under the same id, and are saved here. Returns the new material id.
 */
export async function rotateKey(env: RotationEnv, scope: Scope, record: KeyRecord, type: 'AUTOMATIC' | 'ON_DEMAND', now = new Date()): Promise<string> {
  let bytes: Buffer | undefined;
  let material: KeyMaterial;
  if (record.Origin === 'EXTERNAL') {
    const pending = record.Materials.find((m) => m.importState === 'PENDING_ROTATION' && m.sealed !== '');
    if (!pending) {
      // Unconfirmed wording.
      throw unsupported(`${record.Arn} has no imported key material pending rotation. Import new key material with ImportType NEW_KEY_MATERIAL first.`);
    }
    pending.importState = 'IMPORTED';
    pending.rotationType = type;
    pending.createdAt = now.toISOString();
    material = pending;
  } else {
    bytes = generateKeyMaterial(record.KeySpec);
    const id = newMaterialId();
    material = { id, sealed: sealMaterial(env.masterKey, record.Arn, id, bytes), createdAt: now.toISOString(), rotationType: type };
    record.Materials.push(material);
  }
  record.CurrentKeyMaterialId = material.id;
  for (const copy of await replicaCopies(env.store, scope, record)) {
    const existing = copy.record.Materials.find((m) => m.id === material.id);
    if (existing) {
      existing.importState = material.importState;
      existing.rotationType = type;
      existing.createdAt = material.createdAt;
    } else if (bytes) {
      copy.record.Materials.push({ ...material, sealed: sealMaterial(env.masterKey, copy.record.Arn, material.id, bytes) });
    } else continue;
    copy.record.CurrentKeyMaterialId = material.id;
    await env.store.put(copy.scope, KEY_KIND, copy.record.KeyId, copy.record);
  }
  return material.id;
}

/** Copies the rotation settings of a primary to its replicas. */
async function shareRotation(ops: StoreOps, scope: Scope, record: KeyRecord): Promise<void> {
  for (const copy of await replicaCopies(ops, scope, record)) {
    copy.record.Rotation = { ...record.Rotation };
    await ops.put(copy.scope, KEY_KIND, copy.record.KeyId, copy.record);
  }
}

/** Key state rules of the rotation management operations: Disabled → DisabledException. */
function requireRotationState(record: KeyRecord): void {
  requireNotPendingDeletion(record);
  if (record.KeyState === 'Disabled') throw disabled(record.Arn);
  if (record.KeyState === 'PendingImport') throw invalidState(`${record.Arn} is pending import.`);
}

export const enableKeyRotation: OperationHandler = async (ctx, input) => {
  const period = typeof input.RotationPeriodInDays === 'number' ? input.RotationPeriodInDays : DEFAULT_ROTATION_DAYS;
  await ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    const { record } = found;
    refuseAwsManaged(ctx, record, 'EnableKeyRotation');
    requireAutoRotatable(record);
    requireNotReplica(record);
    requireRotationState(record);
    record.Rotation = { ...record.Rotation, enabled: true, periodDays: period, nextRotationDate: new Date(ctx.receivedAt.getTime() + period * DAY_MS).toISOString() };
    await saveKey(tx, found);
    await shareRotation(tx, found.scope, record);
  });
  return {};
};

export const disableKeyRotation: OperationHandler = async (ctx, input) => {
  await ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    const { record } = found;
    refuseAwsManaged(ctx, record, 'DisableKeyRotation');
    requireAutoRotatable(record);
    requireNotReplica(record);
    requireRotationState(record);
    record.Rotation = { enabled: false, ...(record.Rotation.onDemandStartedAt ? { onDemandStartedAt: record.Rotation.onDemandStartedAt } : {}) };
    await saveKey(tx, found);
    await shareRotation(tx, found.scope, record);
  });
  return {};
};

export const getKeyRotationStatus: OperationHandler = async (ctx, input) => {
  const { record } = await findKey(ctx.store, ctx, input.KeyId as string, { allowAlias: false });
  requireRotatable(record);
  const out: Record<string, unknown> = { KeyId: record.Arn, KeyRotationEnabled: record.Rotation.enabled };
  if (record.Rotation.enabled) {
    out.RotationPeriodInDays = record.Rotation.periodDays ?? DEFAULT_ROTATION_DAYS;
    if (record.Rotation.nextRotationDate) out.NextRotationDate = record.Rotation.nextRotationDate;
  }
  if (record.Rotation.onDemandStartedAt) out.OnDemandRotationStartDate = record.Rotation.onDemandStartedAt;
  return out;
};

export const rotateKeyOnDemand: OperationHandler = async (ctx, input) => {
  return ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    const { record } = found;
    refuseAwsManaged(ctx, record, 'RotateKeyOnDemand');
    requireUsable(record);
    requireRotatable(record);
    requireNotReplica(record);
    const onDemand = record.Materials.filter((m) => m.rotationType === 'ON_DEMAND').length;
    if (onDemand >= MAX_ON_DEMAND_ROTATIONS) {
      // Unconfirmed wording: AWS allows 25 on-demand rotations per key.
      throw limitExceeded(`${record.Arn} has reached the limit of ${MAX_ON_DEMAND_ROTATIONS} on-demand rotations.`);
    }
    await rotateKey({ store: tx, masterKey: ctx.masterKey }, found.scope, record, 'ON_DEMAND', ctx.receivedAt);
    await saveKey(tx, found);
    return { KeyId: record.KeyId };
  });
};

export const listKeyRotations: OperationHandler = async (ctx, input) => {
  const { record } = await findKey(ctx.store, ctx, input.KeyId as string, { allowAlias: false });
  requireRotatable(record);
  const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL';
  const items = record.Materials.filter((m) => all || m.rotationType !== undefined);
  const { page, NextMarker, Truncated } = paginate(items, (m) => m.id, input);
  return { Rotations: page.map((m) => rotationEntry(record, m)), ...(NextMarker ? { NextMarker } : {}), Truncated };
};

function rotationEntry(record: KeyRecord, m: KeyMaterial): Record<string, unknown> {
  const out: Record<string, unknown> = { KeyId: record.KeyId, KeyMaterialId: m.id };
  if (m.rotationType) {
    out.RotationDate = m.createdAt;
    out.RotationType = m.rotationType;
  }
  if (record.Origin === 'EXTERNAL') {
    if (m.description !== undefined) out.KeyMaterialDescription = m.description;
    out.ImportState = m.sealed === '' ? 'PENDING_IMPORT' : 'IMPORTED';
    out.ExpirationModel = m.validTo ? 'KEY_MATERIAL_EXPIRES' : 'KEY_MATERIAL_DOES_NOT_EXPIRE';
    if (m.validTo) out.ValidTo = m.validTo;
  }
  out.KeyMaterialState = m.id === record.CurrentKeyMaterialId ? 'CURRENT' : m.importState === 'PENDING_ROTATION' ? 'PENDING_ROTATION' : 'NON_CURRENT';
  return out;
}

