/**
 * Rules the event readers share: which caller can be acted on (a long-term `AKIA` key, an IAM
 * user or a role — never the root user, a temporary key or a service), and where a trail is.
 */
import type { Subject, SubjectOf } from '../action.js';

const LONG_TERM_KEY = /^AKIA[A-Z0-9]{12,124}$/;

/** The actor's access key (long-term, not the root user's) and principal (IAMUser → user, AssumedRole → its role). */
export function actorSubjects(accessKeyId: string, userType: string, name: string): Subject[] {
  const subjects: Subject[] = [];
  if (LONG_TERM_KEY.test(accessKeyId) && userType !== 'Root') subjects.push({ kind: 'access-key', accessKeyId });
  if (!name) return subjects;
  if (userType === 'IAMUser') subjects.push({ kind: 'principal', type: 'user', name });
  else if (userType === 'AssumedRole' || userType === 'Role') subjects.push({ kind: 'principal', type: 'role', name });
  return subjects;
}

const TRAIL_ARN = /^arn:aws[\w-]*:cloudtrail:([a-z0-9-]+):\d{12}:trail\/(.+)$/;

/**
 * A trail by name or ARN (an ARN's Region is the trail's home Region); without one, a call
 * that stopped logging (StopLogging) still says a trail of the Region stopped.
 */
export function trailSubject(trail: string, api: string, region: string): SubjectOf<'trail'> | undefined {
  if (trail) return { kind: 'trail', trail, region: TRAIL_ARN.exec(trail)?.[1] ?? region };
  return api === 'StopLogging' ? { kind: 'trail', trail: undefined, region } : undefined;
}

/** The last part of an ARN's resource (`arn:aws:iam::1:user/path/bob` → `bob`), or the text itself. */
export function nameOf(arnOrName: string): string {
  if (!arnOrName.startsWith('arn:')) return arnOrName;
  const resource = arnOrName.split(':').slice(5).join(':');
  return resource.slice(resource.lastIndexOf('/') + 1);
}
