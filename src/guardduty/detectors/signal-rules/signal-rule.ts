/**
 * Single-event rules as data. Each rule names the signal it reports (GuardDuty's signal name
 * where GuardDuty documents one, Bulwark's otherwise), the finding type and severity, the calls
 * it reads, and — when the call alone is not enough — a `match` that looks into the record.
 * One detector runs them all, dispatched by event name, so a call no rule names costs nothing.
 */
import { type AffectedBucket, type Detection, type Detector } from '../../detection.js';
import type { TrailEvent } from '../../trail-event.js';

/** What a matching call showed. */
export interface SignalMatch {
  /** The call itself is hostile (public exposure): the rule's documented severity applies even in routine mode. */
  hostile?: boolean;
  /** Facts for the finding's additional information. */
  details?: Record<string, unknown>;
  buckets?: AffectedBucket[];
  discriminator?: string;
}

export interface SignalRule {
  signal: string;
  definedBy: 'GuardDuty' | 'Bulwark';
  type: string;
  /** CloudTrail eventSource of the calls. */
  source: string;
  eventNames: readonly string[];
  /** The severity GuardDuty documents for the signal (Bulwark's own for Bulwark's signals). */
  severity: number;
  /**
   * For GuardDuty's opt-in Custom Detection Rules whose action is routine administration in
   * many accounts: the severity Bulwark reports unless `documentedSeverities` is set or the
   * call is hostile.
   */
  routineSeverity?: number;
  /** Failed calls: 'reported' like successful ones, at this severity, or (absent) ignored. */
  attempts?: 'reported' | number;
  title: string;
  description: string;
  /** Whether the call shows the behaviour (absent: every call does). Reads the record only here. */
  match?(event: TrailEvent): SignalMatch | undefined;
}

export interface SignalRuleOptions {
  /** Report GuardDuty's documented severities (for accounts where these actions are never routine). */
  documentedSeverities: boolean;
}

const MATCHED: SignalMatch = Object.freeze({});

function severityOf(rule: SignalRule, found: SignalMatch, failed: boolean, options: SignalRuleOptions): number {
  if (failed && typeof rule.attempts === 'number') return rule.attempts;
  if (rule.routineSeverity === undefined || options.documentedSeverities || found.hostile) return rule.severity;
  return rule.routineSeverity;
}

function detectionOf(rule: SignalRule, event: TrailEvent, found: SignalMatch, severity: number): Detection {
  const info: Record<string, unknown> = { signal: rule.signal, definedBy: rule.definedBy };
  if (found.details) Object.assign(info, found.details);
  const detection: Detection = { type: rule.type, severity, event, title: rule.title, description: rule.description, additionalInfo: info };
  if (found.buckets) detection.buckets = found.buckets;
  if (found.discriminator) detection.discriminator = found.discriminator;
  return detection;
}

/** One detector running every rule of the list. */
export function signalRuleDetector(rules: readonly SignalRule[], options: SignalRuleOptions): Detector {
  const byName = new Map<string, SignalRule[]>();
  for (const rule of rules) {
    for (const name of rule.eventNames) {
      const list = byName.get(name);
      if (list) list.push(rule);
      else byName.set(name, [rule]);
    }
  }
  return {
    name: 'signal-rules',
    findingTypes: [...new Set(rules.map((r) => r.type))].sort(),
    eventNames: [...byName.keys()],
    inspect(event) {
      const candidates = byName.get(event.eventName);
      if (!candidates) return undefined;
      const failed = event.errorCode !== undefined;
      let found: Detection[] | undefined;
      for (const rule of candidates) {
        if (rule.source !== event.eventSource || (failed && rule.attempts === undefined)) continue;
        const match = rule.match ? rule.match(event) : MATCHED;
        if (!match) continue;
        (found ??= []).push(detectionOf(rule, event, match, severityOf(rule, match, failed, options)));
      }
      return found && found.length === 1 ? found[0] : found;
    },
  };
}

/** Lambda's CloudTrail event names carry the API version (`AddPermission20150331v2`). */
export function withApiVersions(name: string, versions: readonly string[]): string[] {
  return [name, ...versions.map((v) => name + v)];
}

