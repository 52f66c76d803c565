/**
 * Running a rotation: the four steps in order, after RotateSecret has answered (AWS invokes the
 * function asynchronously). A failing step ends the rotation where it stands — AWSCURRENT
 * untouched, AWSPENDING left on the new version for the next attempt. When finishSecret has
 * moved AWSCURRENT to the new version, LastRotatedDate and NextRotationDate are set.
 *
 * One rotation per secret at a time in this process (`inFlight`); across processes the
 * AWSPENDING label guards, as in AWS.
 */
import { AWSCURRENT, holderOf, SECRET_KIND, type SecretRecord } from '../common.js';
import { saveSecret } from '../lookup.js';
import { invalidateSecretCache } from '../secret-cache.js';
import { serviceContext, STEPS, type RotationRun } from './context.js';
import type { Rotator } from './rotators.js';
import { nextWindow } from './rules.js';

const running = new Map<string, { token: string; done: Promise<boolean> }>();

/** The token of the rotation this process is running for a secret, if any. */
export const inFlight = (arn: string): string | undefined => running.get(arn)?.token;

/** Starts the rotation in the background (unless one runs already); resolves, when it ends, to whether it succeeded. */
export function startRotation(run: RotationRun, rotator: Rotator): Promise<boolean> {
  const busy = running.get(run.arn);
  // A retry while the same rotation still runs: once more if that attempt fails.
  if (busy) return busy.token === run.token ? busy.done.then((ok) => ok || startRotation(run, rotator)) : busy.done;
  const done = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => runSteps(run, rotator))
    .then(() => true, () => false)
    .finally(() => running.delete(run.arn));
  running.set(run.arn, { token: run.token, done });
  return done;
}

async function runSteps(run: RotationRun, rotator: Rotator): Promise<void> {
  for (const step of STEPS) await rotator(step, run);
  const ctx = serviceContext(run);
  const now = ctx.receivedAt;
  try {
    await ctx.store.transaction(async (tx) => {
      const stored = await tx.get<SecretRecord>(run.scope, SECRET_KIND, run.name);
      const record = stored?.value;
      if (!record || record.ARN !== run.arn) throw new Error('the secret is gone');
      if (holderOf(record, AWSCURRENT)?.VersionId !== run.token) throw new Error('finishSecret did not move AWSCURRENT to the new version');
      record.LastRotatedDate = now.toISOString();
      const nextDate = record.RotationEnabled ? nextWindow(record.RotationRules, now) : undefined;
      if (nextDate) record.NextRotationDate = nextDate.toISOString();
      else delete record.NextRotationDate;
      await saveSecret(tx, { scope: run.scope, record });
    });
  } finally {
    invalidateSecretCache();
  }
}
