/**
 * Temporary credentials: STS writes one AccessKeyRecord per session (ASIA… key id, secret,
 * session token, expiration) under ACCESS_KEY_SCOPE; SigV4 finds it like any other key and
 * checks the token and the expiration (ExpiredToken after it). The principal in the record
 * carries the SessionContext the authorize step needs.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Store } from '../store/index.js';
import type { MasterKey } from '../crypto/master-key.js';
import { ACCESS_KEY_KIND, ACCESS_KEY_SCOPE, sealAccessKey, type AccessKeyRecord } from './credential-directory.js';
import type { Principal } from './principal.js';

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomString(chars: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += chars[randomInt(chars.length)];
  return out;
}

/** A temporary access key id: ASIA + 16 base32 characters, as AWS spells them. */
export function newTemporaryKeyId(): string {
  return `ASIA${randomString(ID_CHARS, 16)}`;
}

export interface TemporaryCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: Date;
}

/** Writes a session's credential record; it authenticates from now until `expiresAt`. */
export async function issueTemporaryCredentials(store: Store, masterKey: MasterKey, principal: Principal, expiresAt: Date): Promise<TemporaryCredentials> {
  const accessKeyId = newTemporaryKeyId();
  const secretAccessKey = randomString(SECRET_CHARS, 40);
  // Opaque, like AWS's (which are encrypted blobs of a few hundred characters).
  const sessionToken = `IQoJb3JpZ2luX2VjE${randomBytes(240).toString('base64')}`;
  const record: AccessKeyRecord = {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration: expiresAt.toISOString(),
    principal: { ...principal, accessKeyId },
    status: 'Active',
  };
  await store.put(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, accessKeyId, sealAccessKey(masterKey, record), { expectVersion: 0 });
  return { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken, Expiration: expiresAt };
}

/** Whether the principal authenticated with temporary credentials (role chaining, GetSessionToken refusals). */
export function isTemporary(principal: Principal): boolean {
  return principal.sessionContext !== undefined;
}

/**
 * What the authorize step needs about a temporary credential's session (the shape of
 * src/authz's SessionInfo, so this function can be its SessionResolver):
 * - policies: the session policies, undefined when none were passed (no cap); for a
 *   GetFederationToken session without any, an empty list (the session may do nothing);
 * - tags: session tags (override the role's tags of the same key);
 * - mfaPresent: aws:MultiFactorAuthPresent.
 */
export async function sessionInfo(
  _store: unknown,
  principal: Principal,
): Promise<{ policies?: Array<{ id: string; document: string }>; tags?: Record<string, string>; mfaPresent?: boolean } | undefined> {
  const s = principal.sessionContext;
  if (!s) return undefined;
  const tags: Record<string, string> = {};
  for (const t of s.tags) tags[t.Key] = t.Value;
  const policies = s.sessionPolicies.map((document, i) => ({ id: s.sessionPolicyIds[i] ?? `${principal.arn}#session-policy-${i}`, document }));
  const capped = s.hasSessionPolicy || s.issuer === 'GetFederationToken';
  return { policies: capped ? policies : undefined, tags, mfaPresent: s.mfaAuthenticated };
}
