/**
 * The key lifecycle: ListKeys, EnableKey, DisableKey, UpdateKeyDescription, ScheduleKeyDeletion,
 * CancelKeyDeletion, GetKeyLastUsage, and `sweepKeys` — the background pass that really deletes
 * keys whose waiting period has ended, erases expired imported material and performs due
 * automatic rotations.
 *
 * Multi-Region primaries with replicas follow AWS: scheduling their deletion puts them in
 * PendingReplicaDeletion (no DeletionDate); the waiting period begins when the last replica is
 * really deleted.
 */
import { invalidateKeyCache } from './key-cache.js';
import { AwsError } from '../../core/aws-error.js';
import type { MasterKey } from '../../crypto/master-key.js';
import type { Scope, Store, StoreOps } from '../../store/index.js';
import type { OperationHandler, RequestContext } from '../types.js';
import {
  ALIAS_KIND,
  findKey,
  GRANT_KIND,
  invalidState,
  KEY_KIND,
  kmsScope,
  paginate,
  requireNotPendingDeletion,
  saveKey,
  stateWords,
  validation,
  type AliasRecord,
  type KeyRecord,
} from './common.js';
import { IMPORT_TOKEN_KIND } from './import-material.js';
import { rotateKey } from './rotation.js';

const DAY_MS = 86_400_000;

/** Every item of a kind in a scope (all store pages). */
export async function listAll<T>(ops: StoreOps, scope: Scope, kind: string, prefix?: string): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do {
    const page = await ops.list<T>(scope, kind, { prefix, after });
    for (const item of page.items) out.push(item.value);
    after = page.next;
  } while (after);
  return out;
}

/**
 * AWS managed keys cannot be changed by anyone: their key policy allows the account only to use
 * them through the service and to read their metadata, so AWS answers AccessDeniedException.
 */
export function refuseAwsManaged(ctx: RequestContext, record: KeyRecord, operation: string): void {
  if (record.KeyManager !== 'AWS') return;
  const who = ctx.principal.arn;
  throw new AwsError(
    'AccessDeniedException',
    `User: ${who} is not authorized to perform: kms:${operation} on resource: ${record.Arn} because no resource-based policy allows the kms:${operation} action`,
  );
}

/** Toggling and editing keys is refused while they are pending import as well as pending deletion. */
function requireManageable(record: KeyRecord): void {
  requireNotPendingDeletion(record);
}

export const listKeys: OperationHandler = async (ctx, input) => {
  const keys = await listAll<KeyRecord>(ctx.store, kmsScope(ctx), KEY_KIND);
  const { page, NextMarker, Truncated } = paginate(keys, (k) => k.KeyId, input);
  return { Keys: page.map((k) => ({ KeyId: k.KeyId, KeyArn: k.Arn })), ...(NextMarker ? { NextMarker } : {}), Truncated };
};

export const enableKey: OperationHandler = async (ctx, input) => setEnabled(ctx, input.KeyId as string, true);
export const disableKey: OperationHandler = async (ctx, input) => setEnabled(ctx, input.KeyId as string, false);

async function setEnabled(ctx: RequestContext, keyId: string, enabled: boolean): Promise<Record<string, unknown>> {
  await ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, keyId, { allowAlias: false });
    refuseAwsManaged(ctx, found.record, enabled ? 'EnableKey' : 'DisableKey');
    requireManageable(found.record);
    if (found.record.KeyState === 'PendingImport') throw invalidState(`${found.record.Arn} is pending import.`);
    found.record.KeyState = enabled ? 'Enabled' : 'Disabled';
    await saveKey(tx, found);
  });
  return {};
}

export const updateKeyDescription: OperationHandler = async (ctx, input) => {
  await ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    refuseAwsManaged(ctx, found.record, 'UpdateKeyDescription');
    requireManageable(found.record);
    found.record.Description = input.Description as string;
    await saveKey(tx, found);
  });
  return {};
};

export const scheduleKeyDeletion: OperationHandler = async (ctx, input) => {
  const days = typeof input.PendingWindowInDays === 'number' ? input.PendingWindowInDays : 30;
  if (days < 7 || days > 30) {
    // Unconfirmed wording: KMS accepts a waiting period of 7 to 30 days.
    throw validation(`1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value between 7 and 30, inclusive`);
  }
  return ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    const { record } = found;
    refuseAwsManaged(ctx, record, 'ScheduleKeyDeletion');
    requireNotPendingDeletion(record);
    record.PendingDeletionWindowInDays = days;
    if (record.MultiRegionKeyType === 'PRIMARY' && (record.ReplicaRegions ?? []).length > 0) {
      record.KeyState = 'PendingReplicaDeletion';
      delete record.DeletionDate;
    } else {
      record.KeyState = 'PendingDeletion';
      record.DeletionDate = new Date(ctx.receivedAt.getTime() + days * DAY_MS).toISOString();
    }
    await saveKey(tx, found);
    const out: Record<string, unknown> = { KeyId: record.Arn, KeyState: record.KeyState, PendingWindowInDays: days };
    if (record.DeletionDate) out.DeletionDate = record.DeletionDate;
    return out;
  });
};

export const cancelKeyDeletion: OperationHandler = async (ctx, input) => {
  return ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    const { record } = found;
    refuseAwsManaged(ctx, record, 'CancelKeyDeletion');
    if (record.KeyState !== 'PendingDeletion' && record.KeyState !== 'PendingReplicaDeletion') {
      // Unconfirmed wording.
      throw invalidState(`${record.Arn} is ${stateWords(record.KeyState)} and not pending deletion.`);
    }
    // As AWS: the key comes back Disabled, or PendingImport when it has no usable key material.
    const current = record.Materials.find((m) => m.id === record.CurrentKeyMaterialId);
    record.KeyState = current && current.sealed !== '' ? 'Disabled' : 'PendingImport';
    delete record.DeletionDate;
    delete record.PendingDeletionWindowInDays;
    await saveKey(tx, found);
    return { KeyId: record.Arn };
  });
};

export const getKeyLastUsage: OperationHandler = async (ctx, input) => {
  const { record } = await findKey(ctx.store, ctx, input.KeyId as string, { allowAlias: false });
  const out: Record<string, unknown> = { KeyId: record.Arn, TrackingStartDate: record.CreationDate, KeyCreationDate: record.CreationDate };
  if (record.LastUsage) out.KeyLastUsage = { Operation: record.LastUsage.operation, Timestamp: record.LastUsage.at };
  return out;
};

// --- the sweep -------------------------------------------------------------------------------

export interface SweepOptions {
  /** Needed to seal the material of automatic rotations; without it rotations wait. */
  masterKey?: MasterKey;
}

export interface SweepResult {
  deleted: string[];
  rotated: string[];
  expired: string[];
}

/**
 * Deletes every key whose DeletionDate has passed (with its aliases and grants), erases imported
 * material whose ValidTo has passed (the key returns to PendingImport), performs due automatic
 * rotations (when given the master key) and drops expired import tokens. Safe to run concurrently with requests: each key is handled in its own
 * transaction and re-read there.
 */
export async function sweepKeys(store: Store, now: Date, options: SweepOptions = {}): Promise<SweepResult> {
  try {
    return await sweep(store, now, options);
  } finally {
    invalidateKeyCache();
  }
}

async function sweep(store: Store, now: Date, options: SweepOptions): Promise<SweepResult> {
  const result: SweepResult = { deleted: [], rotated: [], expired: [] };
  const at = now.getTime();
  for (const scope of await store.scopes(KEY_KIND)) {
    for (const token of (await store.list<{ ValidTo: string }>(scope, IMPORT_TOKEN_KIND)).items) {
      if (Date.parse(token.value.ValidTo) <= at) await store.delete(scope, IMPORT_TOKEN_KIND, token.id);
    }
    for (const candidate of await listAll<KeyRecord>(store, scope, KEY_KIND)) {
      await store.transaction(async (tx) => {
        const stored = await tx.get<KeyRecord>(scope, KEY_KIND, candidate.KeyId);
        if (!stored) return;
        const record = stored.value;
        if (record.KeyState === 'PendingDeletion' && record.DeletionDate && Date.parse(record.DeletionDate) <= at) {
          await deleteKeyNow(tx, scope, record, now);
          result.deleted.push(record.Arn);
          return;
        }
        let changed = false;
        for (const m of record.Materials) {
          if (m.validTo && m.sealed !== '' && Date.parse(m.validTo) <= at) {
            m.sealed = '';
            m.importState = 'PENDING_IMPORT';
            changed = true;
            if (m.id === record.CurrentKeyMaterialId && (record.KeyState === 'Enabled' || record.KeyState === 'Disabled')) record.KeyState = 'PendingImport';
            result.expired.push(`${record.Arn}:${m.id}`);
          }
        }
        const next = record.Rotation.nextRotationDate;
        if (
          options.masterKey &&
          record.Rotation.enabled &&
          next &&
          Date.parse(next) <= at &&
          record.KeyState === 'Enabled' &&
          record.MultiRegionKeyType !== 'REPLICA'
        ) {
          await rotateKey({ store: tx, masterKey: options.masterKey }, scope, record, 'AUTOMATIC', now);
          const period = record.Rotation.periodDays ?? 365;
          record.Rotation.nextRotationDate = new Date(at + period * DAY_MS).toISOString();
          changed = true;
          result.rotated.push(record.Arn);
        }
        if (changed) await tx.put(scope, KEY_KIND, record.KeyId, record);
      });
    }
  }
  return result;
}

/** Removes a key, its aliases and grants; a replica leaves its multi-Region set. */
async function deleteKeyNow(tx: StoreOps, scope: Scope, record: KeyRecord, now: Date): Promise<void> {
  await tx.delete(scope, KEY_KIND, record.KeyId);
  for (const alias of await listAll<AliasRecord>(tx, scope, ALIAS_KIND)) {
    if (alias.TargetKeyId === record.KeyId) await tx.delete(scope, ALIAS_KIND, alias.AliasName);
  }
  const grants = await tx.list(scope, GRANT_KIND, { prefix: `${record.KeyId}/` });
  let page = grants;
  for (;;) {
    for (const g of page.items) await tx.delete(scope, GRANT_KIND, g.id);
    if (!page.next) break;
    page = await tx.list(scope, GRANT_KIND, { prefix: `${record.KeyId}/`, after: page.next });
  }
  if (record.MultiRegionKeyType !== 'REPLICA' || !record.PrimaryRegion) return;
  const remaining = (record.ReplicaRegions ?? []).filter((r) => r !== scope.region);
  for (const region of [record.PrimaryRegion, ...remaining]) {
    const other = { account: scope.account, region };
    const copy = await tx.get<KeyRecord>(other, KEY_KIND, record.KeyId);
    if (!copy) continue;
    const value = copy.value;
    value.ReplicaRegions = remaining;
    if (value.MultiRegionKeyType === 'PRIMARY' && value.KeyState === 'PendingReplicaDeletion' && remaining.length === 0) {
      value.KeyState = 'PendingDeletion';
      const days = value.PendingDeletionWindowInDays ?? 30;
      value.DeletionDate = new Date(now.getTime() + days * DAY_MS).toISOString();
    }
    await tx.put(other, KEY_KIND, value.KeyId, value);
  }
}

