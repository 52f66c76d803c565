/**
 * Parameter Store using a KMS key on the caller's behalf, as AWS does for SecureString values:
 *
 *   the key     KeyId as given (key id, key ARN, alias, alias ARN), else the AWS managed key
 *               `alias/aws/ssm` of the account and region, created on first use; symmetric
 *               encryption keys only
 *   the caller  needs kms:Encrypt (standard tier) or kms:GenerateDataKey (advanced tier) to
 *               write, kms:Decrypt to read decrypted — allowed by the key policy and the
 *               caller's policies with kms:ViaService = ssm.<region>.amazonaws.com,
 *               kms:CallerAccount and the encryption context {"PARAMETER_ARN": <parameter ARN>}
 *               (RequestContext.authorizeAlso)
 *   CloudTrail  each use is recorded as the caller's KMS call, invoked by ssm.amazonaws.com
 *   errors      as AWS relays KMS's: a refusal is AccessDeniedException, any other KMS error
 *               InvalidKeyId, each with KMS's message and the "(Service: AWSKMS; …)" suffix
 */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { ContextValue } from '../../iam/policy/index.js';
import { ensureAwsManagedKey } from '../kms/aliases.js';
import { encryptionContextKeys } from '../kms/authorization.js';
import { findKey, KEY_ARN, requireUsable, type KeyRecord } from '../kms/common.js';
import { cachedKey } from '../kms/key-cache.js';
import type { OnBehalfCall, RequestContext } from '../types.js';

export const AWS_MANAGED_KEY = 'alias/aws/ssm';
const INVOKED_BY = 'ssm.amazonaws.com';

/** The encryption context of a parameter's value. */
export const parameterContext = (arn: string): Record<string, string> => ({ PARAMETER_ARN: arn });

/** KMS's error as Parameter Store relays it. */
function relayed(code: string, kmsCode: string, message: string): AwsError {
  return new AwsError(code, `${message} (Service: AWSKMS; Status Code: 400; Error Code: ${kmsCode}; Request ID: ${randomUUID()}; Proxy: null)`, { status: 400 });
}

function translate(err: unknown): unknown {
  if (err instanceof AwsError && err.code !== 'InvalidKeyId' && err.code !== 'AccessDeniedException') return relayed('InvalidKeyId', err.code, err.message);
  return err;
}

/** The key a SecureString write uses (usable and symmetric), or InvalidKeyId. */
export async function keyForWrite(ctx: RequestContext, keyId: string | undefined): Promise<KeyRecord> {
  try {
    const record = keyId === undefined || keyId === AWS_MANAGED_KEY ? await ensureAwsManagedKey(ctx, 'ssm') : (await findKey(ctx.store, ctx, keyId)).record;
    requireUsable(record);
    if (record.KeyUsage !== 'ENCRYPT_DECRYPT' || record.KeySpec !== 'SYMMETRIC_DEFAULT') {
      // Unconfirmed wording: KMS refuses Encrypt/GenerateDataKey with a key of another usage or spec.
      throw new AwsError('InvalidKeyUsageException', `${record.Arn} key usage is ${record.KeyUsage} which is not valid for Encrypt.`);
    }
    return record;
  } catch (err) {
    throw translate(err);
  }
}

/** The key that opens a stored value (from the KMS key cache), checked usable; InvalidKeyId otherwise. */
export async function keyForRead(ctx: RequestContext, keyArn: string): Promise<KeyRecord> {
  const m = KEY_ARN.exec(keyArn);
  const cached = m ? await cachedKey(ctx.store, { region: m[1] as string, account: m[2] as string }, m[3] as string) : undefined;
  if (!cached) throw relayed('InvalidKeyId', 'NotFoundException', `Key '${keyArn}' does not exist`);
  try {
    requireUsable(cached.stored.value);
  } catch (err) {
    throw translate(err);
  }
  return cached.stored.value;
}

/** kms:Encrypt / kms:GenerateDataKey / kms:Decrypt as Parameter Store asks for it on the caller's behalf; recorded for CloudTrail. */
export async function authorizeKms(ctx: RequestContext, action: 'kms:Encrypt' | 'kms:GenerateDataKey' | 'kms:Decrypt', keyArn: string, context: Record<string, string>): Promise<void> {
  let denial: string | undefined;
  if (ctx.authorizeAlso) {
    const keys: Record<string, ContextValue> = encryptionContextKeys(context);
    keys['kms:ViaService'] = `ssm.${ctx.region}.amazonaws.com`;
    keys['kms:CallerAccount'] = ctx.principal.account;
    denial = await ctx.authorizeAlso(action, keyArn, keys);
  }
  const operation = action.slice(4);
  const call: OnBehalfCall = { service: 'kms', operation, input: kmsInput(operation, keyArn, context), invokedBy: INVOKED_BY, resources: [keyArn] };
  // KMS's own answer to the refused call, as CloudTrail records it for the KMS event.
  if (denial !== undefined) call.error = new AwsError('AccessDenied', denial, { status: 400 });
  (ctx.onBehalf ??= []).push(call);
  if (denial !== undefined) throw relayed('AccessDeniedException', 'AccessDeniedException', denial);
}

/** The KMS request as CloudTrail records it (model member names; no plaintext). */
function kmsInput(operation: string, keyArn: string, context: Record<string, string>): Record<string, unknown> {
  if (operation === 'GenerateDataKey') return { KeyId: keyArn, EncryptionContext: context, KeySpec: 'AES_256' };
  return { KeyId: keyArn, EncryptionContext: context, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
}

/** Runs KMS cryptography, relaying its errors as Parameter Store does. */
export function kmsCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw translate(err);
  }
}
