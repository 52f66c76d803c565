/**
 * The built-in rotator `bulwark-random-password`: a new random password (GetRandomPassword's
 * defaults) in the JSON key `password` when the secret string is a JSON object, else as the
 * whole string. setSecret has nothing to change elsewhere; testSecret reads the pending value.
 */
import { AWSPENDING } from '../common.js';
import { getRandomPassword } from '../password.js';
import type { RotationRun, Step } from './context.js';
import { serviceContext } from './context.js';
import { createPending, currentSecret, finishPending, readText } from './values.js';

export async function randomPassword(): Promise<string> {
  const out = await getRandomPassword(undefined as never, {});
  return (out as { RandomPassword: string }).RandomPassword;
}

/** `current` with its password replaced: the `password` key of a JSON object, else the whole text. */
export function withPassword(current: string, password: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(current);
  } catch {
    return password;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return password;
  (parsed as Record<string, unknown>).password = password;
  return JSON.stringify(parsed);
}

export async function randomPasswordStep(step: Step, run: RotationRun): Promise<void> {
  const ctx = serviceContext(run);
  if (step === 'createSecret') {
    const password = await randomPassword();
    await createPending(ctx, run, (current) => withPassword(current, password));
  } else if (step === 'testSecret') {
    const found = await currentSecret(ctx, run);
    if ((await readText(ctx, found, run.token, AWSPENDING)) === undefined) throw new Error(`version ${run.token} has no value`);
  } else if (step === 'finishSecret') {
    await finishPending(ctx, run);
  }
}
