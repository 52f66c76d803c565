/**
 * Aliases: CreateAlias, UpdateAlias, DeleteAlias, ListAliases, and the AWS managed keys
 * (`alias/aws/<service>`) other services create on first use through `ensureAwsManagedKey`.
 *
 * Alias names start with `alias/`; the `alias/aws/` prefix is reserved for AWS managed keys.
 * An alias names a customer managed key of the same account and region.
 */
import { AwsError } from '../../core/aws-error.js';
import type { StoreOps } from '../../store/index.js';
import type { OperationHandler, RequestContext } from '../types.js';
import {
  ALIAS_KIND,
  aliasArn,
  aliasNotFound,
  alreadyExists,
  findKey,
  KEY_KIND,
  keyArn,
  keyNotFound,
  kmsScope,
  limitExceeded,
  newKeyId,
  nowIso,
  paginate,
  requireNotPendingDeletion,
  validation,
  type AliasRecord,
  type KeyRecord,
} from './common.js';
import { generateKeyMaterial } from './crypto/index.js';
import { addMaterial } from './keys.js';
import { listAll, refuseAwsManaged } from './key-lifecycle.js';

const RESERVED_PREFIX = 'alias/aws/';
/** AWS quota: aliases per KMS key. */
export const MAX_ALIASES_PER_KEY = 50;

function checkAliasName(name: string, operation: string): void {
  if (!name.startsWith('alias/')) {
    throw validation('Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  }
  if (name === 'alias/' || name.endsWith('/')) {
    // Unconfirmed wording.
    throw new AwsError('InvalidAliasNameException', `Alias name ${name} is not valid.`);
  }
  if (name.startsWith(RESERVED_PREFIX)) {
    // Unconfirmed wording: AWS refuses the reserved prefix with NotAuthorizedException.
    throw new AwsError('NotAuthorizedException', `The alias prefix ${RESERVED_PREFIX} is reserved for AWS managed keys; kms:${operation} cannot use ${name}.`);
  }
}

/** The target of CreateAlias/UpdateAlias: a customer managed key of the caller's account and region. */
async function aliasTarget(ops: StoreOps, ctx: RequestContext, keyId: string, operation: string): Promise<KeyRecord> {
  const found = await findKey(ops, ctx, keyId, { allowAlias: false });
  if (found.scope.account !== ctx.account) throw keyNotFound(found.record.Arn);
  refuseAwsManaged(ctx, found.record, operation);
  requireNotPendingDeletion(found.record);
  return found.record;
}

async function aliasesOf(ops: StoreOps, ctx: RequestContext, keyId: string): Promise<AliasRecord[]> {
  return (await listAll<AliasRecord>(ops, kmsScope(ctx), ALIAS_KIND)).filter((a) => a.TargetKeyId === keyId);
}

export const createAlias: OperationHandler = async (ctx, input) => {
  const name = input.AliasName as string;
  checkAliasName(name, 'CreateAlias');
  const scope = kmsScope(ctx);
  await ctx.store.transaction(async (tx) => {
    if (await tx.get(scope, ALIAS_KIND, name)) throw alreadyExists(`An alias with the name ${aliasArn(scope, name)} already exists`);
    const target = await aliasTarget(tx, ctx, input.TargetKeyId as string, 'CreateAlias');
    if ((await aliasesOf(tx, ctx, target.KeyId)).length >= MAX_ALIASES_PER_KEY) {
      // Unconfirmed wording.
      throw limitExceeded(`The KMS key ${target.Arn} already has ${MAX_ALIASES_PER_KEY} aliases.`);
    }
    const now = nowIso();
    const record: AliasRecord = { AliasName: name, AliasArn: aliasArn(scope, name), TargetKeyId: target.KeyId, CreationDate: now, LastUpdatedDate: now };
    await tx.put(scope, ALIAS_KIND, name, record, { expectVersion: 0 });
  });
  return {};
};

/** The "type" UpdateAlias compares: symmetric encryption, asymmetric, or HMAC. */
function keyType(record: KeyRecord): string {
  if (record.KeySpec === 'SYMMETRIC_DEFAULT') return 'symmetric';
  if (record.KeySpec.startsWith('HMAC_')) return 'HMAC';
  return 'asymmetric';
}

export const updateAlias: OperationHandler = async (ctx, input) => {
  const name = input.AliasName as string;
  checkAliasName(name, 'UpdateAlias');
  const scope = kmsScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const stored = await tx.get<AliasRecord>(scope, ALIAS_KIND, name);
    if (!stored) throw aliasNotFound(aliasArn(scope, name));
    const target = await aliasTarget(tx, ctx, input.TargetKeyId as string, 'UpdateAlias');
    const current = await tx.get<KeyRecord>(scope, KEY_KIND, stored.value.TargetKeyId);
    if (current && (keyType(current.value) !== keyType(target) || current.value.KeyUsage !== target.KeyUsage)) {
      // Unconfirmed wording: the new key must have the same type and key usage as the current one.
      throw validation(
        `${target.Arn} key usage is ${target.KeyUsage} (${keyType(target)}), but alias ${name} refers to a ${keyType(current.value)} key with key usage ${current.value.KeyUsage}. The current and new KMS key must be the same type and have the same key usage.`,
      );
    }
    if ((await aliasesOf(tx, ctx, target.KeyId)).filter((a) => a.AliasName !== name).length >= MAX_ALIASES_PER_KEY) {
      throw limitExceeded(`The KMS key ${target.Arn} already has ${MAX_ALIASES_PER_KEY} aliases.`); // Unconfirmed wording.
    }
    await tx.put(scope, ALIAS_KIND, name, { ...stored.value, TargetKeyId: target.KeyId, LastUpdatedDate: nowIso() });
  });
  return {};
};

export const deleteAlias: OperationHandler = async (ctx, input) => {
  const name = input.AliasName as string;
  checkAliasName(name, 'DeleteAlias');
  const scope = kmsScope(ctx);
  if (!(await ctx.store.delete(scope, ALIAS_KIND, name))) throw aliasNotFound(aliasArn(scope, name));
  return {};
};

export const listAliases: OperationHandler = async (ctx, input) => {
  const scope = kmsScope(ctx);
  let aliases = await listAll<AliasRecord>(ctx.store, scope, ALIAS_KIND);
  if (typeof input.KeyId === 'string') {
    const { record } = await findKey(ctx.store, ctx, input.KeyId, { allowAlias: false });
    aliases = aliases.filter((a) => a.TargetKeyId === record.KeyId);
  }
  const { page, NextMarker, Truncated } = paginate(aliases, (a) => a.AliasName, input);
  return {
    Aliases: page.map((a) => ({ AliasName: a.AliasName, AliasArn: a.AliasArn, TargetKeyId: a.TargetKeyId, CreationDate: a.CreationDate, LastUpdatedDate: a.LastUpdatedDate })),
    ...(NextMarker ? { NextMarker } : {}),
    Truncated,
  };
};

// --- AWS managed keys ------------------------------------------------------------------------

/**
 * The key policy of an AWS managed key, in the documented shape: the account's principals may use
 * the key through the service (kms:ViaService, kms:CallerAccount), and read its metadata directly.
 */
export function awsManagedKeyPolicy(service: string, account: string, region: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Id: `auto-${service}-2`,
      Statement: [
        {
          Sid: `Allow access through ${service} for all principals in the account that are authorized to use ${service}`,
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
          Resource: '*',
          Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
        },
        {
          Sid: 'Allow direct access to key metadata to the account',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${account}:root` },
          Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
}

/**
 * The AWS managed key `alias/aws/<service>` of the caller's account and region, created on first
 * use: symmetric, KeyManager AWS, the AWS managed key policy, rotated every 365 days.
 */
export async function ensureAwsManagedKey(ctx: RequestContext, service: string): Promise<KeyRecord> {
  const scope = kmsScope(ctx);
  const name = `${RESERVED_PREFIX}${service}`;
  const existing = await ctx.store.get<AliasRecord>(scope, ALIAS_KIND, name);
  if (existing) {
    const key = await ctx.store.get<KeyRecord>(scope, KEY_KIND, existing.value.TargetKeyId);
    if (key) return key.value;
  }
  return ctx.store.transaction(async (tx) => {
    const again = await tx.get<AliasRecord>(scope, ALIAS_KIND, name);
    if (again) {
      const key = await tx.get<KeyRecord>(scope, KEY_KIND, again.value.TargetKeyId);
      if (key) return key.value;
    }
    const keyId = newKeyId();
    const now = ctx.receivedAt ?? new Date();
    const record: KeyRecord = {
      KeyId: keyId,
      Arn: keyArn(scope, keyId),
      AWSAccountId: ctx.account,
      CreationDate: now.toISOString(),
      // Unconfirmed wording: AWS words each service's default key description its own way.
      Description: `Default key that protects my ${service} data when no other key is defined`,
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      Origin: 'AWS_KMS',
      KeyManager: 'AWS',
      KeyState: 'Enabled',
      MultiRegion: false,
      Policy: awsManagedKeyPolicy(service, ctx.account, ctx.region),
      Tags: [],
      Rotation: { enabled: true, periodDays: 365, nextRotationDate: new Date(now.getTime() + 365 * 86_400_000).toISOString() },
      Materials: [],
    };
    addMaterial(ctx, record, generateKeyMaterial('SYMMETRIC_DEFAULT'));
    await tx.put(scope, KEY_KIND, keyId, record);
    const iso = now.toISOString();
    await tx.put(scope, ALIAS_KIND, name, { AliasName: name, AliasArn: aliasArn(scope, name), TargetKeyId: keyId, CreationDate: iso, LastUpdatedDate: iso } satisfies AliasRecord);
    return record;
  });
}
