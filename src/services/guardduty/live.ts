/**
 * GuardDuty's live findings path: every CloudTrail record published on the event bus goes
 * through a DetectionEngine (src/guardduty/engine.ts) with the stored active threat lists
 * (threat-intel-source.ts); each detection becomes a finding of the detector of the event's
 * account (recipientAccountId) and Region — when GuardDuty is enabled there, and S3 Protection
 * for S3 data events — stored by its aggregation id (a new finding, through the suppression
 * rules, or one more occurrence of the existing one) and published on the `findings` bus.
 *
 * Order and safety: the bus subscriber only queues the record (never throws, never blocks the
 * request); one drain loop inspects queued records in order and writes their findings one
 * transaction at a time, so a finding is stored within milliseconds of its event. `flush()`
 * waits for the queue to drain (tests); past 10,000 queued records new ones are dropped and
 * counted in a warning. Configuration (detectors, filters, lists, relationships) is read
 * through config-cache.ts, so changes made through the API — in any worker — apply at once.
 *
 * Findings are also exported to publishing destinations on a timer (finding-export.ts).
 */
import type { CloudTrailRecord } from '../../cloudtrail/record.js';
import type { EventBus } from '../../core/event-bus.js';
import type { MasterKey } from '../../crypto/master-key.js';
import type { Detection, Detector } from '../../guardduty/detection.js';
import { DetectionEngine } from '../../guardduty/engine.js';
import { addOccurrence, findingId, newFinding, type Finding, type FindingScope } from '../../guardduty/finding.js';
import { NO_THREAT_INTEL, type ThreatIntel } from '../../guardduty/threat-intel.js';
import { eventFromRecord, recipientAccount } from '../../guardduty/trail-event.js';
import type { Logger } from '../../server/logger.js';
import type { BlobStore } from '../../store/blob-store.js';
import type { Scope, Store } from '../../store/index.js';
import { KIND, scopeOf, type FilterRecord } from './common.js';
import { cached } from './config-cache.js';
import { s3ProtectionEnabled } from './detector-features.js';
import { exportFindings } from './finding-export.js';
import { filtersOf } from './filters.js';
import { detectorOf } from './lookup.js';
import { administratorOf } from './relationships.js';
import { withSuppression } from './suppression.js';
import { liveThreatIntel } from './threat-intel-source.js';

export interface LiveDetectionOptions {
  store: Store;
  blobs: BlobStore;
  masterKey: MasterKey;
  logger: Logger;
  events: EventBus<CloudTrailRecord>;
  detectors: Detector[];
  findings: EventBus<Finding>;
  /** How often findings are exported to publishing destinations (default 60 s; 0 = only exportNow). */
  exportIntervalMs?: number;
}

export interface LiveDetection {
  /** Resolves once every queued record is inspected and its findings stored. */
  flush(): Promise<void>;
  /** Exports new findings to publishing destinations now; resolves the number of files written. */
  exportNow(): Promise<number>;
  close(): Promise<void>;
}

const MAX_QUEUED = 10_000;
const DEFAULT_EXPORT_MS = 60_000;

export function startLiveDetection(options: LiveDetectionOptions): LiveDetection {
  const { store, logger } = options;
  let intel: ThreatIntel = NO_THREAT_INTEL;
  const detections: Detection[] = [];
  const engine = new DetectionEngine({
    detectors: options.detectors,
    threatIntel: {
      get hasLists() {
        return intel.hasLists;
      },
      lookup: (ip, account, region) => intel.lookup(ip, account, region),
      trusted: (ip, account, region) => intel.trusted(ip, account, region),
    },
    onDetection: (detection) => detections.push(detection),
  });

  const queue: CloudTrailRecord[] = [];
  let draining: Promise<void> | undefined;
  let dropped = 0;
  let closed = false;

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.splice(0, queue.length);
      intel = await liveThreatIntel(store).catch((err: unknown) => {
        logger.warn('guardduty: threat lists could not be read', { err });
        return intel;
      });
      for (const record of batch) {
        try {
          engine.inspect(eventFromRecord(record));
        } catch (err) {
          logger.warn('guardduty: a detector failed', { err, eventName: record.eventName });
        }
        while (detections.length > 0) {
          const detection = detections.shift()!;
          try {
            const finding = await storeFinding(store, detection);
            if (finding) options.findings.publish(finding);
          } catch (err) {
            logger.error('guardduty: a finding could not be stored', { err, type: detection.type });
          }
        }
      }
    }
    if (dropped > 0) {
      logger.warn('guardduty: records dropped while the detection queue was full', { dropped });
      dropped = 0;
    }
  };

  const unsubscribe =
    options.detectors.length === 0
      ? () => {}
      : options.events.subscribe((record) => {
          if (closed) return;
          if (queue.length >= MAX_QUEUED) {
            dropped++;
            return;
          }
          queue.push(record);
          draining ??= drain().finally(() => {
            draining = undefined;
          });
        });

  const writer = { store, blobs: options.blobs, masterKey: options.masterKey };
  let exporting: Promise<unknown> = Promise.resolve();
  const exportNow = (): Promise<number> => {
    const run = exporting.then(() => exportFindings(writer));
    exporting = run.catch(() => undefined);
    return run;
  };
  const interval = options.exportIntervalMs ?? DEFAULT_EXPORT_MS;
  const timer =
    interval > 0
      ? setInterval(() => {
          exportNow().catch((err: unknown) => logger.error('guardduty: findings export failed', { err }));
        }, interval)
      : undefined;
  timer?.unref();

  const flush = async (): Promise<void> => {
    while (draining) await draining;
  };
  return {
    flush,
    exportNow,
    close: async () => {
      closed = true;
      unsubscribe();
      if (timer) clearInterval(timer);
      await flush();
      await exporting;
    },
  };
}

/** The finding a detection makes or adds to; undefined when GuardDuty is not watching the event's account and Region. */
async function storeFinding(store: Store, detection: Detection): Promise<Finding | undefined> {
  const event = detection.event;
  const scope = scopeOf(recipientAccount(event), event.awsRegion || 'us-east-1');
  const detector = await cached(store, `detector\u0000${scope.account}\u0000${scope.region}`, () => detectorOf(store, scope));
  if (!detector || detector.Status !== 'ENABLED') return undefined;
  if (event.record().eventCategory === 'Data' && !s3ProtectionEnabled(detector.Features)) return undefined;
  const findingScope: FindingScope = { detectorId: detector.DetectorId, account: scope.account, region: scope.region };
  const id = findingId(detection, findingScope);
  const filters = await suppressionRules(store, scope);
  return store.transaction(async (tx) => {
    const existing = (await tx.get<Finding>(scope, KIND.finding, id))?.value;
    const finding = existing ? addOccurrence(existing, detection) : withSuppression(newFinding(detection, findingScope), filters);
    await tx.put(scope, KIND.finding, id, finding);
    return finding;
  });
}

/** The suppression rules that apply in a scope: its administrator's (imposed on members), else its own. */
function suppressionRules(store: Store, scope: Scope): Promise<FilterRecord[]> {
  return cached(store, `filters\u0000${scope.account}\u0000${scope.region}`, async () => {
    const administrator = await administratorOf(store, scope);
    return filtersOf(store, administrator ? scopeOf(administrator, scope.region) : scope);
  });
}
