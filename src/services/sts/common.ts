/**
 * What the STS operations share: errors in AWS's wording, durations, session tags, session
 * policies (inline and by ARN) with the packed-size check, and the request context the trust
 * policy is evaluated with.
 */
import { deflateRawSync } from 'node:zlib';
import type { Principal, SessionTag } from '../../accounts/principal.js';
import { AwsError } from '../../core/aws-error.js';
import { compilePolicy, PolicyValidationError, type ContextValue } from '../../iam/policy/index.js';
import { GLOBAL_REGION, type Scope, type StoreOps } from '../../store/index.js';
import { entityById } from '../iam/entities.js';
import { findPolicy, VERSION_KIND, versionId, type VersionRecord } from '../iam/managed-policies.js';
import { findDevice, verifyMfaCode } from '../iam/mfa-records.js';
import type { OperationInput, RequestContext } from '../types.js';

export function iamScopeOf(account: string): Scope {
  return { account, region: GLOBAL_REGION };
}

// --- errors -------------------------------------------------------------------------------

export function accessDenied(message: string): AwsError {
  return new AwsError('AccessDenied', message, { status: 403 });
}
export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message, { status: 400 });
}
export function malformedPolicy(message: string): AwsError {
  return new AwsError('MalformedPolicyDocument', message, { status: 400 });
}
export function notAuthorized(caller: Principal, action: string, resource: string): AwsError {
  return accessDenied(`User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource}`);
}

// --- durations ----------------------------------------------------------------------------

export const ONE_HOUR = 3600;

export function expiry(ctx: RequestContext, seconds: number): Date {
  return new Date(ctx.receivedAt.getTime() + seconds * 1000);
}

// --- MFA ----------------------------------------------------------------------------------

/**
 * SerialNumber + TokenCode. When the serial names a virtual MFA device of the caller's account
 * in the IAM store, it must be assigned to the calling IAM user (a virtual device belongs to one
 * user; root and role sessions own none) and the code must be its current TOTP code, not used
 * before; otherwise the call is refused as AWS refuses it. A serial naming no stored device (a
 * hardware token Bulwark does not model) keeps the lenient behaviour: presenting both marks the
 * session MFA-authenticated. One without the other is refused as a bad code.
 */
export async function mfaPresented(ctx: RequestContext, input: OperationInput): Promise<boolean> {
  const serial = input.SerialNumber as string | undefined;
  const code = input.TokenCode as string | undefined;
  if (serial === undefined && code === undefined) return false;
  if (serial === undefined || code === undefined) throw accessDenied(MFA_BAD_CODE);
  const caller = ctx.principal;
  const device = await findDevice(ctx.store, iamScopeOf(caller.account), serial);
  if (!device) return true;
  const owner = device.record.userId;
  if (owner === undefined || caller.type !== 'IAMUser' || caller.userId !== owner) throw accessDenied(MFA_NOT_ASSOCIATED);
  if (!(await verifyMfaCode(ctx.store, caller.account, serial, code, ctx.receivedAt))) throw accessDenied(MFA_BAD_CODE);
  return true;
}

const MFA_BAD_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';
const MFA_NOT_ASSOCIATED = 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';

// --- session tags -------------------------------------------------------------------------

export const MAX_SESSION_TAGS = 50;

export interface RequestedTags {
  tags: SessionTag[];
  transitiveTagKeys: string[];
}

/** Tags and TransitiveTagKeys of a request, checked; `inherited` are the caller's transitive tags. */
export function sessionTags(input: OperationInput, inherited: SessionTag[] = []): RequestedTags {
  const requested = ((input.Tags as SessionTag[] | undefined) ?? []).map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
  const seen = new Set<string>();
  for (const t of requested) {
    const k = t.Key.toLowerCase();
    if (seen.has(k)) throw validationError('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(k);
  }
  const transitive = (input.TransitiveTagKeys as string[] | undefined) ?? [];
  for (const key of transitive) {
    if (!seen.has(key.toLowerCase())) throw validationError(`The specified transitive tag key must be included in the requested tags: ${key}`);
  }
  // Transitive tags of a role chain pass on and cannot be overridden by the next session.
  for (const t of inherited) {
    if (seen.has(t.Key.toLowerCase())) throw accessDenied(`Transitive tag keys cannot be overridden in role chaining: ${t.Key}`);
  }
  const tags = [...inherited, ...requested];
  if (tags.length > MAX_SESSION_TAGS) throw validationError(`1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SESSION_TAGS}`);
  return { tags, transitiveTagKeys: [...inherited.map((t) => t.Key), ...transitive] };
}

/** The caller's transitive session tags (passed on to a chained session). */
export function inheritedTags(caller: Principal): SessionTag[] {
  const s = caller.sessionContext;
  if (!s) return [];
  const keys = new Set(s.transitiveTagKeys.map((k) => k.toLowerCase()));
  return s.tags.filter((t) => keys.has(t.Key.toLowerCase()));
}

// --- session policies ---------------------------------------------------------------------

export const MAX_POLICY_ARNS = 10;
export const MAX_SESSION_POLICY_CHARS = 2048;
/** The packed (compressed) budget for session policies and tags; PackedPolicySize is a percentage of it. */
const PACKED_BUDGET = 1024;

export interface SessionPolicies {
  texts: string[];
  /** Per text: 'inline' or the managed policy's ARN. */
  ids: string[];
  arns: string[];
  given: boolean;
}

/**
 * Policy and PolicyArns of a request: the inline document must be a valid session policy of at
 * most 2,048 characters; at most 10 ARNs, each a customer managed policy of `account` (its
 * default version is read now) or an AWS managed policy (kept by ARN only).
 */
export async function sessionPolicies(ops: StoreOps, account: string, input: OperationInput): Promise<SessionPolicies> {
  const texts: string[] = [];
  const ids: string[] = [];
  const inline = input.Policy as string | undefined;
  if (inline !== undefined) {
    if (inline.length > MAX_SESSION_POLICY_CHARS) {
      throw validationError(`1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SESSION_POLICY_CHARS}`);
    }
    try {
      compilePolicy(inline, 'session');
    } catch (err) {
      if (err instanceof PolicyValidationError) throw malformedPolicy(err.message);
      throw err;
    }
    texts.push(inline);
    ids.push('inline');
  }
  const descriptors = (input.PolicyArns as Array<{ arn?: string }> | undefined) ?? [];
  if (descriptors.length > MAX_POLICY_ARNS) {
    throw validationError(`1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${MAX_POLICY_ARNS}`);
  }
  const arns: string[] = [];
  for (const d of descriptors) {
    const arn = d.arn ?? '';
    if (/^arn:aws:iam::aws:policy\//.test(arn)) {
      arns.push(arn);
      continue;
    }
    const scope = iamScopeOf(account);
    const found = await findPolicy(ops, scope, arn);
    if (!found) throw malformedPolicy(`Policy ${arn} does not exist or is not attachable.`);
    const version = await ops.get<VersionRecord>(scope, VERSION_KIND, versionId(found.record, found.record.DefaultVersionId));
    if (version) {
      texts.push(version.value.Document);
      ids.push(arn);
    }
    arns.push(arn);
  }
  return { texts, ids, arns, given: inline !== undefined || descriptors.length > 0 };
}

/**
 * PackedPolicySize: the session policies and tags, compacted and compressed, as a percentage of
 * the packed budget (an approximation of AWS's packing, which is not documented). Over 100 %
 * the request fails with PackedPolicyTooLarge.
 */
export function packedPolicySize(policies: SessionPolicies, tags: RequestedTags): number {
  const parts: string[] = [];
  for (const t of policies.texts) {
    // Compacted, as AWS packs a minified document.
    try {
      parts.push(JSON.stringify(JSON.parse(t)));
    } catch {
      parts.push(t);
    }
  }
  parts.push(...policies.arns);
  for (const t of tags.tags) parts.push(`${t.Key}=${t.Value}`);
  parts.push(...tags.transitiveTagKeys);
  const packed = deflateRawSync(Buffer.from(parts.join('\u0000'), 'utf8')).length;
  const percent = Math.ceil((packed * 100) / PACKED_BUDGET);
  if (percent > 100) {
    throw new AwsError('PackedPolicyTooLarge', `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`, { status: 400 });
  }
  return percent;
}

// --- the caller, as the trust policy sees it ----------------------------------------------

/** aws:PrincipalTag values of the caller: its user's or role's tags, then its session tags. */
export async function callerTags(ops: StoreOps, caller: Principal): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const s = caller.sessionContext;
  const scope = iamScopeOf(caller.account);
  let entityTags: SessionTag[] | undefined;
  if (caller.type === 'IAMUser') entityTags = (await entityById(ops, scope, 'user', caller.userId))?.Tags;
  else if (caller.type === 'AssumedRole' && s?.roleId) entityTags = (await entityById(ops, scope, 'role', s.roleId))?.Tags;
  for (const t of entityTags ?? []) out[t.Key] = t.Value;
  for (const t of s?.tags ?? []) out[t.Key] = t.Value;
  return out;
}

/** The global condition keys every STS request carries about its caller and transport. */
export function baseContext(ctx: RequestContext, mfaNow: boolean): Record<string, ContextValue | undefined> {
  const s = ctx.principal.sessionContext;
  const mfa = mfaNow || s?.mfaAuthenticated === true;
  const mfaAt = mfaNow ? ctx.receivedAt : s?.mfaAuthenticatedAt ? new Date(s.mfaAuthenticatedAt) : undefined;
  return {
    'aws:SourceIp': ctx.sourceIp,
    'aws:UserAgent': ctx.userAgent,
    'aws:RequestedRegion': ctx.region,
    // Long-term keys carry no MFA key at all; temporary ones say whether MFA was used.
    'aws:MultiFactorAuthPresent': mfa ? 'true' : s ? 'false' : undefined,
    'aws:MultiFactorAuthAge': mfa && mfaAt ? String(Math.floor((ctx.receivedAt.getTime() - mfaAt.getTime()) / 1000)) : undefined,
    'aws:TokenIssueTime': s?.issuedAt,
    'aws:SourceIdentity': s?.sourceIdentity,
  };
}

/** aws:RequestTag/… and aws:TagKeys for the requested session tags. */
export function tagContext(tags: SessionTag[]): Record<string, ContextValue | undefined> {
  if (tags.length === 0) return {};
  const out: Record<string, ContextValue | undefined> = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const t of tags) out[`aws:RequestTag/${t.Key}`] = t.Value;
  return out;
}

/** The per-text ids stored in SessionContext.sessionPolicyIds. */
export function policyIds(policies: SessionPolicies, sessionArn: string): string[] {
  return policies.ids.map((id) => (id === 'inline' ? `${sessionArn}#session-policy` : id));
}
