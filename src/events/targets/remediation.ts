/**
 * Remediation targets: `arn:aws:bulwark:REGION:ACCOUNT:remediation/NAME` runs Bulwark's
 * remediation action NAME for the matched event (the original event; Input, InputPath and
 * InputTransformer do not apply). The actions are implemented elsewhere and handed to
 * startEventBridge as a RemediationTargets; without one, delivery fails (and is retried, then
 * dead-lettered) with a clear error.
 */
import type { EventEnvelope } from '../envelope.js';
import { DeliveryError } from '../delivery/delivery-error.js';

export interface RemediationTarget {
  account: string;
  region: string;
  /** The target's RoleArn: whom the action should act as. */
  roleArn?: string;
  /** The rule that matched (aws:SourceArn when EventBridge assumes the role). */
  ruleArn?: string;
}

export interface RemediationTargets {
  /** Runs the action; a rejection is a failed delivery (retried per the target's RetryPolicy). */
  run(name: string, event: EventEnvelope, target: RemediationTarget): Promise<void>;
}

export async function runRemediation(runner: RemediationTargets | undefined, name: string, event: EventEnvelope, target: RemediationTarget): Promise<void> {
  if (!runner) throw new DeliveryError('RESOURCE_NOT_FOUND', `No remediation actions are available in this Bulwark (startEventBridge was given no remediation runner), so remediation/${name} cannot run.`, true);
  try {
    await runner.run(name, event, target);
  } catch (err) {
    if (err instanceof DeliveryError) throw err;
    throw new DeliveryError('REMEDIATION_FAILED', `remediation/${name} failed: ${(err as Error)?.message ?? String(err)}`, true);
  }
}
