/**
 * A trail's digest files of one delivery (log file validation): one per chain — every account
 * and Region the trail has delivered log files for, and its own account's home Region from the
 * start — even when no log file was delivered since the last one, so that the chain shows there
 * was none. AWS delivers them hourly; Bulwark at every delivery, so validation sees a file within
 * seconds. A digest file's key has whole seconds, so a delivery within the second of the last
 * digest waits for the next second.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { MasterKey } from '../../crypto/master-key.js';
import type { TrailRecord, TrailStatusRecord } from '../../services/cloudtrail/common.js';
import type { InternalWriter } from '../../services/s3/internal-writes.js';
import { loadCursor, markDigested, type DeliveredLogFile } from './cursor.js';
import { loadChains, saveChain, type DigestChain } from './digest-chain.js';
import { writeDigestFile } from './digest-files.js';
import { digestDelivered, digestDeliveryFailed } from './delivery-status.js';
import { checkDeliveryTarget, deliveryErrorCode } from './delivery-target.js';

export async function deliverDigests(writer: InternalWriter & { masterKey: MasterKey }, trail: TrailRecord, status: TrailStatusRecord): Promise<void> {
  const { store } = writer;
  const files = (await loadCursor(store, trail)).Undigested;
  const chains = await loadChains(store, trail);
  const places = new Set([...chains.keys(), ...files.map((f) => `${f.account}/${f.region}`), `${trail.AccountId}/${trail.HomeRegion}`]);
  const end = await endAfter(chains);
  try {
    await checkDeliveryTarget(store, trail, 'digests');
    for (const place of [...places].sort()) {
      const [account, region] = place.split('/') as [string, string];
      const mine = files.filter((f) => f.account === account && f.region === region);
      const previous = chains.get(place);
      const chain = await writeDigestFile(writer, { trail, account, region, files: mine, previous, start: startOf(previous, status, mine, end), end });
      await saveChain(store, trail, chain);
      await markDigested(store, trail, mine);
    }
  } catch (err) {
    const code = deliveryErrorCode(err);
    if (code === undefined) throw err;
    await digestDeliveryFailed(store, trail, code);
    return;
  }
  await digestDelivered(store, trail, end);
}

/** Now, in whole seconds, but after every chain's last digest. */
async function endAfter(chains: Map<string, DigestChain>): Promise<Date> {
  const last = Math.max(0, ...[...chains.values()].map((c) => Math.floor(Date.parse(c.EndTime) / 1000)));
  const wait = (last + 1) * 1000 - Date.now();
  if (wait > 0) await sleep(wait);
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

/** Where a digest's period starts: the previous digest's end; for a chain's first, when logging started. */
function startOf(previous: DigestChain | undefined, status: TrailStatusRecord, files: DeliveredLogFile[], end: Date): Date {
  if (previous) return new Date(previous.EndTime);
  const candidates = [end.getTime(), ...files.map((f) => Date.parse(f.oldestEventTime))];
  if (status.StartLoggingTime) candidates.push(Math.floor(Date.parse(status.StartLoggingTime) / 1000) * 1000);
  return new Date(Math.min(...candidates));
}
