/**
 * The *:IAMUser/AnomalousBehavior family: a principal that Bulwark has watched through its
 * learning period calls an API of a tactic (api-tactics.ts) it never used before. The baseline
 * is the set of tactics each principal (CallerIdentity.key: a role's sessions are one
 * principal) has used; it is transparent — the finding says which tactics the principal had
 * used and since when.
 *
 * Learning: a principal's first `learningEvents` calls and first `learningDays` days (by event
 * time) only build the baseline; nothing is reported before both have passed. Afterwards each
 * new tactic is reported once and joins the baseline. Calls an AWS service made on a
 * principal's behalf are not its behaviour and are skipped.
 *
 * Per event this costs two Map lookups and a string comparison (event times are ISO 8601 and
 * compare as text).
 */
import { SEVERITY, type Detector } from '../detection.js';
import { tacticOf, TACTICS, type Tactic } from './api-tactics.js';
import { BoundedMap } from './support/bounded-map.js';
import { DAY, isoMillis } from './support/event-time.js';

export interface BaselineOptions {
  /** Calls a principal must make before its baseline is complete. */
  learningEvents: number;
  /** Days (of event time) a principal must be watched before its baseline is complete. */
  learningDays: number;
  /** Principals whose baselines are kept (the oldest is forgotten, and learns again). */
  principalsKept: number;
}

export const BASELINE_DEFAULTS: BaselineOptions = { learningEvents: 100, learningDays: 7, principalsKept: 100_000 };

/** GuardDuty's default severity per finding type of the family. */
const SEVERITY_BY_TACTIC: Record<Tactic, number> = {
  CredentialAccess: SEVERITY.MEDIUM,
  DefenseEvasion: SEVERITY.MEDIUM,
  Discovery: SEVERITY.LOW,
  Exfiltration: SEVERITY.HIGH,
  Impact: SEVERITY.HIGH,
  InitialAccess: SEVERITY.MEDIUM,
  Persistence: SEVERITY.MEDIUM,
  PrivilegeEscalation: SEVERITY.MEDIUM,
};

const BIT = new Map<Tactic, number>(TACTICS.map((tactic, i) => [tactic, 1 << i]));

interface Baseline {
  firstSeen: string;
  /** Event time (ISO 8601, compared as text) from which the learning period may end. */
  learnedAfter: string;
  events: number;
  learned: boolean;
  /** Tactics used, one bit each. */
  tactics: number;
}

function tacticsIn(mask: number): Tactic[] {
  return TACTICS.filter((tactic) => (mask & BIT.get(tactic)!) !== 0);
}

function isoPlusDays(time: string, days: number): string {
  const start = isoMillis(time);
  return Number.isNaN(start) ? '' : new Date(start + days * DAY).toISOString().replace('.000Z', 'Z');
}

export function anomalousBehavior(options: BaselineOptions = BASELINE_DEFAULTS): Detector {
  const baselines = new BoundedMap<string, Baseline>(options.principalsKept);
  return {
    name: 'anomalous-behavior',
    findingTypes: TACTICS.map((tactic) => `${tactic}:IAMUser/AnomalousBehavior`),
    inspect(event) {
      if (event.identity.invokedBy !== '') return undefined;
      const key = event.identity.key;
      let baseline = baselines.get(key);
      if (!baseline) {
        baseline = { firstSeen: event.eventTime, learnedAfter: isoPlusDays(event.eventTime, options.learningDays), events: 0, learned: false, tactics: 0 };
        baselines.set(key, baseline);
      }
      baseline.events++;
      const tactic = tacticOf(event.eventName);
      const bit = tactic ? BIT.get(tactic)! : 0;
      if (!baseline.learned) {
        baseline.tactics |= bit;
        if (baseline.events >= options.learningEvents && event.eventTime >= baseline.learnedAfter) baseline.learned = true;
        return undefined;
      }
      if (bit === 0 || (baseline.tactics & bit) !== 0) return undefined;
      const known = tacticsIn(baseline.tactics);
      baseline.tactics |= bit;
      return {
        type: `${tactic}:IAMUser/AnomalousBehavior`,
        severity: SEVERITY_BY_TACTIC[tactic!],
        event,
        title: `${event.eventName} was invoked in an anomalous way.`,
        description: `This principal had not used any ${tactic} API since Bulwark began watching it (${baseline.firstSeen}); ${event.eventName} is its first.`,
        additionalInfo: { tactic, baselineTactics: known, watchedSince: baseline.firstSeen, eventsObserved: baseline.events },
      };
    },
  };
}
