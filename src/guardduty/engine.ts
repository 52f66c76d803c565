/**
 * The detection engine: runs every detector over a stream of CloudTrail events (live from the
 * event bus, or offline from log files) and hands each detection on. The same engine and
 * detectors serve both; findings and their aggregation are the caller's (finding.ts).
 */
import type { Detection, DetectionContext, Detector } from './detection.js';
import { NO_THREAT_INTEL, type ThreatIntel } from './threat-intel.js';
import { recipientAccount, type TrailEvent } from './trail-event.js';

export interface EngineOptions {
  detectors: readonly Detector[];
  threatIntel?: ThreatIntel;
  onDetection(detection: Detection): void;
}

/** Recent detections kept per principal for correlation, and principals kept. */
const SIGNALS_PER_PRINCIPAL = 64;
const PRINCIPALS_WITH_SIGNALS = 10_000;

export class DetectionEngine {
  private readonly byEventName = new Map<string, Detector[]>();
  private readonly everyEvent: Detector[] = [];
  private readonly correlators: Detector[];
  private readonly signals = new Map<string, Detection[]>();
  private readonly context: DetectionContext;

  constructor(private readonly options: EngineOptions) {
    for (const detector of options.detectors) {
      if (!detector.inspect) continue;
      if (!detector.eventNames) {
        this.everyEvent.push(detector);
        continue;
      }
      for (const name of detector.eventNames) {
        const list = this.byEventName.get(name);
        if (list) list.push(detector);
        else this.byEventName.set(name, [detector]);
      }
    }
    this.correlators = options.detectors.filter((d) => d.correlate);
    const threatIntel = options.threatIntel ?? NO_THREAT_INTEL;
    this.context = { threatIntel, signalsOf: (key) => this.signals.get(key) ?? [] };
  }

  inspect(event: TrailEvent): void {
    const intel = this.context.threatIntel;
    if (intel.hasLists && event.sourceIPAddress && intel.trusted(event.sourceIPAddress, recipientAccount(event), event.awsRegion)) return;
    for (const detector of this.everyEvent) this.run(detector, event);
    const named = this.byEventName.get(event.eventName);
    if (named) for (const detector of named) this.run(detector, event);
  }

  private run(detector: Detector, event: TrailEvent): void {
    const result = detector.inspect!(event, this.context);
    if (!result) return;
    if (Array.isArray(result)) for (const detection of result) this.emit(detection);
    else this.emit(result);
  }

  private emit(detection: Detection): void {
    this.remember(detection);
    this.options.onDetection(detection);
    for (const correlator of this.correlators) {
      const sequence = correlator.correlate!(detection, this.context);
      if (sequence) {
        this.remember(sequence);
        this.options.onDetection(sequence);
      }
    }
  }

  private remember(detection: Detection): void {
    const key = detection.event.identity.key;
    let list = this.signals.get(key);
    if (!list) {
      if (this.signals.size >= PRINCIPALS_WITH_SIGNALS) this.signals.delete(this.signals.keys().next().value as string);
      list = [];
      this.signals.set(key, list);
    }
    list.push(detection);
    if (list.length > SIGNALS_PER_PRINCIPAL) list.shift();
  }
}
