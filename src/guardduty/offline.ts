/**
 * Detection over log files (`bulwark detect`, the benchmark): reads every file, runs the
 * engine, aggregates detections into findings as GuardDuty does (one finding per type,
 * account, Region, principal and discriminator, its Count growing).
 */
import { createHash } from 'node:crypto';
import type { Detector } from './detection.js';
import { DetectionEngine } from './engine.js';
import { addOccurrence, findingId, newFinding, type Finding, type FindingScope } from './finding.js';
import { findLogFiles, openLogFile, readLogRecords, type LogFileBytes } from './log-files.js';
import type { ThreatIntel } from './threat-intel.js';
import type { TrailEvent } from './trail-event.js';

/** Offline findings belong to no detector: one fixed id in GuardDuty's format. */
export const OFFLINE_DETECTOR_ID = createHash('sha256').update('bulwark detect').digest('hex').slice(0, 32);

/** How many files are read ahead of the one being inspected. */
const READ_AHEAD = 3;

export interface OfflineOptions {
  detectors: Detector[];
  threatIntel?: ThreatIntel;
  /** Called as input is read: bytes read so far of the total. */
  onProgress?: (progress: { bytes: number; totalBytes: number; events: number }) => void;
}

export interface OfflineResult {
  findings: Finding[];
  files: number;
  events: number;
  /** Records that are not JSON objects (skipped). */
  invalid: number;
}

export async function detectInFiles(paths: readonly string[], options: OfflineOptions): Promise<OfflineResult> {
  const files = await findLogFiles(paths);
  const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0);
  const findings = new Map<string, Finding>();
  const scope: FindingScope = { detectorId: OFFLINE_DETECTOR_ID };
  const engine = new DetectionEngine({
    detectors: options.detectors,
    threatIntel: options.threatIntel,
    onDetection: (detection) => {
      const id = findingId(detection, scope);
      const known = findings.get(id);
      findings.set(id, known ? addOccurrence(known, detection) : newFinding(detection, scope));
    },
  });
  let events = 0;
  let invalid = 0;
  let bytesBefore = 0;
  const inspect = (event: TrailEvent) => {
    events++;
    engine.inspect(event);
  };
  // Files are read (and decompressed, on libuv's threads) up to READ_AHEAD ahead of the one inspected.
  const opening: Array<Promise<LogFileBytes>> = [];
  const openNext = () => {
    const next = files[opening.length];
    if (!next) return;
    const bytes = openLogFile(next.path);
    bytes.catch(() => undefined); // awaited in its turn; a failure then ends the run
    opening.push(bytes);
  };
  for (let i = 0; i < READ_AHEAD; i++) openNext();
  for (let i = 0; i < files.length; i++) {
    const bytes = await opening[i];
    delete opening[i];
    openNext();
    const counts = await readLogRecords(bytes, inspect, options.onProgress && ((read) => options.onProgress!({ bytes: bytesBefore + read, totalBytes, events })));
    invalid += counts.invalid;
    bytesBefore += files[i].bytes;
    options.onProgress?.({ bytes: bytesBefore, totalBytes, events });
  }
  options.onProgress?.({ bytes: totalBytes, totalBytes, events });
  return { findings: [...findings.values()].sort(bySeverityThenTime), files: files.length, events, invalid };
}

function bySeverityThenTime(a: Finding, b: Finding): number {
  return b.Severity - a.Severity || (a.Service.EventFirstSeen < b.Service.EventFirstSeen ? -1 : a.Service.EventFirstSeen > b.Service.EventFirstSeen ? 1 : 0);
}
