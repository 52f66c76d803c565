/**
 * AttackSequence:IAM/CompromisedCredentials: several signals on one principal within 24 hours
 * that together look like an attacker using stolen credentials. A sequence needs
 *  - evidence about the caller itself — a threat-listed address, attack tooling, a broken
 *    baseline or brute-forced sign-ins (COMPROMISE_EVIDENCE) — because administrators also
 *    create keys, attach policies and stop trails, and those alone never make a sequence; and
 *  - signals spanning at least MIN_TACTICS tactics (the evidence's own included).
 * A principal gets at most one sequence per window; later signals aggregate into its finding
 * through the engine's usual aggregation.
 */
import { SEVERITY, type Detection, type Detector } from '../detection.js';
import { BoundedMap } from './support/bounded-map.js';
import { DAY, isoMillis } from './support/event-time.js';

const TYPE = 'AttackSequence:IAM/CompromisedCredentials';
const WINDOW = DAY;
const MIN_TACTICS = 3;
const PRINCIPALS_KEPT = 10_000;

/** Finding types whose prefix is not an ATT&CK tactic name. */
const TACTIC_OF_PREFIX: Record<string, string> = {
  Stealth: 'DefenseEvasion',
  DefenseImpairment: 'DefenseEvasion',
  Recon: 'Discovery',
  UnauthorizedAccess: 'InitialAccess',
  PenTest: 'InitialAccess',
};
const NOT_TACTICS = new Set(['Policy', 'AttackSequence']);

/** Whether a signal says something about who is calling, not only about what was done. */
export function isCompromiseEvidence(type: string): boolean {
  return (
    type.endsWith('/AnomalousBehavior') ||
    type.includes('/MaliciousIPCaller') ||
    type.endsWith('/TorIPCaller') ||
    type.startsWith('PenTest:') ||
    type === 'CredentialAccess:IAM/BruteForce'
  );
}

/** The ATT&CK tactic a finding type stands for, '' for posture findings. */
export function tacticOfType(type: string): string {
  const prefix = type.slice(0, type.indexOf(':'));
  if (NOT_TACTICS.has(prefix)) return '';
  return TACTIC_OF_PREFIX[prefix] ?? prefix;
}

function timeOf(detection: Detection): number {
  return isoMillis(detection.event.eventTime);
}

export function attackSequence(): Detector {
  /** When each principal last showed compromise evidence, and when its last sequence was raised. */
  const evidenceAt = new BoundedMap<string, number>(PRINCIPALS_KEPT);
  const raisedAt = new BoundedMap<string, number>(PRINCIPALS_KEPT);
  return {
    name: 'attack-sequence',
    findingTypes: [TYPE],
    correlate(detection, context) {
      const principal = detection.event.identity.key;
      const now = timeOf(detection);
      if (isCompromiseEvidence(detection.type)) evidenceAt.set(principal, now);
      const evidence = evidenceAt.get(principal);
      if (evidence === undefined || !(now - evidence <= WINDOW)) return undefined;
      const raised = raisedAt.get(principal);
      if (raised !== undefined && now - raised <= WINDOW) return undefined;
      const signals = context.signalsOf(principal).filter((s) => s.type !== TYPE && Math.abs(now - timeOf(s)) <= WINDOW);
      const tactics = new Set(signals.map((s) => tacticOfType(s.type)).filter(Boolean));
      if (tactics.size < MIN_TACTICS) return undefined;
      raisedAt.set(principal, now);
      const types = [...new Set(signals.map((s) => s.type))].sort();
      return {
        type: TYPE,
        severity: SEVERITY.CRITICAL,
        event: detection.event,
        title: 'A sequence of signals shows these credentials are likely compromised.',
        description: `Within 24 hours this principal raised ${types.length} kinds of finding across ${tactics.size} tactics, with evidence about the caller itself: ${types.join(', ')}.`,
        additionalInfo: { tactics: [...tactics].sort(), signals: signals.map((s) => ({ type: s.type, api: s.event.eventName, time: s.event.eventTime })) },
      };
    },
  };
}
