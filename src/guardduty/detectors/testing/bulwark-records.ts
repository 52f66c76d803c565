/**
 * CloudTrail records as Bulwark itself writes them for a call (src/cloudtrail/record.ts): the
 * detectors' tests check that the rules read Bulwark's own records, not only AWS's.
 */
import { rootPrincipal, type Principal } from '../../../accounts/principal.js';
import { eventTraits } from '../../../cloudtrail/event-traits.js';
import { recordLines } from '../../../cloudtrail/record.js';
import { loadServiceModel } from '../../../models/index.js';
import type { TrailRecord } from '../../trail-event.js';
import { ACCOUNT } from './trail-records.js';

export const BULWARK_ROOT: Principal = rootPrincipal(ACCOUNT, 'AKIAROOTKEY');

export interface BulwarkCall {
  principal?: Principal;
  /** The call's time (default 2026-03-01T10:00:00Z). */
  at?: string;
  /** ARNs the call acted on (S3 objects and buckets name the owner through them). */
  resources?: string[];
}

/** The caller's record of one successful call of `operation` with `input`. */
export async function bulwarkRecord(service: string, operation: string, input: Record<string, unknown>, call: BulwarkCall = {}): Promise<TrailRecord> {
  const model = loadServiceModel(service);
  const op = model.operation(operation);
  if (!op) throw new Error(`${service} has no operation ${operation}`);
  const bucket = typeof input.Bucket === 'string' ? input.Bucket : undefined;
  const [line] = recordLines({
    requestId: 'request-1',
    principal: call.principal ?? BULWARK_ROOT,
    region: 'us-east-1',
    sourceIp: '198.51.100.7',
    userAgent: 'aws-sdk-js/3',
    receivedAt: new Date(call.at ?? '2026-03-01T10:00:00Z'),
    model,
    op,
    traits: await eventTraits(service, operation),
    input,
    host: bucket ? `${bucket}.s3.us-east-1.amazonaws.com` : undefined,
    resources: call.resources,
    resourceAccount: bucket ? ACCOUNT : undefined,
  });
  return JSON.parse(line!) as TrailRecord;
}
