/**
 * Policy:IAMUser/RootCredentialUsage and Policy:IAMUser/ShortTermRootCredentialUsage: an API
 * call made with the root user's credentials, told apart by how they were obtained —
 * short-term root credentials come from sts:AssumeRoot and their sessions carry
 * `sessionContext.assumedRoot: "true"`.
 *
 * Not counted: console sign-ins (signin.amazonaws.com events are sign-ins, not API calls) and
 * calls an AWS service made on the root user's behalf (`invokedBy`).
 *
 * Every root call would otherwise be a detection (Bulwark's own default credentials are the
 * root user's), so occurrences are reported at most once per access key, Region and minute:
 * the finding's Count counts minutes with root activity, not calls.
 */
import { SEVERITY, type Detector } from '../detection.js';
import type { TrailEvent } from '../trail-event.js';
import { BoundedMap } from './support/bounded-map.js';
import { fieldsOf } from './support/record-fields.js';

const ROOT_USAGE = 'Policy:IAMUser/RootCredentialUsage';
const SHORT_TERM_ROOT_USAGE = 'Policy:IAMUser/ShortTermRootCredentialUsage';
const KEYS_KEPT = 10_000;

function assumedRoot(event: TrailEvent): boolean {
  const session = fieldsOf(fieldsOf(event.record().userIdentity).sessionContext);
  return session.assumedRoot === 'true' || session.assumedRoot === true;
}

export function rootCredentialUsage(): Detector {
  /** Whether an access key is short-term root credentials (read once per key). */
  const shortTermKeys = new BoundedMap<string, boolean>(KEYS_KEPT);
  /** The minute (`YYYY-MM-DDTHH:MM`) last reported per access key and Region. */
  const lastMinute = new BoundedMap<string, string>(KEYS_KEPT);

  function isShortTerm(event: TrailEvent): boolean {
    const key = event.identity.accessKeyId;
    if (!key) return assumedRoot(event);
    let known = shortTermKeys.get(key);
    if (known === undefined) {
      known = assumedRoot(event);
      shortTermKeys.set(key, known);
    }
    return known;
  }

  return {
    name: 'root-credential-usage',
    findingTypes: [ROOT_USAGE, SHORT_TERM_ROOT_USAGE],
    inspect(event) {
      const identity = event.identity;
      if (identity.type !== 'Root' || identity.invokedBy !== '' || event.eventSource === 'signin.amazonaws.com') return undefined;
      const throttle = `${identity.accessKeyId || identity.key}\u0000${event.awsRegion}`;
      const minute = event.eventTime.slice(0, 16);
      if (lastMinute.get(throttle) === minute) return undefined;
      lastMinute.set(throttle, minute);
      if (isShortTerm(event)) {
        return {
          type: SHORT_TERM_ROOT_USAGE,
          severity: SEVERITY.LOW,
          event,
          title: 'An API was invoked with short-term root credentials.',
          description: `${event.eventName} was called with root credentials obtained through sts:AssumeRoot. Use them only for the privileged task they were issued for.`,
        };
      }
      return {
        type: ROOT_USAGE,
        severity: SEVERITY.LOW,
        event,
        title: 'An API was invoked with root credentials.',
        description: `${event.eventName} was called with the root user's credentials. Use least-privilege roles or users instead.`,
      };
    },
  };
}
