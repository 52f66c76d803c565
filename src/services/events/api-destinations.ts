/**
 * API destinations: an HTTP endpoint (InvocationEndpoint, with `*` for path parameters), the
 * method, and the connection whose credentials go with every call. As AWS requires HTTPS,
 * Bulwark also accepts plain HTTP (loopback webhooks in tests and labs). The invocation rate
 * limit is kept and shown (default 300 per second), not enforced.
 */
import { randomUUID } from 'node:crypto';
import { KIND, parseEventsArn, type ApiDestinationRecord, type ConnectionRecord } from '../../events/store/records.js';
import type { OperationHandler, OperationOutput, RequestContext } from '../types.js';
import { alreadyExists, apiDestinationNotFound, connectionNotFound, validation } from './errors.js';
import { dateOf, iso, pageOfNamed } from './lookup.js';
import { callerScope } from './scope.js';

const DEFAULT_RATE = 300;

function checkEndpoint(endpoint: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  // Unconfirmed wording.
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw validation(`Parameter InvocationEndpoint is not valid. Reason: ${endpoint} is not an http(s) URL.`);
}

/** The connection an ARN names, in the caller's account and Region. */
async function requireConnectionArn(ctx: RequestContext, arn: string): Promise<ConnectionRecord> {
  const parsed = parseEventsArn(arn);
  const name = parsed?.type === 'connection' ? parsed.rest.split('/')[0]! : arn;
  const scope = callerScope(ctx);
  const found = parsed && parsed.scope.account === scope.account && parsed.scope.region === scope.region ? (await ctx.store.get<ConnectionRecord>(scope, KIND.connection, name))?.value : undefined;
  if (!found || found.ConnectionArn !== arn) throw connectionNotFound(name);
  return found;
}

async function requireDestination(ctx: RequestContext, name: unknown): Promise<ApiDestinationRecord> {
  const found = typeof name === 'string' ? (await ctx.store.get<ApiDestinationRecord>(callerScope(ctx), KIND.apiDestination, name))?.value : undefined;
  if (!found) throw apiDestinationNotFound(String(name));
  return found;
}

const stateOutput = (d: ApiDestinationRecord): OperationOutput => ({
  ApiDestinationArn: d.ApiDestinationArn,
  ApiDestinationState: d.ApiDestinationState,
  CreationTime: dateOf(d.CreationTime),
  LastModifiedTime: dateOf(d.LastModifiedTime),
});

const fullOutput = (d: ApiDestinationRecord): OperationOutput => ({
  ApiDestinationArn: d.ApiDestinationArn,
  Name: d.Name,
  Description: d.Description,
  ApiDestinationState: d.ApiDestinationState,
  ConnectionArn: d.ConnectionArn,
  InvocationEndpoint: d.InvocationEndpoint,
  HttpMethod: d.HttpMethod,
  InvocationRateLimitPerSecond: d.InvocationRateLimitPerSecond,
  CreationTime: dateOf(d.CreationTime),
  LastModifiedTime: dateOf(d.LastModifiedTime),
});

export const createApiDestination: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const name = input.Name as string;
  checkEndpoint(input.InvocationEndpoint as string);
  await requireConnectionArn(ctx, input.ConnectionArn as string);
  const now = iso();
  const record: ApiDestinationRecord = {
    Name: name,
    ApiDestinationArn: `arn:aws:events:${scope.region}:${scope.account}:api-destination/${name}/${randomUUID()}`,
    Description: input.Description as string | undefined,
    ConnectionArn: input.ConnectionArn as string,
    InvocationEndpoint: input.InvocationEndpoint as string,
    HttpMethod: input.HttpMethod as string,
    InvocationRateLimitPerSecond: (input.InvocationRateLimitPerSecond as number | undefined) ?? DEFAULT_RATE,
    ApiDestinationState: 'ACTIVE',
    CreationTime: now,
    LastModifiedTime: now,
  };
  await ctx.store.transaction(async (tx) => {
    if (await tx.get(scope, KIND.apiDestination, name)) throw alreadyExists(`An api-destination '${name}' already exists.`);
    await tx.put(scope, KIND.apiDestination, name, record);
  });
  return stateOutput(record);
};

export const describeApiDestination: OperationHandler = async (ctx, input) => fullOutput(await requireDestination(ctx, input.Name));

export const updateApiDestination: OperationHandler = async (ctx, input) => {
  const current = await requireDestination(ctx, input.Name);
  if (input.InvocationEndpoint !== undefined) checkEndpoint(input.InvocationEndpoint as string);
  if (input.ConnectionArn !== undefined) await requireConnectionArn(ctx, input.ConnectionArn as string);
  const updated: ApiDestinationRecord = { ...current, LastModifiedTime: iso() };
  for (const key of ['Description', 'ConnectionArn', 'InvocationEndpoint', 'HttpMethod', 'InvocationRateLimitPerSecond'] as const) {
    if (input[key] !== undefined) (updated as unknown as Record<string, unknown>)[key] = input[key];
  }
  await ctx.store.put(callerScope(ctx), KIND.apiDestination, current.Name, updated);
  return stateOutput(updated);
};

export const deleteApiDestination: OperationHandler = async (ctx, input) => {
  const current = await requireDestination(ctx, input.Name);
  await ctx.store.delete(callerScope(ctx), KIND.apiDestination, current.Name);
  return {};
};

export const listApiDestinations: OperationHandler = async (ctx, input) => {
  const { page: shown, NextToken } = await pageOfNamed<ApiDestinationRecord>(ctx.store, callerScope(ctx), KIND.apiDestination, input, (d) => input.ConnectionArn === undefined || d.ConnectionArn === input.ConnectionArn);
  return {
    ApiDestinations: shown.map((d) => {
      const { Description: _, ...rest } = fullOutput(d);
      return rest;
    }),
    NextToken,
  };
};
