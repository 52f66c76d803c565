/**
 * CredentialAccess:IAM/BruteForce (Bulwark's): failed console sign-ins piling up from one
 * address or against one user within a window, and a successful sign-in from an address that
 * has just failed that often. CloudTrail records a failed ConsoleLogin with
 * `responseElements.ConsoleLogin: "Failure"` (and `errorMessage: "Failed authentication"`).
 */
import { SEVERITY, type Detection, type Detector } from '../detection.js';
import type { TrailEvent } from '../trail-event.js';
import { eventMillis, MINUTE } from './support/event-time.js';
import { fieldsOf } from './support/record-fields.js';
import { WeightedWindow } from './support/weighted-window.js';

export interface BruteForceOptions {
  /** Failed sign-ins from one address, or against one user, within the window that make a finding. */
  failures: number;
  windowMinutes: number;
}

export const BRUTE_FORCE_DEFAULTS: BruteForceOptions = { failures: 10, windowMinutes: 10 };

const TYPE = 'CredentialAccess:IAM/BruteForce';
const KEYS_KEPT = 10_000;

function failed(event: TrailEvent): boolean {
  const record = event.record();
  return fieldsOf(record.responseElements).ConsoleLogin === 'Failure' || record.errorMessage === 'Failed authentication' || event.errorCode !== undefined;
}

export function consoleBruteForce(options: BruteForceOptions = BRUTE_FORCE_DEFAULTS): Detector {
  const byAddress = new WeightedWindow(options.windowMinutes * MINUTE, KEYS_KEPT);
  const byUser = new WeightedWindow(options.windowMinutes * MINUTE, KEYS_KEPT);

  function detection(event: TrailEvent, signal: string, severity: number, title: string, count: number, discriminator: string): Detection {
    return {
      type: TYPE,
      severity,
      event,
      title,
      description: `${count} failed console sign-ins within ${options.windowMinutes} minutes (threshold ${options.failures}).`,
      discriminator,
      additionalInfo: { signal, definedBy: 'Bulwark', failedSignIns: count, threshold: options.failures, windowMinutes: options.windowMinutes },
    };
  }

  return {
    name: 'console-brute-force',
    findingTypes: [TYPE],
    eventNames: ['ConsoleLogin'],
    inspect(event) {
      if (event.eventSource !== 'signin.amazonaws.com') return undefined;
      const address = event.sourceIPAddress;
      const time = eventMillis(event);
      if (!failed(event)) {
        const before = byAddress.total(address, time);
        if (before < options.failures) return undefined;
        return detection(event, 'ConsoleLoginSucceededAfterFailures', SEVERITY.HIGH, 'A console sign-in succeeded after many failures from the same address.', before, address);
      }
      const found: Detection[] = [];
      const fromAddress = byAddress.add(address, time);
      if (fromAddress >= options.failures) {
        found.push(detection(event, 'ConsoleLoginFailuresFromAddress', SEVERITY.MEDIUM, 'Many failed console sign-ins came from one address.', fromAddress, address));
      }
      const user = event.identity.key;
      const againstUser = byUser.add(user, time);
      if (againstUser >= options.failures) {
        found.push(detection(event, 'ConsoleLoginFailuresForUser', SEVERITY.MEDIUM, 'Many console sign-ins failed for one user.', againstUser, user));
      }
      return found;
    },
  };
}
