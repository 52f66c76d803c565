/**
 * PutParameter: creates a parameter (version 1) or, with Overwrite, adds a version.
 *
 * Order of checks, as AWS answers them: the name; the value, type, data type and pattern; tags
 * and Overwrite together; the existing parameter (ParameterAlreadyExists, a type change inside
 * a hierarchy); tier, size and policies; then the KMS key for a SecureString. What a request
 * leaves out on overwrite (description, allowed pattern, data type, tier, policies) is kept
 * from the current version; a SecureString without KeyId uses the AWS managed key.
 *
 * The value is encrypted before the write transaction (KMS authorization reads the store, which
 * a transaction must not do); the transaction then re-reads the parameter and writes only if no
 * other write came in between — otherwise the request starts over (at most 3 times, then
 * TooManyUpdates). AWS keeps 100 versions: the 101st removes the oldest, unless that one has a
 * label (ParameterMaxVersionLimitExceeded).
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import {
  alreadyExists,
  MAX_VERSIONS,
  PARAMETER_KIND,
  parameterArn,
  ssmScope,
  tooManyUpdates,
  validation,
  VERSION_KIND,
  versionId,
  versionOf,
  type ParameterRecord,
  type ParameterType,
  type SealedValue,
  type StoredPolicy,
} from './common.js';
import { reindexExpiry } from './expiration.js';
import { AWS_MANAGED_KEY } from './kms-access.js';
import { checkNewName, trimName } from './names.js';
import { parsePolicies } from './policies.js';
import { sealValue } from './secure-values.js';
import { ssmTags } from './tags.js';
import { checkTierLimits, resolveTier } from './tiers.js';
import { checkDataType, checkPattern, compilePattern } from './value-rules.js';

const ATTEMPTS = 3;

/** What the request asks for, checked before anything is read. */
interface Request {
  name: string;
  value: string;
  type?: ParameterType;
  overwrite: boolean;
  tags: ParameterRecord['Tags'];
  policies?: { policies: StoredPolicy[]; expiresAt?: string };
}

function readRequest(ctx: RequestContext, input: OperationInput): Request {
  const name = trimName(input.Name as string);
  checkNewName(ssmScope(ctx), name);
  const value = input.Value as string;
  if (value === '') throw validation("1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (typeof input.AllowedPattern === 'string') compilePattern(input.AllowedPattern);
  const overwrite = input.Overwrite === true;
  const tags = ssmTags.requestTags(input);
  if (overwrite && input.Tags !== undefined) {
    throw validation(
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  const request: Request = { name, value, overwrite, tags };
  if (typeof input.Type === 'string') request.type = input.Type as ParameterType;
  if (typeof input.Policies === 'string') request.policies = parsePolicies(input.Policies);
  return request;
}

/** The next record (version) the request writes over `existing`, its value not yet sealed. */
function nextRecord(ctx: RequestContext, input: OperationInput, request: Request, existing: ParameterRecord | undefined): ParameterRecord {
  if (existing && !request.overwrite) throw alreadyExists();
  const type = request.type ?? existing?.Type;
  if (type === undefined) throw validation('A parameter type is required when you create a parameter.');
  if (existing && type !== existing.Type && request.name.startsWith('/')) {
    throw new AwsError(
      'HierarchyTypeMismatchException',
      "Parameter Store does not support changing a parameter type in a hierarchy. For example, you can't change a parameter from a String type to a SecureString type. You must create a new, unique parameter.",
    );
  }
  if (typeof input.KeyId === 'string' && type !== 'SecureString') throw validation('KeyId is required for SecureString type parameter only.'); // Unconfirmed wording.
  const dataType = typeof input.DataType === 'string' && input.DataType !== '' ? input.DataType : (existing?.DataType ?? 'text');
  checkDataType(dataType, type, request.value);
  const allowedPattern = typeof input.AllowedPattern === 'string' ? input.AllowedPattern : existing?.AllowedPattern;
  if (allowedPattern !== undefined && allowedPattern !== '') checkPattern(allowedPattern, request.value);
  const policies = request.policies?.policies ?? existing?.Policies ?? [];
  const bytes = Buffer.byteLength(request.value, 'utf8');
  const tier = resolveTier(typeof input.Tier === 'string' ? input.Tier : undefined, existing?.Tier, bytes, policies.length > 0);
  checkTierLimits(tier, bytes, policies.length > 0);
  const record: ParameterRecord = {
    Name: request.name,
    Version: existing ? existing.Version + 1 : 1,
    Type: type,
    DataType: dataType,
    Tier: tier,
    Policies: policies,
    LastModifiedDate: ctx.receivedAt.toISOString(),
    LastModifiedUser: ctx.principal.arn,
    OldestVersion: existing?.OldestVersion ?? 1,
    Labels: existing?.Labels ?? [],
    Tags: existing?.Tags ?? request.tags,
  };
  const description = typeof input.Description === 'string' ? input.Description : existing?.Description;
  if (description !== undefined) record.Description = description;
  if (allowedPattern !== undefined) record.AllowedPattern = allowedPattern;
  const expiresAt = request.policies ? request.policies.expiresAt : existing?.ExpiresAt;
  if (expiresAt !== undefined) record.ExpiresAt = expiresAt;
  if (type === 'SecureString') record.KeyId = typeof input.KeyId === 'string' ? input.KeyId : AWS_MANAGED_KEY;
  else record.Value = request.value;
  return record;
}

/** Drops the oldest version when the new one would make 101; refuses when that version is labeled. */
function retire(record: ParameterRecord): number | undefined {
  if (record.Version - record.OldestVersion + 1 <= MAX_VERSIONS) return undefined;
  const oldest = record.OldestVersion;
  if (record.Labels.some((l) => l.Version === oldest)) {
    throw new AwsError(
      'ParameterMaxVersionLimitExceeded',
      `You attempted to create a new version of ${record.Name} by calling the PutParameter API with the overwrite flag. Version ${oldest}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
    );
  }
  record.OldestVersion = oldest + 1;
  return oldest;
}

export const putParameter: OperationHandler = async (ctx, input) => {
  const request = readRequest(ctx, input);
  const scope = ssmScope(ctx);
  const arn = parameterArn(scope, request.name);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = await ctx.store.get<ParameterRecord>(scope, PARAMETER_KIND, request.name);
    const record = nextRecord(ctx, input, request, before?.value);
    const retired = retire(record);
    let sealed: SealedValue | undefined;
    if (record.Type === 'SecureString') sealed = await sealValue(ctx, request.value, record.KeyId, record.Tier, arn);
    if (sealed) record.Sealed = sealed;
    const written = await ctx.store.transaction(async (tx) => {
      const now = await tx.get<ParameterRecord>(scope, PARAMETER_KIND, request.name);
      if ((now?.version ?? 0) !== (before?.version ?? 0)) return false;
      if (retired !== undefined) await tx.delete(scope, VERSION_KIND, versionId(record.Name, retired));
      await tx.put(scope, VERSION_KIND, versionId(record.Name, record.Version), versionOf(record));
      await tx.put(scope, PARAMETER_KIND, record.Name, record, { expectVersion: before?.version ?? 0 });
      await reindexExpiry(tx, scope, record.Name, before?.value.ExpiresAt, record.ExpiresAt);
      return true;
    });
    if (written) return { Version: record.Version, Tier: record.Tier };
  }
  throw tooManyUpdates();
};
