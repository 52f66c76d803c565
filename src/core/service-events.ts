/**
 * Events AWS services emit to EventBridge (`source: aws.<service>`), as Bulwark's services
 * publish them in process: GuardDuty findings, Security Hub's imported findings and custom
 * actions, CloudTrail's "AWS API Call via CloudTrail". EventBridge subscribes and delivers them
 * on the default event bus of `account` in `region`, wrapped in its envelope (id, version,
 * time). One bus carries them all.
 */
import type { EventBus } from './event-bus.js';

export interface ServiceEvent {
  /** `aws.guardduty`, `aws.securityhub`, … */
  source: string;
  /** `GuardDuty Finding`, `Security Hub Findings - Imported`, … */
  detailType: string;
  account: string;
  region: string;
  /** ARNs of the resources the event is about (the envelope's `resources`). */
  resources: string[];
  /** The event's `detail`, as the service writes it. */
  detail: Record<string, unknown>;
  /** When it happened (default: when published). */
  time?: Date;
}

export type ServiceEventBus = EventBus<ServiceEvent>;
