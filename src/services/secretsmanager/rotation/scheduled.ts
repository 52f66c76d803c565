/**
 * Scheduled rotations, from the housekeeping pass (so only in the process that runs it): a
 * secret with rotation on whose window has opened (NextRotationDate ≤ now < the window's end)
 * is rotated — an unfinished rotation is reattempted with its own token. A window missed
 * entirely (Bulwark was down) is skipped to the next one.
 */
import { randomUUID } from 'node:crypto';
import type { MasterKey } from '../../../crypto/master-key.js';
import type { Scope, Store } from '../../../store/index.js';
import { isReplica, SECRET_KIND, type SecretRecord } from '../common.js';
import { allSecrets } from '../list.js';
import { saveSecret } from '../lookup.js';
import { invalidateSecretCache } from '../secret-cache.js';
import { unfinished } from './rotate.js';
import { inFlight, startRotation } from './runner.js';
import { rotatorFor } from './rotators.js';
import { nextWindow, windowEnd } from './rules.js';

/** Starts every due rotation and waits for them; resolves to how many succeeded. */
export async function rotateDueSecrets(store: Store, now: Date, masterKey: MasterKey): Promise<number> {
  const started: Array<Promise<boolean>> = [];
  for (const scope of await store.scopes(SECRET_KIND)) {
    for (const record of await allSecrets(store, scope)) {
      if (record.RotationEnabled !== true || record.NextRotationDate === undefined || record.DeletedDate || isReplica(record, scope)) continue;
      const start = new Date(record.NextRotationDate);
      if (start.getTime() > now.getTime() || inFlight(record.ARN) !== undefined) continue;
      if (now.getTime() >= windowEnd(record.RotationRules, start).getTime()) {
        await skipWindow(store, scope, record, now);
        continue;
      }
      let rotator;
      try {
        rotator = rotatorFor(record, record.RotationLambdaARN ?? '');
      } catch {
        continue;
      }
      const token = unfinished(record) ?? randomUUID();
      const run = { base: { store, masterKey }, scope, arn: record.ARN, name: record.Name, token, functionName: rotator.functionName };
      started.push(startRotation(run, rotator.rotator));
    }
  }
  const results = await Promise.all(started);
  return results.filter(Boolean).length;
}

async function skipWindow(store: Store, scope: Scope, record: SecretRecord, now: Date): Promise<void> {
  const nextDate = nextWindow(record.RotationRules, now);
  await store.transaction(async (tx) => {
    const stored = await tx.get<SecretRecord>(scope, SECRET_KIND, record.Name);
    const current = stored?.value;
    if (!current || current.ARN !== record.ARN || current.NextRotationDate !== record.NextRotationDate) return;
    if (nextDate) current.NextRotationDate = nextDate.toISOString();
    else delete current.NextRotationDate;
    await saveSecret(tx, { scope, record: current });
  });
  invalidateSecretCache();
}
