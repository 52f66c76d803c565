/**
 * EventBridge's delivery side, started once per Bulwark process: events from PutEvents (the
 * API hands them over through routers.ts), from CloudTrail ("AWS API Call via CloudTrail")
 * and from Bulwark's services (GuardDuty findings, Security Hub findings and custom actions,
 * on the ServiceEventBus) are matched against the rules of their bus and delivered to the
 * rules' targets — API destinations, other buses, remediation actions — with retries and
 * dead-letter queues (delivery/). Scheduled rules fire from housekeeping through the same
 * dispatcher.
 */
import type { CloudTrailRecord } from '../cloudtrail/index.js';
import type { EventBus } from '../core/event-bus.js';
import type { ServiceEventBus } from '../core/service-events.js';
import type { MasterKey } from '../crypto/master-key.js';
import type { Logger } from '../server/logger.js';
import type { Store } from '../store/index.js';
import { purgeDeadLetters, readDeadLetters, type DeadLetter } from './delivery/dead-letters.js';
import { EventDispatcher } from './delivery/dispatcher.js';
import type { RetryTiming } from './delivery/retry-policy.js';
import { serviceEventEnvelope } from './envelope.js';
import { registerRouter } from './routers.js';
import { deliverCloudTrailEvents } from './sources/cloudtrail-events.js';
import { DEFAULT_BUS } from './store/records.js';
import type { RemediationTargets } from './targets/remediation.js';

export type { EventEnvelope } from './envelope.js';
export type { DeadLetter } from './delivery/dead-letters.js';
export type { RemediationTargets, RemediationTarget } from './targets/remediation.js';

export interface EventBridgeOptions {
  store: Store;
  logger: Logger;
  serviceEvents: ServiceEventBus;
  cloudTrailEvents?: EventBus<CloudTrailRecord>;
  remediation?: RemediationTargets;
  /** Opens the sealed credentials of connections (API destinations with authorization need it). */
  masterKey?: MasterKey;
  /** Waits between retries (tests shorten them). */
  retryTiming?: RetryTiming;
}

/** The messages of a dead-letter queue (an SQS queue ARN), kept in the store. */
export interface DeadLetterQueues {
  read(queueArn: string, limit?: number): Promise<DeadLetter[]>;
  purge(queueArn: string): Promise<number>;
}

export interface EventBridge {
  /** Resolves when nothing is being delivered or waiting for a retry. */
  flush(): Promise<void>;
  /** Stops taking events, cancels waiting retries, waits for deliveries in flight. */
  close(): Promise<void>;
  deadLetters: DeadLetterQueues;
}

export function startEventBridge(options: EventBridgeOptions): EventBridge {
  const dispatcher = new EventDispatcher(options);
  const forget = registerRouter(options.store, dispatcher);
  const unsubscribes = [
    options.serviceEvents.subscribe((event) => dispatcher.publish({ account: event.account, region: event.region }, DEFAULT_BUS, serviceEventEnvelope(event))),
    ...(options.cloudTrailEvents ? [deliverCloudTrailEvents(options.cloudTrailEvents, (scope, bus, event, publishOptions) => dispatcher.publish(scope, bus, event, publishOptions))] : []),
  ];
  return {
    flush: () => dispatcher.flush(),
    close: async () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
      forget();
      await dispatcher.close();
    },
    deadLetters: {
      read: (queueArn, limit) => readDeadLetters(options.store, queueArn, limit),
      purge: (queueArn) => purgeDeadLetters(options.store, queueArn),
    },
  };
}
