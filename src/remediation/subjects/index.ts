/**
 * From an EventBridge event to what it names: the event's kind by its detail-type and source,
 * then that kind's reader. Subjects come out once each, in the order the event names them.
 */
import type { EventEnvelope } from '../../events/envelope.js';
import { fieldsOf } from '../../guardduty/detectors/support/record-fields.js';
import type { EventKind, Subject } from '../action.js';
import { securityHubSubjects } from './asff.js';
import { cloudTrailSubjects } from './cloudtrail-call.js';
import { guardDutySubjects } from './guardduty-finding.js';

/** The detail-types of each kind, as AWS names them (docs and messages quote them). */
export const DETAIL_TYPES: Record<EventKind, readonly string[]> = {
  'guardduty-finding': ['GuardDuty Finding'],
  'securityhub-findings': ['Security Hub Findings - Imported', 'Security Hub Findings - Custom Action'],
  'cloudtrail-call': ['AWS API Call via CloudTrail'],
};

export function eventKind(event: EventEnvelope): EventKind | undefined {
  const type = event['detail-type'];
  if (event.source === 'aws.guardduty' && DETAIL_TYPES['guardduty-finding'].includes(type)) return 'guardduty-finding';
  if (event.source === 'aws.securityhub' && DETAIL_TYPES['securityhub-findings'].includes(type)) return 'securityhub-findings';
  if (event.source.startsWith('aws.') && DETAIL_TYPES['cloudtrail-call'].includes(type)) return 'cloudtrail-call';
  return undefined;
}

const READERS: Record<EventKind, (detail: Record<string, unknown>, region: string) => Subject[]> = {
  'guardduty-finding': guardDutySubjects,
  'securityhub-findings': securityHubSubjects,
  'cloudtrail-call': cloudTrailSubjects,
};

export function subjectsOf(event: EventEnvelope, kind: EventKind): Subject[] {
  const seen = new Set<string>();
  const subjects: Subject[] = [];
  for (const subject of READERS[kind](fieldsOf(event.detail), event.region)) {
    const key = JSON.stringify(subject);
    if (seen.has(key)) continue;
    seen.add(key);
    subjects.push(subject);
  }
  return subjects;
}

/** How messages name a subject. */
export function describeSubject(subject: Subject): string {
  switch (subject.kind) {
    case 'bucket':
      return `bucket ${subject.bucket}`;
    case 'access-key':
      return `access key ${subject.accessKeyId}`;
    case 'principal':
      return `${subject.type} ${subject.name}`;
    case 'trail':
      return subject.trail ? `trail ${subject.trail}` : `the trails of ${subject.region}`;
    case 'kms-key':
      return `key ${subject.keyId}`;
    case 'secret':
      return `secret ${subject.secretId}`;
    case 'finding':
      return `finding ${subject.id}`;
  }
}
