/**
 * Creating and describing keys: CreateKey (every key spec and usage AWS allows, origins
 * AWS_KMS and EXTERNAL, multi-Region primaries, the default key policy, tags) and DescribeKey.
 * Custom key stores (CloudHSM, external) are refused with a clear Bulwark error.
 */
import type { OperationHandler, RequestContext } from '../types.js';
import {
  customKeyStoresUnsupported,
  defaultKeyPolicy,
  findKey,
  KEY_KIND,
  keyArn,
  keyMetadata,
  kmsScope,
  newKeyId,
  newMaterialId,
  nowIso,
  sealMaterial,
  unsupported,
  validation,
  type KeyRecord,
} from './common.js';
import { algorithmsFor, generateKeyMaterial, KEY_SPECS, type KeyUsage } from './crypto/index.js';
import { checkKeyPolicy } from './key-policy-rules.js';
import { checkNewTags } from './key-tags.js';

/** DescribeKey's metadata of a stored key, with its spec's algorithms. */
export function describe(record: KeyRecord): Record<string, unknown> {
  return keyMetadata(record, algorithmsFor(record.KeySpec, record.KeyUsage as KeyUsage));
}

export const createKey: OperationHandler = async (ctx, input) => {
  if (input.CustomKeyStoreId !== undefined || input.XksKeyId !== undefined) throw customKeyStoresUnsupported('CreateKey');
  const origin = (input.Origin as KeyRecord['Origin'] | undefined) ?? 'AWS_KMS';
  if (origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE') throw customKeyStoresUnsupported('CreateKey');
  if (input.KeySpec !== undefined && input.CustomerMasterKeySpec !== undefined) {
    throw validation('You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec parameter is deprecated. Use KeySpec instead.');
  }
  const spec = (input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT') as string;
  const info = KEY_SPECS[spec];
  if (!info) throw validation(`1 validation error detected: Value '${spec}' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set`);
  if (!info.supported) throw unsupported(`Bulwark does not support the ${spec} key spec: no well-kept library implements it correctly for Node.js.`);
  const usage = (input.KeyUsage as KeyUsage | undefined) ?? defaultUsage(spec);
  if (!info.usages.includes(usage)) {
    // Unconfirmed wording: AWS refuses a usage the key spec does not support.
    throw validation(`KeyUsage ${usage} is not compatible with KeySpec ${spec}`);
  }
  const multiRegion = input.MultiRegion === true;
  const scope = kmsScope(ctx);
  const keyId = newKeyId(multiRegion);
  const arn = keyArn(scope, keyId);
  const policy = typeof input.Policy === 'string' ? input.Policy : defaultKeyPolicy(ctx.account);
  if (typeof input.Policy === 'string') checkKeyPolicy(ctx, policy, arn, input.BypassPolicyLockoutSafetyCheck === true);
  const tags = checkNewTags(input.Tags);
  const record: KeyRecord = {
    KeyId: keyId,
    Arn: arn,
    AWSAccountId: ctx.account,
    CreationDate: nowIso(),
    Description: typeof input.Description === 'string' ? input.Description : '',
    KeyUsage: usage,
    KeySpec: spec,
    Origin: origin,
    KeyManager: 'CUSTOMER',
    KeyState: origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    MultiRegion: multiRegion,
    Policy: policy,
    Tags: tags,
    Rotation: { enabled: false },
    Materials: [],
  };
  if (multiRegion) {
    record.MultiRegionKeyType = 'PRIMARY';
    record.PrimaryRegion = scope.region;
    record.ReplicaRegions = [];
  }
  if (origin === 'AWS_KMS') addMaterial(ctx, record, generateKeyMaterial(spec));
  await ctx.store.put(scope, KEY_KIND, keyId, record);
  return { KeyMetadata: describe(record) };
};

/** Adds a new material generation and makes it current (creation, rotation, import). */
export function addMaterial(ctx: RequestContext, record: KeyRecord, material: Buffer, extra: Partial<KeyRecord['Materials'][number]> = {}): string {
  const id = newMaterialId();
  record.Materials.push({ id, sealed: sealMaterial(ctx.masterKey, record.Arn, id, material), createdAt: nowIso(), ...extra });
  record.CurrentKeyMaterialId = id;
  return id;
}

function defaultUsage(spec: string): KeyUsage {
  if (spec.startsWith('HMAC_')) return 'GENERATE_VERIFY_MAC';
  if (spec.startsWith('ECC_') || spec.startsWith('ML_DSA') || spec === 'SM2') return 'SIGN_VERIFY';
  return 'ENCRYPT_DECRYPT';
}

export const describeKey: OperationHandler = async (ctx, input) => {
  const { record } = await findKey(ctx.store, ctx, input.KeyId as string);
  return { KeyMetadata: describe(record) };
};
