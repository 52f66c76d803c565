/**
 * Routing and delivery in one process: an event published on a bus is matched against the
 * bus's enabled rules (bus-rules.ts, the rule index), and each target of each matching rule
 * gets it — its own input computed (Input / InputPath / InputTransformer), tried, retried with
 * backoff per its RetryPolicy, and when that ends (or the error is not worth retrying) written
 * to its dead-letter queue, if it has one, else dropped and logged.
 *
 * Deliveries run in the background: `publish` returns at once. `flush()` waits until nothing
 * is under way (retries waiting included); `close()` cancels waiting retries (their events are
 * lost, as a process restart loses them) and waits for the calls in flight.
 */
import type { MasterKey } from '../../crypto/master-key.js';
import type { Logger } from '../../server/logger.js';
import type { Scope, Store } from '../../store/index.js';
import type { EventEnvelope } from '../envelope.js';
import type { EventRouter } from '../routers.js';
import { busRules } from '../rules/bus-rules.js';
import { fireDueSchedules } from '../schedule/scheduled-rules.js';
import type { RuleRecord, TargetRecord } from '../store/records.js';
import { callApiDestination } from '../targets/api-destination.js';
import { deliverToBus } from '../targets/event-bus-target.js';
import { OAuthTokens } from '../targets/oauth-tokens.js';
import { runRemediation, type RemediationTargets } from '../targets/remediation.js';
import { targetKind } from '../targets/target-kind.js';
import { targetInput } from '../transform/target-input.js';
import { sendDeadLetter } from './dead-letters.js';
import { DeliveryError } from './delivery-error.js';
import { backoffMs, DEFAULT_RETRY_TIMING, retryLimits, type RetryTiming } from './retry-policy.js';

export interface DispatcherOptions {
  store: Store;
  logger: Logger;
  /** Opens connections' sealed credentials (API destinations with auth need it). */
  masterKey?: MasterKey;
  remediation?: RemediationTargets;
  retryTiming?: RetryTiming;
}

export interface PublishOptions {
  /** A read-only management event of CloudTrail (Get…/Describe…/List…): only rules ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS take it. */
  readOnlyManagement?: boolean;
  /** How many buses the event went through already (bus targets). */
  hops?: number;
}

interface Delivery {
  scope: Scope;
  rule: RuleRecord;
  target: TargetRecord;
  event: EventEnvelope;
  ingestedAt: Date;
  hops: number;
}

export class EventDispatcher implements EventRouter {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly waits = new Set<{ timer: NodeJS.Timeout; wake: (go: boolean) => void }>();
  private readonly tokens = new OAuthTokens();
  private readonly timing: RetryTiming;
  private closed = false;

  constructor(private readonly options: DispatcherOptions) {
    this.timing = options.retryTiming ?? DEFAULT_RETRY_TIMING;
  }

  publish(scope: Scope, bus: string, event: EventEnvelope, options: PublishOptions = {}): void {
    if (!this.closed) this.track(this.route(scope, bus, event, options));
  }

  /** Delivers an event to one rule's targets (scheduled rules: no matching). */
  deliverToRule(scope: Scope, rule: RuleRecord, event: EventEnvelope, hops = 0): void {
    if (this.closed) return;
    const ingestedAt = new Date();
    for (const target of rule.Targets) this.track(this.deliver({ scope, rule, target, event, ingestedAt, hops }));
  }

  fireSchedules(now: Date): Promise<void> {
    return fireDueSchedules(this.options.store, now, (scope, rule, event) => this.deliverToRule(scope, rule, event));
  }

  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wait of this.waits) {
      clearTimeout(wait.timer);
      wait.wake(false);
    }
    this.waits.clear();
    await this.flush();
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((err) => this.options.logger.error('EventBridge delivery failed unexpectedly', { err }));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  private async route(scope: Scope, bus: string, event: EventEnvelope, options: PublishOptions): Promise<void> {
    const { index } = await busRules(this.options.store, scope, bus);
    for (const rule of index.matching(event)) {
      if (options.readOnlyManagement && rule.State !== 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS') continue;
      this.deliverToRule(scope, rule, event, options.hops ?? 0);
    }
  }

  private async deliver(d: Delivery): Promise<void> {
    const limits = retryLimits(d.target);
    for (let retries = 0; ; retries++) {
      let failure: DeliveryError;
      try {
        await this.invoke(d);
        return;
      } catch (err) {
        failure = err instanceof DeliveryError ? err : new DeliveryError('INTERNAL_ERROR', (err as Error)?.message ?? String(err), true);
      }
      if (!failure.retryable) return this.fail(d, failure, retries, undefined);
      if (retries >= limits.maxRetries) return this.fail(d, failure, retries, 'MaximumRetryAttempts');
      const wait = backoffMs(retries + 1, this.timing);
      if (Date.now() + wait - d.ingestedAt.getTime() > limits.maxAgeMs) return this.fail(d, failure, retries, 'MaximumEventAgeInSeconds');
      if (!(await this.sleep(wait))) return;
    }
  }

  private async invoke(d: Delivery): Promise<void> {
    const kind = targetKind(d.target.Arn);
    switch (kind.kind) {
      case 'api-destination': {
        const payload = targetInput(d.target, d.event, { name: d.rule.Name, arn: d.rule.Arn }, d.ingestedAt);
        return callApiDestination({ store: this.options.store, masterKey: this.options.masterKey, tokens: this.tokens }, kind.scope, kind.name, d.target, payload);
      }
      case 'event-bus':
        return deliverToBus(this.options.store, d.scope, kind, d.event, d.hops, (scope, bus, event, hops) => this.publish(scope, bus, event, { hops }));
      case 'remediation':
        return runRemediation(this.options.remediation, kind.name, d.event, { account: kind.scope.account, region: kind.scope.region, roleArn: d.target.RoleArn, ruleArn: d.rule.Arn });
      case 'unsupported':
        throw new DeliveryError('UNSUPPORTED_TARGET', kind.reason, false);
    }
  }

  private async fail(d: Delivery, failure: DeliveryError, retries: number, exhausted: string | undefined): Promise<void> {
    const queue = d.target.DeadLetterConfig?.Arn;
    const context = { rule: d.rule.Arn, target: d.target.Arn, eventId: d.event.id, code: failure.code, error: failure.message, retries };
    if (!queue) {
      this.options.logger.warn('EventBridge dropped an event its target did not take', context);
      return;
    }
    await sendDeadLetter(this.options.store, queue, JSON.stringify(d.event), {
      RULE_ARN: d.rule.Arn,
      TARGET_ARN: d.target.Arn,
      ERROR_CODE: failure.code,
      ERROR_MESSAGE: failure.message,
      ...(exhausted && { EXHAUSTED_RETRY_CONDITION: exhausted }),
      RETRY_ATTEMPTS: String(retries),
    });
    this.options.logger.info('EventBridge sent an undelivered event to its dead-letter queue', { ...context, queue });
  }

  /** Resolves true after `ms`, false when closed first. */
  private sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wait = {
        timer: setTimeout(() => {
          this.waits.delete(wait);
          resolve(true);
        }, ms).unref(),
        wake: resolve,
      };
      this.waits.add(wait);
    });
  }
}
