/**
 * The event as EventBridge delivers it: version "0", a version 4 UUID, detail-type, source,
 * account, time (ISO 8601 in whole seconds), region, resources and detail — in AWS's key
 * order. Events of AWS services (ServiceEvent) are wrapped in it on arrival.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceEvent } from '../core/service-events.js';

export interface EventEnvelope {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** `2017-12-22T18:43:48Z`: EventBridge's times carry whole seconds. */
export const envelopeTime = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

export function envelope(fields: { id?: string; detailType: string; source: string; account: string; region: string; time?: Date; resources?: string[]; detail: Record<string, unknown> }): EventEnvelope {
  return {
    version: '0',
    id: fields.id ?? randomUUID(),
    'detail-type': fields.detailType,
    source: fields.source,
    account: fields.account,
    time: envelopeTime(fields.time ?? new Date()),
    region: fields.region,
    resources: fields.resources ?? [],
    detail: fields.detail,
  };
}

export const serviceEventEnvelope = (event: ServiceEvent): EventEnvelope =>
  envelope({ detailType: event.detailType, source: event.source, account: event.account, region: event.region, time: event.time, resources: event.resources, detail: event.detail });
