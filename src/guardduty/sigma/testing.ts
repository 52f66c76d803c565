/** Helpers for the Sigma tests: events that count record() calls, rules from a detection. */
import { eventFromRecord, type TrailEvent, type TrailRecord } from '../trail-event.js';
import { parseSigmaRules } from './load.js';
import type { SigmaRule } from './rule.js';

export interface CountingEvent extends TrailEvent {
  /** How many times record() was called. */
  recordCalls: number;
}

export function countingEvent(record: TrailRecord): CountingEvent {
  const event: CountingEvent = {
    ...eventFromRecord(record),
    recordCalls: 0,
    record: () => {
      event.recordCalls++;
      return record;
    },
  };
  return event;
}

/** A CloudTrail rule around a detection section written in YAML (indented by 4). */
export function ruleYaml(detection: string, extra = ''): string {
  return ['title: Test Rule', 'id: 00000000-0000-4000-8000-000000000001', 'logsource:', '    product: aws', '    service: cloudtrail', 'detection:', detection.replace(/^/gm, '    '), extra].join('\n');
}

export function ruleOf(detection: string, extra = ''): SigmaRule {
  const [rule] = parseSigmaRules(ruleYaml(detection, extra), 'test.yml');
  return rule;
}

/** Whether the rule's detection matches the record (as the engine would ask it). */
export function matches(detection: string, record: TrailRecord): boolean {
  return ruleOf(detection).detection.matches(eventFromRecord(record));
}
