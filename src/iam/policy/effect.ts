/** The Effect element. */
import { fail } from './errors.js';

export type Effect = 'Allow' | 'Deny';

export function parseEffect(v: unknown): Effect {
  if (v === undefined) fail('Missing required field Effect');
  if (v === 'Allow' || v === 'Deny') return v;
  return fail(`Invalid effect: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
}
