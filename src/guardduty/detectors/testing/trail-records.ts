/** Hand-made CloudTrail records for the detectors' tests, in AWS's shape, and a way to run them. */
import type { Detection, Detector } from '../../detection.js';
import { DetectionEngine } from '../../engine.js';
import { NO_THREAT_INTEL, type ThreatIntel } from '../../threat-intel.js';
import { eventFromRecord, type TrailEvent, type TrailRecord } from '../../trail-event.js';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';

export function iamUser(name = 'alice', account = ACCOUNT): Record<string, unknown> {
  return { type: 'IAMUser', principalId: `AIDA${name.toUpperCase()}`, arn: `arn:aws:iam::${account}:user/${name}`, accountId: account, accessKeyId: `AKIA${name.toUpperCase()}`, userName: name };
}

export function rootUser(accessKeyId = 'AKIAROOTKEY', account = ACCOUNT): Record<string, unknown> {
  return { type: 'Root', principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account, accessKeyId };
}

export function roleSession(role = 'deployer', session = 'run-1', account = ACCOUNT): Record<string, unknown> {
  return {
    type: 'AssumedRole',
    principalId: `AROA${role.toUpperCase()}:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    accessKeyId: `ASIA${session.toUpperCase()}`,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: `AROA${role.toUpperCase()}`, arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role },
      attributes: { creationDate: '2026-03-01T09:00:00Z', mfaAuthenticated: 'false' },
    },
  };
}

export interface RecordFields {
  eventSource: string;
  eventName: string;
  requestParameters?: Record<string, unknown> | null;
  userIdentity?: Record<string, unknown>;
  eventTime?: string;
  sourceIPAddress?: string;
  userAgent?: string;
  errorCode?: string;
  awsRegion?: string;
  [field: string]: unknown;
}

/** A record with AWS's top-level fields; `fields` override them. */
export function trailRecord(fields: RecordFields): TrailRecord {
  return Object.assign(
    {
      eventVersion: '1.11',
      userIdentity: iamUser(),
      eventTime: '2026-03-01T10:00:00Z',
      awsRegion: 'us-east-1',
      sourceIPAddress: '198.51.100.7',
      userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22',
      requestParameters: null,
      responseElements: null,
      eventType: 'AwsApiCall',
      recipientAccountId: ACCOUNT,
    },
    fields,
  );
}

export function trailEvent(fields: RecordFields): TrailEvent {
  return eventFromRecord(trailRecord(fields));
}

/** Every detection (attack sequences included) the detectors make of the records, in order. */
export function detect(detectors: readonly Detector[], records: readonly TrailRecord[], threatIntel: ThreatIntel = NO_THREAT_INTEL): Detection[] {
  const found: Detection[] = [];
  const engine = new DetectionEngine({ detectors, threatIntel, onDetection: (d) => found.push(d) });
  for (const record of records) engine.inspect(eventFromRecord(record));
  return found;
}

/** The detections of one detector for one record. */
export function inspectOne(detector: Detector, fields: RecordFields): Detection[] {
  return detect([detector], [trailRecord(fields)]);
}

/** `count` event times a given number of seconds apart, from a start time. */
export function timesEvery(seconds: number, count: number, start = '2026-03-01T10:00:00Z'): string[] {
  const base = Date.parse(start);
  return Array.from({ length: count }, (_, i) => new Date(base + i * seconds * 1000).toISOString().replace('.000Z', 'Z'));
}

/** Detections as `<type> <severity>` lines, for compact assertions. */
export function summary(detections: readonly Detection[]): string[] {
  return detections.map((d) => `${d.type} ${d.severity}`);
}

/** One detector's detections of one record, as `<type> <severity>` lines. */
export function summaryOf(detector: Detector, fields: RecordFields): string[] {
  return summary(inspectOne(detector, fields));
}
