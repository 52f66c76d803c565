/**
 * OAuth client-credentials tokens of connections: requested from the authorization endpoint
 * (the connection's method, client id and secret as HTTP Basic, `grant_type=client_credentials`
 * and the connection's OAuth http parameters), kept until shortly before `expires_in` ends
 * (an hour when the answer does not say), per connection and authorization.
 */
import { DeliveryError } from '../delivery/delivery-error.js';
import type { ConnectionRecord, ConnectionSecrets, HttpParameters } from '../store/records.js';
import { httpCall } from './http-call.js';

interface Token {
  value: string;
  expiresAt: number;
}

export class OAuthTokens {
  private readonly tokens = new Map<string, Token>();

  async token(connection: ConnectionRecord, secrets: ConnectionSecrets, http: HttpParameters | undefined): Promise<string> {
    const key = `${connection.ConnectionArn}\u0001${connection.LastAuthorizedTime}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const oauth = connection.AuthParameters.OAuthParameters!;
    const url = new URL(oauth.AuthorizationEndpoint);
    for (const p of http?.QueryStringParameters ?? []) if (p.Key) url.searchParams.append(p.Key, p.Value ?? '');
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    for (const p of http?.BodyParameters ?? []) if (p.Key) body.append(p.Key, p.Value ?? '');
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${oauth.ClientParameters.ClientID}:${secrets.clientSecret ?? ''}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    };
    for (const p of http?.HeaderParameters ?? []) if (p.Key) headers[p.Key.toLowerCase()] = p.Value ?? '';
    const answer = await httpCall({ method: oauth.HttpMethod, url: url.toString(), headers, body: body.toString() }, 'OAuth token request');
    let parsed: { access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(answer) as typeof parsed;
    } catch {
      parsed = {};
    }
    if (typeof parsed.access_token !== 'string') throw new DeliveryError('OAUTH_ERROR', `The authorization endpoint ${oauth.AuthorizationEndpoint} answered no access_token.`, true);
    const lifetime = typeof parsed.expires_in === 'number' ? parsed.expires_in : 3600;
    this.tokens.set(key, { value: parsed.access_token, expiresAt: Date.now() + Math.max(0, lifetime - 30) * 1000 });
    return parsed.access_token;
  }
}
