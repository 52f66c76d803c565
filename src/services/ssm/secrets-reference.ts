/**
 * `/aws/reference/secretsmanager/<secret id>` in GetParameter and GetParameters: Parameter Store
 * as a pass-through to Secrets Manager, as AWS documents it. Nothing is stored here:
 *
 *   - WithDecryption is required (ValidationException otherwise);
 *   - the secret id is a name or ARN, optionally followed by `:<version stage>` or
 *     `:<version id>` (a selector; AWSCURRENT by default);
 *   - the caller also needs secretsmanager:GetSecretValue on the secret (its resource policy
 *     weighs in) and kms:Decrypt on its key through Secrets Manager — read through Secrets
 *     Manager's own modules (secret-cache.ts, read.ts), so the same rules apply;
 *   - the answer is a SecureString Parameter: Value the secret's value, Version 0, SourceResult
 *     the GetSecretValue answer as JSON, ARN the secret's ARN.
 *
 * Secrets Manager's errors are relayed: a missing secret is ParameterNotFound, a refusal
 * AccessDeniedException, anything else its own code's wording as a ValidationException
 * (unconfirmed), each with the "(Service: AWSSecretsManager; …)" suffix AWS appends.
 */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import { readValue } from '../secretsmanager/read.js';
import { cachedSecret } from '../secretsmanager/secret-cache.js';
import type { OnBehalfCall, RequestContext } from '../types.js';
import { validation } from './common.js';
import { parseReferenceName, SECRETS_PREFIX } from './reference-names.js';

const INVOKED_BY = 'ssm.amazonaws.com';
const VERSION_ID = /^[0-9a-fA-F-]{32,64}$/;

function relayed(code: string, smCode: string, message: string): AwsError {
  return new AwsError(code, `${message} (Service: AWSSecretsManager; Status Code: 400; Error Code: ${smCode}; Request ID: ${randomUUID()}; Proxy: null)`, { status: 400 });
}

/** Text the store can hold as a key: no NUL, no lone surrogate. */
const storable = (text: string): boolean => !text.includes('\u0000') && Buffer.from(text, 'utf8').toString('utf8') === text;

/** The Parameter a secret reference answers with. */
export async function secretsReference(ctx: RequestContext, name: string, withDecryption: boolean): Promise<Record<string, unknown>> {
  if (!withDecryption) throw validation('WithDecryption flag must be True for retrieving a Secret Manager secret.');
  const { secretId, selector } = parseReferenceName(name);
  if (secretId === '' || selector === '' || !storable(name)) throw relayed('ParameterNotFound', 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  const cached = await cachedSecret(ctx.store, ctx, secretId);
  if (!cached) throw relayed('ParameterNotFound', 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  const arn = cached.found.record.ARN;
  const versionId = selector !== undefined && VERSION_ID.test(selector) ? selector : undefined;
  const stage = selector !== undefined && versionId === undefined ? selector : undefined;
  // The call as CloudTrail records it (model member names).
  const input: Record<string, unknown> = { SecretId: arn };
  if (versionId) input.VersionId = versionId;
  if (stage) input.VersionStage = stage;
  const call: OnBehalfCall = { service: 'secretsmanager', operation: 'GetSecretValue', input, invokedBy: INVOKED_BY, resources: [arn] };
  (ctx.onBehalf ??= []).push(call);
  if (ctx.authorizeAlso) {
    const denial = await ctx.authorizeAlso('secretsmanager:GetSecretValue', arn, { 'secretsmanager:SecretId': arn });
    if (denial !== undefined) {
      call.error = new AwsError('AccessDeniedException', denial, { status: 400 });
      throw relayed('AccessDeniedException', 'AccessDeniedException', denial);
    }
  }
  let value: Record<string, unknown>;
  try {
    value = await readValue(ctx, cached, versionId, stage);
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    call.error = err;
    if (err.code === 'ResourceNotFoundException') throw relayed('ParameterNotFound', err.code, err.message);
    throw relayed(err.code === 'AccessDeniedException' ? err.code : 'ValidationException', err.code, err.message);
  }
  return parameterOf(SECRETS_PREFIX + secretId, value, selector);
}

function parameterOf(name: string, value: Record<string, unknown>, selector: string | undefined): Record<string, unknown> {
  const binary = value.SecretBinary instanceof Uint8Array ? Buffer.from(value.SecretBinary).toString('base64') : undefined;
  const created = value.CreatedDate instanceof Date ? value.CreatedDate : new Date(String(value.CreatedDate));
  const source: Record<string, unknown> = { CreatedDate: created.getTime(), Name: value.Name };
  if (binary !== undefined) source.SecretBinary = binary;
  else source.SecretString = value.SecretString;
  source.VersionId = value.VersionId;
  source.VersionStages = value.VersionStages;
  source.ARN = value.ARN;
  const out: Record<string, unknown> = {
    Name: name,
    Type: 'SecureString',
    Value: binary ?? value.SecretString,
    Version: 0,
    SourceResult: JSON.stringify(source),
    LastModifiedDate: created,
    ARN: value.ARN,
    DataType: 'text',
  };
  if (selector !== undefined) out.Selector = `:${selector}`;
  return out;
}
