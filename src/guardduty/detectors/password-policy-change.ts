/**
 * Stealth:IAMUser/PasswordPolicyChange: the account password policy deleted or weakened, or an
 * attempt to. UpdateAccountPasswordPolicy replaces the whole policy, so each update is compared
 * with the last policy seen for the account: a shorter minimum length, a character class no
 * longer required, a longer (or no) expiry, fewer (or no) remembered passwords. The first update
 * seen for an account has nothing to be compared with and is not reported.
 *
 * Severity grows with the change, as GuardDuty's does: one weakened setting Low, several
 * Medium, deletion Medium.
 */
import { SEVERITY, type Detector } from '../detection.js';
import { recipientAccount, type TrailEvent } from '../trail-event.js';
import { BoundedMap } from './support/bounded-map.js';
import { isTrue, member, requestParameters } from './support/record-fields.js';

const TYPE = 'Stealth:IAMUser/PasswordPolicyChange';
const ACCOUNTS_KEPT = 10_000;
const REQUIREMENTS = ['RequireSymbols', 'RequireNumbers', 'RequireUppercaseCharacters', 'RequireLowercaseCharacters'] as const;

interface PasswordPolicy {
  minimumLength: number;
  requirements: Record<string, boolean>;
  /** Days; Infinity when passwords never expire. */
  maxAge: number;
  reusePrevention: number;
}

function numberOr(value: unknown, fallback: number): number {
  const n = Number(value);
  return value === undefined || value === null || Number.isNaN(n) ? fallback : n;
}

function policyOf(event: TrailEvent): PasswordPolicy {
  const parameters = requestParameters(event);
  const requirements: Record<string, boolean> = {};
  for (const name of REQUIREMENTS) requirements[name] = isTrue(member(parameters, name));
  return {
    minimumLength: numberOr(member(parameters, 'MinimumPasswordLength'), 6),
    requirements,
    maxAge: numberOr(member(parameters, 'MaxPasswordAge'), Infinity) || Infinity,
    reusePrevention: numberOr(member(parameters, 'PasswordReusePrevention'), 0),
  };
}

/** The settings in which `next` is weaker than `previous`. */
export function weakenedSettings(previous: PasswordPolicy, next: PasswordPolicy): string[] {
  const weaker: string[] = [];
  if (next.minimumLength < previous.minimumLength) weaker.push('MinimumPasswordLength');
  for (const name of REQUIREMENTS) if (previous.requirements[name] && !next.requirements[name]) weaker.push(name);
  if (next.maxAge > previous.maxAge) weaker.push('MaxPasswordAge');
  if (next.reusePrevention < previous.reusePrevention) weaker.push('PasswordReusePrevention');
  return weaker;
}

export function passwordPolicyChange(): Detector {
  const policies = new BoundedMap<string, PasswordPolicy>(ACCOUNTS_KEPT);
  return {
    name: 'password-policy-change',
    findingTypes: [TYPE],
    eventNames: ['UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy'],
    inspect(event) {
      if (event.eventSource !== 'iam.amazonaws.com') return undefined;
      const account = recipientAccount(event);
      const failed = event.errorCode !== undefined;
      if (event.eventName === 'DeleteAccountPasswordPolicy') {
        if (!failed) policies.delete(account);
        return {
          type: TYPE,
          severity: failed ? SEVERITY.LOW : SEVERITY.MEDIUM,
          event,
          title: 'The account password policy was deleted.',
          description: 'Without a password policy IAM users may set short passwords of any kind that never expire.',
          additionalInfo: { change: 'deleted' },
        };
      }
      const next = policyOf(event);
      const previous = policies.get(account);
      if (!failed) policies.set(account, next);
      if (!previous) return undefined;
      const weakened = weakenedSettings(previous, next);
      if (weakened.length === 0) return undefined;
      return {
        type: TYPE,
        severity: weakened.length > 1 && !failed ? SEVERITY.MEDIUM : SEVERITY.LOW,
        event,
        title: 'The account password policy was weakened.',
        description: `The new password policy is weaker in: ${weakened.join(', ')}.`,
        additionalInfo: { change: 'weakened', weakenedSettings: weakened },
      };
    },
  };
}
