/**
 * AssumeRoleWithWebIdentity (unsigned: the model's authtype is none, so the caller may be
 * Anonymous). The token must be a JWT whose issuer is an IAM OpenID Connect provider of the
 * role's account. Bulwark's IAM has no OIDC providers yet, so after the token's shape is
 * checked every request ends with AWS's InvalidIdentityToken for an unknown provider.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler } from '../types.js';
import { validationError } from './common.js';

function invalidIdentityToken(message: string): AwsError {
  return new AwsError('InvalidIdentityToken', message, { status: 400 });
}

interface JwtClaims {
  iss?: unknown;
  aud?: unknown;
  sub?: unknown;
  exp?: unknown;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The unverified claims of a compact JWS, or undefined when the token is not one. */
export function jwtClaims(token: string): JwtClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  const header = decodePart(parts[0] as string);
  const claims = decodePart(parts[1] as string);
  if (!header || !claims || typeof header.alg !== 'string') return undefined;
  return claims;
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?[^/]+$/;

export const assumeRoleWithWebIdentity: OperationHandler = (_ctx, input) => {
  if (!ROLE_ARN.test(input.RoleArn as string)) throw validationError('Request ARN is invalid');
  const claims = jwtClaims(input.WebIdentityToken as string);
  if (!claims) throw invalidIdentityToken('The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)');
  if (typeof claims.iss !== 'string' || claims.iss === '') throw invalidIdentityToken('Missing a required claim: iss');
  // IAM OIDC providers (CreateOpenIDConnectProvider) are not implemented yet: none can match.
  throw invalidIdentityToken(`No OpenIDConnect provider found in your account for ${claims.iss}`);
};
