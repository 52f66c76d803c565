/**
 * The shapes Parameter Store answers with, built from stored versions as explicit objects (no
 * spreads on the read path): Parameter (GetParameter, GetParameters, GetParametersByPath),
 * ParameterMetadata (DescribeParameters) and ParameterHistory (GetParameterHistory).
 */
import type { RequestContext } from '../types.js';
import type { ParameterRecord, ParameterVersion, StoredPolicy } from './common.js';
import { openValue } from './secure-values.js';

/** The value a read returns: a SecureString decrypted only when asked, else its ciphertext. */
export async function valueOf(ctx: RequestContext, version: ParameterVersion, arn: string, withDecryption: boolean): Promise<string> {
  const sealed = version.Sealed;
  if (sealed === undefined) return version.Value ?? '';
  return withDecryption ? openValue(ctx, sealed, arn) : sealed.Ciphertext;
}

/** A Parameter; `selector` as the caller wrote it (`:3`, `:prod`). */
export function parameterOutput(version: ParameterVersion, arn: string, value: string, selector?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Name: version.Name,
    Type: version.Type,
    Value: value,
    Version: version.Version,
    LastModifiedDate: version.LastModifiedDate,
    ARN: arn,
    DataType: version.DataType,
  };
  if (selector !== undefined) out.Selector = selector;
  return out;
}

const policiesOutput = (policies: StoredPolicy[]): Record<string, unknown>[] =>
  policies.map((p) => ({ PolicyText: p.PolicyText, PolicyType: p.PolicyType, PolicyStatus: p.PolicyStatus }));

/** Members ParameterMetadata and ParameterHistory share. */
function describe(version: ParameterVersion): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Name: version.Name,
    Type: version.Type,
    LastModifiedDate: version.LastModifiedDate,
    LastModifiedUser: version.LastModifiedUser,
    Version: version.Version,
    Tier: version.Tier,
    Policies: policiesOutput(version.Policies),
    DataType: version.DataType,
  };
  if (version.KeyId !== undefined) out.KeyId = version.KeyId;
  if (version.Description !== undefined) out.Description = version.Description;
  if (version.AllowedPattern !== undefined) out.AllowedPattern = version.AllowedPattern;
  return out;
}

/** A ParameterMetadata (DescribeParameters): no value. */
export function metadataOutput(record: ParameterRecord, arn: string): Record<string, unknown> {
  const out = describe(record);
  out.ARN = arn;
  return out;
}

/** A ParameterHistory entry. */
export function historyOutput(version: ParameterVersion, value: string, labels: string[]): Record<string, unknown> {
  const out = describe(version);
  out.Value = value;
  out.Labels = labels;
  return out;
}
