/**
 * What every KMS operation shares: the stored key, alias and grant records; finding a key from
 * any of the four KeyId forms (key id, key ARN, alias name, alias ARN); opening its sealed key
 * material; the state rules; ARNs and the errors in AWS's wording.
 *
 * Store layout (scope = the key's account and region):
 *   kms:key    <key id>              KeyRecord (metadata, policy, tags, rotation, sealed material)
 *   kms:alias  <alias name>          AliasRecord
 *   kms:grant  <key id>/<grant id>   GrantRecord
 *
 * Key material never leaves this module unsealed except as a Buffer handed to the crypto
 * library; it is sealed under the Bulwark master key with the label `kms:<key arn>:<material id>`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { MasterKey } from '../../crypto/master-key.js';
import type { Scope, StoredItem, StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';

export const KEY_KIND = 'kms:key';
export const ALIAS_KIND = 'kms:alias';
export const GRANT_KIND = 'kms:grant';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'PendingReplicaDeletion' | 'Unavailable' | 'Creating' | 'Updating';

export interface Tag {
  TagKey: string;
  TagValue: string;
}

/** One generation of key material. */
export interface KeyMaterial {
  /** 64 hex characters, as AWS's key material ids. */
  id: string;
  /** The material sealed under the master key (see `sealMaterial`). */
  sealed: string;
  createdAt: string;
  /** How this material became current after the first: AUTOMATIC or ON_DEMAND rotation. */
  rotationType?: 'AUTOMATIC' | 'ON_DEMAND';
  /** Imported material: its expiry (ExpirationModel KEY_MATERIAL_EXPIRES). */
  validTo?: string;
  /** Imported material: IMPORTED | PENDING_ROTATION | PENDING_MULTI_REGION_IMPORT_AND_ROTATION … */
  importState?: string;
  description?: string;
}

export interface KeyRecord {
  KeyId: string;
  Arn: string;
  AWSAccountId: string;
  CreationDate: string;
  Description: string;
  KeyUsage: string;
  KeySpec: string;
  Origin: 'AWS_KMS' | 'EXTERNAL' | 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';
  KeyManager: 'CUSTOMER' | 'AWS';
  KeyState: KeyState;
  /** The state to return to after CancelKeyDeletion (AWS returns Disabled). */
  DeletionDate?: string;
  PendingDeletionWindowInDays?: number;
  ExpirationModel?: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';
  MultiRegion: boolean;
  /** Multi-region keys: PRIMARY or REPLICA, the primary's ARN/region and the replicas' regions. */
  MultiRegionKeyType?: 'PRIMARY' | 'REPLICA';
  PrimaryRegion?: string;
  ReplicaRegions?: string[];
  /** The key policy (KMS keys have exactly one, named `default`). */
  Policy: string;
  Tags: Tag[];
  Rotation: {
    enabled: boolean;
    periodDays?: number;
    nextRotationDate?: string;
    onDemandStartedAt?: string;
  };
  /** Oldest first; `CurrentKeyMaterialId` names the one that encrypts. Empty while PendingImport. */
  Materials: KeyMaterial[];
  CurrentKeyMaterialId?: string;
  /** Last successful cryptographic use (GetKeyLastUsage). */
  LastUsage?: { operation: string; at: string };
}

export interface AliasRecord {
  AliasName: string;
  AliasArn: string;
  TargetKeyId: string;
  CreationDate: string;
  LastUpdatedDate: string;
}

export interface GrantConstraints {
  EncryptionContextEquals?: Record<string, string>;
  EncryptionContextSubset?: Record<string, string>;
}

export interface GrantRecord {
  GrantId: string;
  KeyId: string;
  /** The key's ARN (grants are listed by key; ListRetirableGrants shows the ARN). */
  KeyArn: string;
  Name?: string;
  CreationDate: string;
  GranteePrincipal: string;
  RetiringPrincipal?: string;
  IssuingAccount: string;
  Operations: string[];
  Constraints?: GrantConstraints;
  /** The grant token returned by CreateGrant (usable at once; Bulwark has no propagation delay). */
  GrantToken: string;
  /** CreateGrant's ClientToken-free idempotency: the request fingerprint AWS compares. */
  Fingerprint: string;
}

export const nowIso = (): string => new Date().toISOString();
export const newKeyId = (multiRegion = false): string => (multiRegion ? `mrk-${randomUUID().replace(/-/g, '')}` : randomUUID());
export const newMaterialId = (): string => createHash('sha256').update(randomUUID()).digest('hex');
export const keyArn = (scope: Scope, keyId: string): string => `arn:aws:kms:${scope.region}:${scope.account}:key/${keyId}`;
export const aliasArn = (scope: Scope, aliasName: string): string => `arn:aws:kms:${scope.region}:${scope.account}:${aliasName}`;
export const kmsScope = (ctx: RequestContext): Scope => ({ account: ctx.account, region: ctx.region });

/** The key policy KMS gives a key created through the API without one. */
export function defaultKeyPolicy(account: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${account}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
}

// --- errors (AWS's wording; texts AWS does not document are marked) --------------------------

const error = (code: string, message: string, status = 400): AwsError => new AwsError(code, message, { status });

export const notFound = (message: string): AwsError => error('NotFoundException', message);
export const keyNotFound = (arn: string): AwsError => notFound(`Key '${arn}' does not exist`);
export const aliasNotFound = (arn: string): AwsError => notFound(`Alias '${arn}' is not found.`);
export const invalidArn = (message: string): AwsError => error('InvalidArnException', message);
export const invalidState = (message: string): AwsError => error('KMSInvalidStateException', message);
export const disabled = (arn: string): AwsError => error('DisabledException', `${arn} is disabled.`);
export const invalidKeyUsage = (message: string): AwsError => error('InvalidKeyUsageException', message);
export const invalidCiphertext = (message = ''): AwsError => error('InvalidCiphertextException', message);
export const incorrectKey = (message = 'The key ID in the request does not identify a CMK that can perform this operation.'): AwsError =>
  error('IncorrectKeyException', message);
export const validation = (message: string): AwsError => error('ValidationException', message);
export const unsupported = (message: string): AwsError => error('UnsupportedOperationException', message);
export const alreadyExists = (message: string): AwsError => error('AlreadyExistsException', message);
export const limitExceeded = (message: string): AwsError => error('LimitExceededException', message);
export const malformedPolicy = (message: string): AwsError => error('MalformedPolicyDocumentException', message);
export const tagError = (message: string): AwsError => error('TagException', message);
export const invalidMarker = (): AwsError => error('InvalidMarkerException', 'Invalid marker');
/** DryRun: the request would have succeeded (HTTP 412, as AWS answers). */
export const dryRunSucceeded = (): AwsError => error('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.', 412);

/** Custom key stores (CloudHSM, external) are not part of Bulwark. */
export const customKeyStoresUnsupported = (operation: string): AwsError =>
  unsupported(`Bulwark does not support custom key stores (AWS CloudHSM or external key stores); kms:${operation} is not available.`);

// --- finding keys ----------------------------------------------------------------------------

/** A key ARN: region, account, key id. */
export const KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;
/** An alias ARN: region, account, alias name. */
export const ALIAS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(alias\/.+)$/;

export interface FoundKey {
  scope: Scope;
  record: KeyRecord;
  /** The store version, for optimistic updates. */
  version: number;
  /** The alias name when the caller named the key by alias. */
  alias?: string;
}

/**
 * The key a KeyId names: `1234abcd-…` or `mrk-…` (caller's account), a key ARN (any account of
 * this region), `alias/name` or an alias ARN. `allowAlias: false` where AWS only takes key ids
 * and key ARNs (it then answers NotFoundException for an alias, as for any unknown key).
 */
export async function findKey(ops: StoreOps, ctx: RequestContext, keyId: string, options: { allowAlias?: boolean } = {}): Promise<FoundKey> {
  const allowAlias = options.allowAlias ?? true;
  let scope = kmsScope(ctx);
  let id = keyId;
  let alias: string | undefined;
  const keyMatch = KEY_ARN.exec(keyId);
  const aliasMatch = ALIAS_ARN.exec(keyId);
  if (keyMatch) {
    const [, region, account, rest] = keyMatch as unknown as [string, string, string, string];
    if (region !== ctx.region) throw invalidArn(`Invalid arn ${keyId}`); // Unconfirmed wording: AWS refuses another region's key ARN.
    scope = { account, region };
    id = rest;
  } else if (aliasMatch || keyId.startsWith('alias/')) {
    if (aliasMatch) {
      const [, region, account, name] = aliasMatch as unknown as [string, string, string, string];
      if (region !== ctx.region) throw invalidArn(`Invalid arn ${keyId}`);
      scope = { account, region };
      alias = name;
    } else alias = keyId;
    if (!allowAlias) throw keyNotFound(keyId.startsWith('arn:') ? keyId : aliasArn(scope, keyId));
    const target = await ops.get<AliasRecord>(scope, ALIAS_KIND, alias);
    if (!target) throw aliasNotFound(aliasArn(scope, alias));
    id = target.value.TargetKeyId;
  } else if (keyId.startsWith('arn:')) {
    throw invalidArn(`Invalid arn ${keyId}`);
  }
  const reused = ops === ctx.store ? (ctx.readCache?.get(readCacheKey(scope, id)) as StoredItem<KeyRecord> | undefined) : undefined;
  const stored = reused ?? (await ops.get<KeyRecord>(scope, KEY_KIND, id));
  if (!stored) throw keyNotFound(keyArn(scope, id));
  return { scope, record: stored.value, version: stored.version, alias };
}

/**
 * The key a ciphertext blob's header names, as seen from the caller's region: related
 * multi-Region keys share key id and material, so a blob of the primary decrypts with the
 * replica in another region (and the other way round), as AWS allows.
 */
export function blobKeyArn(ctx: RequestContext, headerArn: string): string {
  const m = KEY_ARN.exec(headerArn);
  if (!m || m[1] === ctx.region || !(m[3] as string).startsWith('mrk-')) return headerArn;
  return keyArn({ account: m[2] as string, region: ctx.region }, m[3] as string);
}

/** Where the authorizer leaves a key record it read (RequestContext.readCache). */
export const readCacheKey = (scope: Scope, keyId: string): string => `kms:key\u0000${scope.account}\u0000${scope.region}\u0000${keyId}`;

export async function saveKey(ops: StoreOps, found: Pick<FoundKey, 'scope' | 'record'>): Promise<void> {
  await ops.put(found.scope, KEY_KIND, found.record.KeyId, found.record);
}

// --- state rules -----------------------------------------------------------------------------

/**
 * Cryptographic operations need an Enabled key: Disabled → DisabledException; PendingDeletion,
 * PendingImport and the rest → KMSInvalidStateException ("<arn> is pending deletion.").
 */
export function requireUsable(record: KeyRecord): void {
  switch (record.KeyState) {
    case 'Enabled':
      return;
    case 'Disabled':
      throw disabled(record.Arn);
    default:
      throw invalidState(`${record.Arn} is ${stateWords(record.KeyState)}.`);
  }
}

/** Management operations refused while the key is pending deletion (EnableKey, UpdateKeyDescription, …). */
export function requireNotPendingDeletion(record: KeyRecord): void {
  if (record.KeyState === 'PendingDeletion' || record.KeyState === 'PendingReplicaDeletion') {
    throw invalidState(`${record.Arn} is ${stateWords(record.KeyState)}.`);
  }
}

export function stateWords(state: KeyState): string {
  return state.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function requireUsage(record: KeyRecord, usage: string, operation: string): void {
  if (record.KeyUsage !== usage) {
    // Unconfirmed wording: AWS names the key and its usage.
    throw invalidKeyUsage(`${record.Arn} key usage is ${record.KeyUsage} which is not valid for ${operation}.`);
  }
}

// --- key material ----------------------------------------------------------------------------

export function sealMaterial(masterKey: MasterKey, arn: string, materialId: string, material: Buffer): string {
  return masterKey.seal(material, `kms:${arn}:${materialId}`);
}

const opened = new Map<string, Buffer>();
const MAX_OPENED = 4096;

/** The plaintext of a material (cached by its sealed text: opening costs an AES-GCM pass). */
export function openMaterial(masterKey: MasterKey, record: KeyRecord, material: KeyMaterial): Buffer {
  const hit = opened.get(material.sealed);
  if (hit) return hit;
  const plain = masterKey.open(material.sealed, `kms:${record.Arn}:${material.id}`);
  if (opened.size >= MAX_OPENED) opened.clear();
  opened.set(material.sealed, plain);
  return plain;
}

/** The current material (what encrypts and signs); KMSInvalidStateException when there is none. */
export function currentMaterial(masterKey: MasterKey, record: KeyRecord): { material: KeyMaterial; bytes: Buffer } {
  const material = record.Materials.find((m) => m.id === record.CurrentKeyMaterialId);
  if (!material) throw invalidState(`${record.Arn} is pending import.`);
  return { material, bytes: openMaterial(masterKey, record, material) };
}

/** A material by id (decrypting older ciphertexts after rotation); undefined when deleted or unknown. */
export function materialById(masterKey: MasterKey, record: KeyRecord, id: string): Buffer | undefined {
  const material = record.Materials.find((m) => m.id === id && m.sealed !== '');
  return material ? openMaterial(masterKey, record, material) : undefined;
}

// --- outputs ---------------------------------------------------------------------------------

/** DescribeKey's KeyMetadata (and CreateKey's, ReplicateKey's …). */
export function keyMetadata(record: KeyRecord, algorithms: Record<string, string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    AWSAccountId: record.AWSAccountId,
    KeyId: record.KeyId,
    Arn: record.Arn,
    CreationDate: record.CreationDate,
    Enabled: record.KeyState === 'Enabled',
    Description: record.Description,
    KeyUsage: record.KeyUsage,
    KeyState: record.KeyState,
    Origin: record.Origin,
    KeyManager: record.KeyManager,
    CustomerMasterKeySpec: record.KeySpec,
    KeySpec: record.KeySpec,
    ...algorithms,
    MultiRegion: record.MultiRegion,
  };
  if (record.DeletionDate) out.DeletionDate = record.DeletionDate;
  if (record.PendingDeletionWindowInDays !== undefined) out.PendingDeletionWindowInDays = record.PendingDeletionWindowInDays;
  if (record.Origin === 'EXTERNAL') out.ExpirationModel = record.ExpirationModel ?? 'KEY_MATERIAL_DOES_NOT_EXPIRE';
  const current = record.Materials.find((m) => m.id === record.CurrentKeyMaterialId);
  if (current?.validTo) out.ValidTo = current.validTo;
  if (record.CurrentKeyMaterialId && (record.KeySpec === 'SYMMETRIC_DEFAULT')) out.CurrentKeyMaterialId = record.CurrentKeyMaterialId;
  if (record.MultiRegion && record.MultiRegionKeyType) {
    const region = (arn: string) => arn.split(':')[3] as string;
    const arnIn = (r: string) => record.Arn.replace(`:kms:${region(record.Arn)}:`, `:kms:${r}:`);
    const primaryRegion = record.PrimaryRegion ?? region(record.Arn);
    out.MultiRegionConfiguration = {
      MultiRegionKeyType: record.MultiRegionKeyType,
      PrimaryKey: { Arn: arnIn(primaryRegion), Region: primaryRegion },
      ReplicaKeys: (record.ReplicaRegions ?? []).map((r) => ({ Arn: arnIn(r), Region: r })),
    };
  }
  return out;
}

export function requestTags(tags: unknown): Tag[] {
  return Array.isArray(tags) ? (tags as Tag[]).map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue ?? '' })) : [];
}

/** Marker pagination as KMS does it: Limit 1–1000 (default 100), Marker = the last id returned. */
export function paginate<T>(items: T[], idOf: (item: T) => string, input: Record<string, unknown>, defaultLimit = 100): { page: T[]; NextMarker?: string; Truncated: boolean } {
  const limit = typeof input.Limit === 'number' ? input.Limit : defaultLimit;
  let start = 0;
  if (typeof input.Marker === 'string') {
    const index = items.findIndex((i) => idOf(i) === input.Marker);
    if (index < 0) throw invalidMarker();
    start = index + 1;
  }
  const page = items.slice(start, start + limit);
  const truncated = start + limit < items.length;
  return truncated ? { page, NextMarker: idOf(page[page.length - 1] as T), Truncated: true } : { page, Truncated: false };
}
