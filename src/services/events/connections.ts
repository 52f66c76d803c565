/**
 * Connections: how EventBridge authenticates to an API destination — API key (a header),
 * Basic, or OAuth client credentials (a token fetched from the authorization endpoint) — plus
 * extra header, query string and body parameters. Secret values are sealed under the master
 * key and never returned (DescribeConnection shows names, usernames and client ids only).
 * A connection is AUTHORIZED at once (an OAuth token is fetched when first needed).
 * Private APIs (InvocationConnectivityParameters) are not supported.
 */
import { randomUUID } from 'node:crypto';
import { openSecrets, sealSecrets } from '../../events/store/connection-secrets.js';
import { KIND, type AuthorizationType, type ConnectionRecord } from '../../events/store/records.js';
import type { OperationHandler, OperationOutput, RequestContext } from '../types.js';
import { alreadyExists, connectionNotFound, validation } from './errors.js';
import { checkAuthParameters, joinAuthParameters, mergeAuthParameters, splitAuthParameters } from './connection-auth.js';
import { dateOf, iso, pageOfNamed } from './lookup.js';
import { callerScope } from './scope.js';

function refusePrivateApis(input: Record<string, unknown>): void {
  const params = input.AuthParameters as Record<string, unknown> | undefined;
  if (input.InvocationConnectivityParameters !== undefined || params?.ConnectivityParameters !== undefined) {
    throw validation('Bulwark does not support connections to private APIs (InvocationConnectivityParameters): API destinations call public or loopback HTTP endpoints.');
  }
}

async function requireConnection(ctx: RequestContext, name: unknown): Promise<ConnectionRecord> {
  const found = typeof name === 'string' ? (await ctx.store.get<ConnectionRecord>(callerScope(ctx), KIND.connection, name))?.value : undefined;
  if (!found) throw connectionNotFound(String(name));
  return found;
}

const stateOutput = (c: ConnectionRecord, state: string = c.ConnectionState): OperationOutput => ({
  ConnectionArn: c.ConnectionArn,
  ConnectionState: state,
  CreationTime: dateOf(c.CreationTime),
  LastModifiedTime: dateOf(c.LastModifiedTime),
  LastAuthorizedTime: dateOf(c.LastAuthorizedTime),
});

export const createConnection: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const name = input.Name as string;
  const type = input.AuthorizationType as AuthorizationType;
  const params = input.AuthParameters as Record<string, any>;
  refusePrivateApis(input);
  checkAuthParameters(type, params);
  const arn = `arn:aws:events:${scope.region}:${scope.account}:connection/${name}/${randomUUID()}`;
  const { shown, secrets } = splitAuthParameters(params);
  const now = iso();
  const record: ConnectionRecord = {
    Name: name,
    ConnectionArn: arn,
    Description: input.Description as string | undefined,
    AuthorizationType: type,
    AuthParameters: shown,
    KmsKeyIdentifier: input.KmsKeyIdentifier as string | undefined,
    ConnectionState: 'AUTHORIZED',
    SealedSecrets: sealSecrets(ctx.masterKey, arn, secrets),
    CreationTime: now,
    LastModifiedTime: now,
    LastAuthorizedTime: now,
  };
  await ctx.store.transaction(async (tx) => {
    if (await tx.get(scope, KIND.connection, name)) throw alreadyExists(`Connection ${name} already exists.`);
    await tx.put(scope, KIND.connection, name, record);
  });
  const { LastAuthorizedTime: _, ...out } = stateOutput(record);
  return out;
};

export const describeConnection: OperationHandler = async (ctx, input) => {
  const c = await requireConnection(ctx, input.Name);
  return {
    ConnectionArn: c.ConnectionArn,
    Name: c.Name,
    Description: c.Description,
    ConnectionState: c.ConnectionState,
    AuthorizationType: c.AuthorizationType,
    KmsKeyIdentifier: c.KmsKeyIdentifier,
    AuthParameters: c.AuthParameters,
    CreationTime: dateOf(c.CreationTime),
    LastModifiedTime: dateOf(c.LastModifiedTime),
    LastAuthorizedTime: dateOf(c.LastAuthorizedTime),
  };
};

export const updateConnection: OperationHandler = async (ctx, input) => {
  refusePrivateApis(input);
  const scope = callerScope(ctx);
  const current = await requireConnection(ctx, input.Name);
  const type = (input.AuthorizationType as AuthorizationType | undefined) ?? current.AuthorizationType;
  const params = input.AuthParameters
    ? mergeAuthParameters(type === current.AuthorizationType ? joinAuthParameters(current.AuthParameters, openSecrets(ctx.masterKey, current)) : {}, input.AuthParameters as Record<string, any>)
    : joinAuthParameters(current.AuthParameters, openSecrets(ctx.masterKey, current));
  checkAuthParameters(type, params);
  const { shown, secrets } = splitAuthParameters(params);
  const now = iso();
  const updated: ConnectionRecord = {
    ...current,
    Description: input.Description !== undefined ? (input.Description as string) : current.Description,
    KmsKeyIdentifier: input.KmsKeyIdentifier !== undefined ? (input.KmsKeyIdentifier as string) : current.KmsKeyIdentifier,
    AuthorizationType: type,
    AuthParameters: shown,
    ConnectionState: 'AUTHORIZED',
    SealedSecrets: sealSecrets(ctx.masterKey, current.ConnectionArn, secrets),
    LastModifiedTime: now,
    LastAuthorizedTime: now,
  };
  await ctx.store.put(scope, KIND.connection, current.Name, updated);
  return stateOutput(updated);
};

/** Forgets the secret values; the connection stays, DEAUTHORIZED, until updated with new ones. */
export const deauthorizeConnection: OperationHandler = async (ctx, input) => {
  const current = await requireConnection(ctx, input.Name);
  const updated: ConnectionRecord = { ...current, ConnectionState: 'DEAUTHORIZED', SealedSecrets: undefined, LastModifiedTime: iso() };
  await ctx.store.put(callerScope(ctx), KIND.connection, current.Name, updated);
  return stateOutput(updated, 'DEAUTHORIZING');
};

export const deleteConnection: OperationHandler = async (ctx, input) => {
  const current = await requireConnection(ctx, input.Name);
  await ctx.store.delete(callerScope(ctx), KIND.connection, current.Name);
  return stateOutput(current, 'DELETING');
};

export const listConnections: OperationHandler = async (ctx, input) => {
  const { page: shown, NextToken } = await pageOfNamed<ConnectionRecord>(ctx.store, callerScope(ctx), KIND.connection, input, (c) => input.ConnectionState === undefined || c.ConnectionState === input.ConnectionState);
  return {
    Connections: shown.map((c) => ({
      ConnectionArn: c.ConnectionArn,
      Name: c.Name,
      ConnectionState: c.ConnectionState,
      AuthorizationType: c.AuthorizationType,
      CreationTime: dateOf(c.CreationTime),
      LastModifiedTime: dateOf(c.LastModifiedTime),
      LastAuthorizedTime: dateOf(c.LastAuthorizedTime),
    })),
    NextToken,
  };
};
