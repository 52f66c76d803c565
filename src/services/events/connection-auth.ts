/**
 * A connection's AuthParameters split into what DescribeConnection shows and the secret
 * values sealed apart (connection-secrets.ts): the password, the API key value, the OAuth
 * client secret, and every http parameter marked IsValueSecret (shown without its Value).
 */
import { joinHttp, parameterKey } from '../../events/store/connection-secrets.js';
import type { AuthorizationType, ConnectionSecrets, HttpParameter, HttpParameters, PublicAuthParameters } from '../../events/store/records.js';
import { validation } from './errors.js';

type Params = Record<string, any>;

const SECTIONS = ['HeaderParameters', 'QueryStringParameters', 'BodyParameters'] as const;

const REQUIRED: Record<AuthorizationType, string> = {
  BASIC: 'BasicAuthParameters',
  API_KEY: 'ApiKeyAuthParameters',
  OAUTH_CLIENT_CREDENTIALS: 'OAuthParameters',
};

/** Checks that the parameters of the authorization type (and only those) are given. */
export function checkAuthParameters(type: AuthorizationType, params: Params): void {
  const needed = REQUIRED[type];
  // Unconfirmed wording (both).
  if (params[needed] === undefined) throw validation(`${needed} must be specified for authorization type ${type}.`);
  for (const [other, member] of Object.entries(REQUIRED)) {
    if (member !== needed && params[member] !== undefined) throw validation(`${member} cannot be specified for authorization type ${type} (it belongs to ${other}).`);
  }
}

export function splitAuthParameters(params: Params): { shown: PublicAuthParameters; secrets: ConnectionSecrets } {
  const shown: PublicAuthParameters = {};
  const secrets: ConnectionSecrets = { parameters: {} };
  if (params.BasicAuthParameters) {
    shown.BasicAuthParameters = { Username: params.BasicAuthParameters.Username };
    secrets.password = params.BasicAuthParameters.Password;
  }
  if (params.ApiKeyAuthParameters) {
    shown.ApiKeyAuthParameters = { ApiKeyName: params.ApiKeyAuthParameters.ApiKeyName };
    secrets.apiKeyValue = params.ApiKeyAuthParameters.ApiKeyValue;
  }
  if (params.OAuthParameters) {
    const o = params.OAuthParameters;
    shown.OAuthParameters = { ClientParameters: { ClientID: o.ClientParameters?.ClientID }, AuthorizationEndpoint: o.AuthorizationEndpoint, HttpMethod: o.HttpMethod };
    secrets.clientSecret = o.ClientParameters?.ClientSecret;
    if (o.OAuthHttpParameters) shown.OAuthParameters.OAuthHttpParameters = splitHttp('oauth', o.OAuthHttpParameters, secrets);
  }
  if (params.InvocationHttpParameters) shown.InvocationHttpParameters = splitHttp('invocation', params.InvocationHttpParameters, secrets);
  return { shown, secrets };
}

function splitHttp(section: string, http: HttpParameters, secrets: ConnectionSecrets): HttpParameters {
  const out: HttpParameters = {};
  for (const kind of SECTIONS) {
    const list = http[kind];
    if (!list) continue;
    out[kind] = list.map((p: HttpParameter, i: number) => {
      if (!p.IsValueSecret) return { ...p };
      secrets.parameters![parameterKey(section, kind, i)] = p.Value ?? '';
      return { Key: p.Key, IsValueSecret: true };
    });
  }
  return out;
}

/**
 * UpdateConnection's AuthParameters over the current ones (given in the Create shape, secrets
 * filled in): members it gives replace, others stay.
 */
export function mergeAuthParameters(current: Params, update: Params): Params {
  const merged: Params = { ...current };
  for (const key of ['BasicAuthParameters', 'ApiKeyAuthParameters'] as const) {
    if (update[key]) merged[key] = { ...(current[key] ?? {}), ...update[key] };
  }
  if (update.OAuthParameters) {
    const o = update.OAuthParameters;
    const c = current.OAuthParameters ?? {};
    merged.OAuthParameters = { ...c, ...o, ClientParameters: { ...(c.ClientParameters ?? {}), ...(o.ClientParameters ?? {}) } };
  }
  if (update.InvocationHttpParameters) merged.InvocationHttpParameters = update.InvocationHttpParameters;
  return merged;
}

/** The stored parameters back in the Create shape, secret values put back. */
export function joinAuthParameters(shown: PublicAuthParameters, secrets: ConnectionSecrets): Params {
  const out: Params = {};
  if (shown.BasicAuthParameters) out.BasicAuthParameters = { ...shown.BasicAuthParameters, Password: secrets.password };
  if (shown.ApiKeyAuthParameters) out.ApiKeyAuthParameters = { ...shown.ApiKeyAuthParameters, ApiKeyValue: secrets.apiKeyValue };
  if (shown.OAuthParameters) {
    const o = shown.OAuthParameters;
    out.OAuthParameters = { ...o, ClientParameters: { ...o.ClientParameters, ClientSecret: secrets.clientSecret } };
    if (o.OAuthHttpParameters) out.OAuthParameters.OAuthHttpParameters = joinHttp('oauth', o.OAuthHttpParameters, secrets);
  }
  if (shown.InvocationHttpParameters) out.InvocationHttpParameters = joinHttp('invocation', shown.InvocationHttpParameters, secrets);
  return out;
}
