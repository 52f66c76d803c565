/**
 * Where a call acts: the caller's account and the request's Region, and the event bus an
 * `EventBusName` member names — a name, or the ARN of a bus of that same account and Region
 * (buses of other accounts need resource policies, which Bulwark does not implement: such an
 * ARN names no bus here).
 */
import type { Scope } from '../../store/index.js';
import { DEFAULT_BUS, parseEventsArn } from '../../events/store/records.js';
import type { RequestContext } from '../types.js';
import { busNotFound } from './errors.js';

export const callerScope = (ctx: RequestContext): Scope => ({ account: ctx.account, region: ctx.region });

/** The bus name an `EventBusName` (name or ARN) gives, default when absent. */
export function busNameOf(ctx: RequestContext, nameOrArn: unknown): string {
  if (typeof nameOrArn !== 'string' || nameOrArn === '') return DEFAULT_BUS;
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  const arn = parseEventsArn(nameOrArn);
  if (!arn || arn.type !== 'event-bus' || arn.scope.account !== ctx.account || arn.scope.region !== ctx.region) {
    throw busNotFound(arn?.type === 'event-bus' ? arn.rest : nameOrArn);
  }
  return arn.rest;
}
