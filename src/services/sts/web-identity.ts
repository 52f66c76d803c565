/**
 * AssumeRoleWithWebIdentity (unsigned: the model's authtype is none, so the caller may be
 * Anonymous). The token must be a JWT whose `iss` is the URL of an IAM OpenID Connect provider
 * of the role's account and whose `aud` is in that provider's ClientIDList; it must not be
 * expired (`exp`). Then the role's trust policy decides, for the principal
 * `{"Federated": <provider ARN>}` and the action sts:AssumeRoleWithWebIdentity, with the
 * web identity condition keys `<provider url>:aud`, `:sub`, `:amr` and aws:FederatedProvider.
 *
 * Signature verification — a Bulwark extension, because Bulwark runs offline and never fetches
 * the provider's JWKS (AWS does, from the issuer's discovery document):
 *
 * - Register the provider's public keys on the IAM provider as tags: the base64url encoding of
 *   the JWKS JSON (`{"keys":[…]}`, or a single JWK), in the value of the tag `bulwark:jwks`,
 *   continued — IAM tag values hold at most 256 characters and no JSON punctuation — in
 *   `bulwark:jwks:1`, `bulwark:jwks:2`, … (concatenated in that order). RS256/384/512 and
 *   ES256/384 signatures are verified against the key named by the token's `kid` (or, without
 *   a `kid`, any key of the JWKS).
 * - Without registered keys, a token is accepted unverified ONLY when the provider carries the
 *   tag `bulwark:insecure-skip-signature` = `true` (for tests; anyone can then forge tokens).
 * - Otherwise the request fails with InvalidIdentityToken: the signature could not be verified.
 */
import { createPublicKey, verify, type KeyObject, type webcrypto } from 'node:crypto';
import type { Principal } from '../../accounts/principal.js';
import { AwsError } from '../../core/aws-error.js';
import type { ContextValue } from '../../iam/policy/index.js';
import { findEntity } from '../iam/entities.js';
import { oidcProviderForIssuer, type OidcProviderRecord } from '../iam/oidc-providers.js';
import type { OperationHandler } from '../types.js';
import { checkTrust, issueRoleSession, roleDuration } from './assume-role.js';
import { accessDenied, baseContext, expiry, iamScopeOf, packedPolicySize, sessionPolicies, validationError } from './common.js';

export const JWKS_TAG = 'bulwark:jwks';
export const INSECURE_SKIP_SIGNATURE_TAG = 'bulwark:insecure-skip-signature';

function invalidIdentityToken(message: string): AwsError {
  return new AwsError('InvalidIdentityToken', message, { status: 400 });
}

interface JwtClaims {
  iss?: unknown;
  aud?: unknown;
  sub?: unknown;
  exp?: unknown;
  amr?: unknown;
}

interface Jwt {
  header: Record<string, unknown>;
  claims: JwtClaims;
  signingInput: string;
  signature: Buffer;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function parseJwt(token: string): Jwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const header = decodePart(h);
  const claims = decodePart(p);
  if (!header || !claims || typeof header.alg !== 'string') return undefined;
  return { header, claims, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

/** The unverified claims of a compact JWS, or undefined when the token is not one. */
export function jwtClaims(token: string): JwtClaims | undefined {
  return parseJwt(token)?.claims;
}

// --- signature ----------------------------------------------------------------------------

/** A JSON Web Key as registered (kty, kid, n/e or crv/x/y, …). */
type Jwk = Record<string, unknown>;

const ALGORITHMS: Record<string, { hash: string; kty: 'RSA' | 'EC'; ec?: boolean }> = {
  RS256: { hash: 'sha256', kty: 'RSA' },
  RS384: { hash: 'sha384', kty: 'RSA' },
  RS512: { hash: 'sha512', kty: 'RSA' },
  ES256: { hash: 'sha256', kty: 'EC', ec: true },
  ES384: { hash: 'sha384', kty: 'EC', ec: true },
};

function tagValue(p: OidcProviderRecord, key: string): string | undefined {
  return p.Tags?.find((t) => t.Key === key)?.Value;
}

/** The JWKS registered on the provider (see the header), or undefined when none is. */
export function registeredJwks(p: OidcProviderRecord): Jwk[] | undefined {
  const first = tagValue(p, JWKS_TAG);
  if (first === undefined) return undefined;
  let encoded = first;
  for (let i = 1; ; i++) {
    const more = tagValue(p, `${JWKS_TAG}:${i}`);
    if (more === undefined) break;
    encoded += more;
  }
  try {
    const parsed = JSON.parse(Buffer.from(encoded.trim(), 'base64url').toString('utf8')) as { keys?: unknown };
    const keys = Array.isArray(parsed.keys) ? parsed.keys : [parsed];
    return keys.filter((k): k is Jwk => k !== null && typeof k === 'object');
  } catch {
    return [];
  }
}

const NOT_VERIFIED = 'The web identity token signature could not be verified';

function verifySignature(jwt: Jwt, provider: OidcProviderRecord): void {
  const jwks = registeredJwks(provider);
  if (jwks === undefined) {
    if (tagValue(provider, INSECURE_SKIP_SIGNATURE_TAG) === 'true') return;
    throw invalidIdentityToken(
      `${NOT_VERIFIED}: Bulwark cannot fetch the provider's keys; register them on the OIDC provider with the tag ${JWKS_TAG} (base64url of the JWKS JSON).`,
    );
  }
  const alg = ALGORITHMS[jwt.header.alg as string];
  if (!alg) throw invalidIdentityToken(`${NOT_VERIFIED}: unsupported signing algorithm ${String(jwt.header.alg)}.`);
  const kid = jwt.header.kid;
  const candidates = jwks.filter((k) => k.kty === alg.kty && (kid === undefined || k.kid === kid));
  for (const jwk of candidates) {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: jwk as webcrypto.JsonWebKey, format: 'jwk' });
    } catch {
      continue;
    }
    const ok = verify(alg.hash, Buffer.from(jwt.signingInput), alg.ec ? { key, dsaEncoding: 'ieee-p1363' } : key, jwt.signature);
    if (ok) return;
  }
  throw invalidIdentityToken(`${NOT_VERIFIED}.`);
}

// --- the operation ------------------------------------------------------------------------

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const ACTION = 'sts:AssumeRoleWithWebIdentity';

function notAuthorized(): AwsError {
  return accessDenied(`Not authorized to perform ${ACTION}`);
}

export const assumeRoleWithWebIdentity: OperationHandler = async (ctx, input) => {
  const roleArn = input.RoleArn as string;
  const m = ROLE_ARN.exec(roleArn);
  if (!m) throw validationError('Request ARN is invalid');
  const account = m[1] as string;
  const jwt = parseJwt(input.WebIdentityToken as string);
  if (!jwt) throw invalidIdentityToken('The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)');
  const claims = jwt.claims;
  if (typeof claims.iss !== 'string' || claims.iss === '') throw invalidIdentityToken('Missing a required claim: iss');
  const issuer = claims.iss;

  const scope = iamScopeOf(account);
  const provider = await oidcProviderForIssuer(ctx.store, scope, issuer);
  if (!provider) throw invalidIdentityToken(`No OpenIDConnect provider found in your account for ${issuer}`);

  verifySignature(jwt, provider);

  const now = Math.floor(ctx.receivedAt.getTime() / 1000);
  if (typeof claims.exp !== 'number') throw invalidIdentityToken('Missing a required claim: exp');
  if (claims.exp <= now) throw new AwsError('ExpiredTokenException', `Token expired: current date/time ${now} must be before the expiration date/time ${Math.floor(claims.exp)}`, { status: 400 });

  const audiences = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud.filter((a): a is string => typeof a === 'string') : [];
  const audience = audiences.find((a) => provider.ClientIDList.includes(a));
  if (audience === undefined) throw invalidIdentityToken('Incorrect token audience');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw invalidIdentityToken('Missing a required claim: sub');
  const subject = claims.sub;

  const role = await findEntity(ctx.store, scope, 'role', m[2] as string);
  if (!role || role.Arn !== roleArn) throw notAuthorized();

  const duration = roleDuration(input, role, false);
  const policies = await sessionPolicies(ctx.store, account, input);
  const host = provider.Url;
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((a): a is string => typeof a === 'string') : typeof claims.amr === 'string' ? [claims.amr] : undefined;
  const context: Record<string, ContextValue | undefined> = {
    ...baseContext(ctx, false),
    'aws:FederatedProvider': provider.Arn,
    [`${host}:aud`]: audience,
    [`${host}:sub`]: subject,
    [`${host}:amr`]: amr,
    'sts:RoleSessionName': input.RoleSessionName as string,
  };
  // The web identity is named by the provider's ARN ({"Federated": arn}); its account is set to a
  // non-account value so an {"AWS": "<account>"} trust entry does not admit web identities.
  const caller: Principal = { type: 'Anonymous', account: 'web-identity', arn: provider.Arn, userId: `${host}:${subject}` };
  try {
    checkTrust({ caller, role, roleAccount: account, actions: [ACTION], context, tags: {}, now: ctx.receivedAt });
  } catch (err) {
    if (err instanceof AwsError && err.code === 'AccessDenied') throw notAuthorized();
    throw err;
  }

  const sessionName = input.RoleSessionName as string;
  const packed = policies.given ? packedPolicySize(policies, { tags: [], transitiveTagKeys: [] }) : undefined;
  const expiresAt = expiry(ctx, duration);
  const { credentials, userId, arn } = await issueRoleSession(ctx, account, role, sessionName, policies, expiresAt, {
    issuer: 'AssumeRoleWithWebIdentity',
    mfaAuthenticated: false,
    tags: [],
    transitiveTagKeys: [],
    issuedBy: provider.Arn,
    webIdentity: { provider: host, audience, subject },
  });
  return {
    Credentials: credentials,
    SubjectFromWebIdentityToken: subject,
    AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
    PackedPolicySize: packed,
    Provider: issuer,
    Audience: audience,
  };
};
