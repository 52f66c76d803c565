/**
 * What a detector reports, before it becomes a GuardDuty finding (finding.ts): the finding
 * type, its severity, the event that showed it, and what distinguishes it from other
 * occurrences of the same type on the same principal.
 */
import type { ThreatIntel } from './threat-intel.js';
import type { TrailEvent } from './trail-event.js';

/** GuardDuty's severity levels (the value a finding of that level carries). */
export const SEVERITY = { LOW: 2, MEDIUM: 5, HIGH: 8, CRITICAL: 9 } as const;

/** A resource of the finding other than the caller's access key (an S3 bucket). */
export interface AffectedBucket {
  name: string;
  /** PublicAccess details or anything else of GuardDuty's S3BucketDetail (model member names). */
  details?: Record<string, unknown>;
}

export interface Detection {
  /** The finding type, e.g. `Stealth:IAMUser/CloudTrailLoggingDisabled`. */
  type: string;
  severity: number;
  /** The event that showed it (the latest, when occurrences aggregate). */
  event: TrailEvent;
  title: string;
  description: string;
  /**
   * Occurrences of one type on one principal (account, region, access key or principal) are
   * one finding whose Count grows; a discriminator splits them further (a bucket name, an IP).
   */
  discriminator?: string;
  /** The finding is about these buckets (Resource.ResourceType S3Bucket). */
  buckets?: AffectedBucket[];
  /** Service.Evidence.ThreatIntelligenceDetails (threat-list findings). */
  threatIntelligence?: Array<{ ThreatListName: string; ThreatNames: string[] }>;
  /** Service.AdditionalInfo.Value (a JSON object; baselines explain themselves here). */
  additionalInfo?: Record<string, unknown>;
}

/** What a detector can consult besides the event. */
export interface DetectionContext {
  threatIntel: ThreatIntel;
  /** Recent detections of the principal (newest last), for detectors correlating signals. */
  signalsOf(principalKey: string): readonly Detection[];
}

/**
 * A detector. It may keep state (baselines, counters) in its own closure: each engine makes
 * its own instances. `eventNames` lets the engine call it only for those events; without it
 * the detector sees every event.
 */
export interface Detector {
  readonly name: string;
  /** The finding types it can report (documentation, the simulator's expectations). */
  readonly findingTypes: readonly string[];
  readonly eventNames?: readonly string[];
  inspect?(event: TrailEvent, context: DetectionContext): Detection | Detection[] | undefined;
  /** Called with every detection any detector made (attack sequences correlate them). */
  correlate?(detection: Detection, context: DetectionContext): Detection | undefined;
}
