/**
 * What a target ARN names, among what Bulwark delivers to: an EventBridge API destination
 * (an HTTP endpoint), another event bus, or a Bulwark remediation action. Every other AWS
 * service (Lambda, SQS, SNS, Step Functions, …) is not served here, and PutTargets says so.
 */
import type { Scope } from '../../store/index.js';
import { parseEventsArn } from '../store/records.js';

export type TargetKind =
  | { kind: 'api-destination'; scope: Scope; name: string }
  | { kind: 'event-bus'; scope: Scope; bus: string }
  | { kind: 'remediation'; scope: Scope; name: string }
  | { kind: 'unsupported'; reason: string };

const REMEDIATION = /^arn:aws:bulwark:([a-z0-9-]+):(\d{12}):remediation\/([A-Za-z0-9._-]{1,128})$/;
export const REMEDIATION_FORM = 'arn:aws:bulwark:<region>:<account>:remediation/<name>';

export function targetKind(arn: string): TargetKind {
  const remediation = REMEDIATION.exec(arn);
  if (remediation) return { kind: 'remediation', scope: { region: remediation[1]!, account: remediation[2]! }, name: remediation[3]! };
  if (arn.startsWith('arn:aws:bulwark:')) return { kind: 'unsupported', reason: `${arn} is not a Bulwark remediation ARN (${REMEDIATION_FORM}).` };
  const events = parseEventsArn(arn);
  if (events?.type === 'api-destination') {
    const name = events.rest.split('/')[0]!;
    return { kind: 'api-destination', scope: events.scope, name };
  }
  if (events?.type === 'event-bus') return { kind: 'event-bus', scope: events.scope, bus: events.rest };
  const service = /^arn:[^:]+:([^:]*):/.exec(arn)?.[1] || 'this kind of';
  return {
    kind: 'unsupported',
    reason: `Bulwark does not serve ${service} targets (${arn}): it delivers to API destinations (HTTP endpoints), other event buses and Bulwark remediation actions (${REMEDIATION_FORM}).`,
  };
}
