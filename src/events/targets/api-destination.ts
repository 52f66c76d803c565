/**
 * Calling an API destination with an event: its method on its endpoint (each `*` in the path
 * filled from the target's PathParameterValues), the connection's credentials (API key header,
 * Basic, OAuth bearer token) and http parameters, the target's HeaderParameters and
 * QueryStringParameters, and the (transformed) event as a JSON body — the connection's body
 * parameters added when the body is a JSON object. A destination or connection that no longer
 * exists, or a deauthorized connection, is not retried.
 */
import type { MasterKey } from '../../crypto/master-key.js';
import type { Scope, Store } from '../../store/index.js';
import { DeliveryError } from '../delivery/delivery-error.js';
import { joinHttp, openSecrets } from '../store/connection-secrets.js';
import { KIND, parseEventsArn, type ApiDestinationRecord, type ConnectionRecord, type ConnectionSecrets, type HttpParameters, type TargetRecord } from '../store/records.js';
import { httpCall, type HttpRequestSpec } from './http-call.js';
import type { OAuthTokens } from './oauth-tokens.js';

export interface ApiDestinationDeps {
  store: Store;
  masterKey?: MasterKey;
  tokens: OAuthTokens;
}

export async function callApiDestination(deps: ApiDestinationDeps, scope: Scope, name: string, target: TargetRecord, payload: string): Promise<void> {
  const destination = (await deps.store.get<ApiDestinationRecord>(scope, KIND.apiDestination, name))?.value;
  if (!destination || destination.ApiDestinationArn !== target.Arn) throw new DeliveryError('RESOURCE_NOT_FOUND', `The API destination ${target.Arn} does not exist.`, false);
  const connection = await connectionOf(deps.store, destination.ConnectionArn);
  if (connection.ConnectionState !== 'AUTHORIZED') throw new DeliveryError('NO_PERMISSIONS', `The connection ${connection.ConnectionArn} is deauthorized.`, false);
  if (!deps.masterKey) throw new DeliveryError('INTERNAL_ERROR', 'The connection credentials cannot be opened: startEventBridge was given no master key.', false);
  const secrets = openSecrets(deps.masterKey, connection);
  const invocation = connection.AuthParameters.InvocationHttpParameters ? joinHttp('invocation', connection.AuthParameters.InvocationHttpParameters, secrets) : undefined;
  const request = buildRequest(destination, target, payload, invocation);
  await authorize(deps, connection, secrets, request);
  await httpCall(request, 'API destination');
}

async function connectionOf(store: Store, arn: string): Promise<ConnectionRecord> {
  const parsed = parseEventsArn(arn);
  const connection = parsed ? (await store.get<ConnectionRecord>(parsed.scope, KIND.connection, parsed.rest.split('/')[0]!))?.value : undefined;
  if (!connection || connection.ConnectionArn !== arn) throw new DeliveryError('RESOURCE_NOT_FOUND', `The connection ${arn} does not exist.`, false);
  return connection;
}

function buildRequest(destination: ApiDestinationRecord, target: TargetRecord, payload: string, invocation: HttpParameters | undefined): HttpRequestSpec {
  const pathValues = [...(target.HttpParameters?.PathParameterValues ?? [])];
  const url = new URL(destination.InvocationEndpoint.replace(/\*/g, () => encodeURIComponent(pathValues.shift() ?? '')));
  for (const p of invocation?.QueryStringParameters ?? []) if (p.Key) url.searchParams.append(p.Key, p.Value ?? '');
  for (const [k, v] of Object.entries(target.HttpParameters?.QueryStringParameters ?? {})) url.searchParams.append(k, v);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Amazon/EventBridge/ApiDestinations' };
  for (const p of invocation?.HeaderParameters ?? []) if (p.Key) headers[p.Key.toLowerCase()] = p.Value ?? '';
  for (const [k, v] of Object.entries(target.HttpParameters?.HeaderParameters ?? {})) headers[k.toLowerCase()] = v;
  return { method: destination.HttpMethod, url: url.toString(), headers, body: withBodyParameters(payload, invocation) };
}

function withBodyParameters(payload: string, invocation: HttpParameters | undefined): string {
  const extra = invocation?.BodyParameters ?? [];
  if (extra.length === 0) return payload;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return payload;
  for (const p of extra) if (p.Key) (body as Record<string, unknown>)[p.Key] = p.Value ?? '';
  return JSON.stringify(body);
}

async function authorize(deps: ApiDestinationDeps, connection: ConnectionRecord, secrets: ConnectionSecrets, request: HttpRequestSpec): Promise<void> {
  const auth = connection.AuthParameters;
  switch (connection.AuthorizationType) {
    case 'API_KEY':
      request.headers[auth.ApiKeyAuthParameters!.ApiKeyName.toLowerCase()] = secrets.apiKeyValue ?? '';
      return;
    case 'BASIC':
      request.headers.authorization = `Basic ${Buffer.from(`${auth.BasicAuthParameters!.Username}:${secrets.password ?? ''}`).toString('base64')}`;
      return;
    case 'OAUTH_CLIENT_CREDENTIALS': {
      const http = auth.OAuthParameters?.OAuthHttpParameters ? joinHttp('oauth', auth.OAuthParameters.OAuthHttpParameters, secrets) : undefined;
      request.headers.authorization = `Bearer ${await deps.tokens.token(connection, secrets, http)}`;
    }
  }
}
