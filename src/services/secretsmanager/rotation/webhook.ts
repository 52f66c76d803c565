/**
 * Any other rotation function: the secret's tag `BulwarkRotationWebhook` names an http(s) URL,
 * and each step is a POST of the Lambda event {"Step", "SecretId", "ClientRequestToken"} as
 * JSON. The webhook does the step's work itself through Bulwark's Secrets Manager API, as a
 * rotation Lambda does; an answer other than 2xx, or none within the timeout, fails the step.
 */
import type { SecretRecord } from '../common.js';
import type { RotationRun, Step } from './context.js';

export const WEBHOOK_TAG = 'BulwarkRotationWebhook';
const STEP_TIMEOUT_MS = 60_000;

/** The webhook URL a secret's tag names; undefined when there is none usable. */
export function webhookOf(record: SecretRecord): URL | undefined {
  const tag = record.Tags?.find((t) => t.Key === WEBHOOK_TAG);
  if (!tag) return undefined;
  try {
    const url = new URL(tag.Value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export async function webhookStep(url: URL, step: Step, run: RotationRun): Promise<void> {
  const body = JSON.stringify({ Step: step, SecretId: run.arn, ClientRequestToken: run.token });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status > 299) throw new Error(`the webhook answered ${response.status} to ${step}`);
}
