/**
 * Trail delivery: every interval, each trail's new records go to its bucket as log files (and,
 * with log file validation, digest files). One process of a Bulwark delivers on a timer — the one
 * that runs housekeeping — so two processes never deliver the same events; `deliverNow` runs a
 * delivery at once (tests), and runs never overlap.
 */
import type { MasterKey } from '../../crypto/master-key.js';
import type { Logger } from '../../server/logger.js';
import type { BlobStore } from '../../store/blob-store.js';
import type { Store } from '../../store/index.js';
import { trailsOf } from '../../services/cloudtrail/common.js';
import type { JournalSource } from '../journal.js';
import { forgetDeletedTrails } from './cleanup.js';
import { JournalRun } from './journal-reader.js';
import { OrganizationLookup } from './record-scope.js';
import { deliverTrail } from './trail-delivery.js';

export interface TrailDeliveryOptions {
  store: Store;
  blobs: BlobStore;
  masterKey: MasterKey;
  logger: Logger;
  /** How often deliveries run (ms). */
  intervalMs: number;
}

export interface TrailDelivery {
  /** Delivers every trail's new records now; resolves when done. */
  deliverNow(): Promise<void>;
  stop(): Promise<void>;
}

/** `timer`: whether this process delivers on its own (the housekeeping process). */
export function startTrailDelivery(journal: JournalSource, options: TrailDeliveryOptions, timer: boolean): TrailDelivery {
  const { store, blobs, masterKey, logger } = options;
  const writer = { store, blobs, masterKey };
  let last: Promise<void> = Promise.resolve();
  let stopped = false;

  const runOnce = async (): Promise<void> => {
    const trails = await trailsOf(store);
    const run = { journal: new JournalRun(journal), orgs: new OrganizationLookup(store), at: new Date() };
    for (const { trail } of trails) {
      if (stopped) return;
      try {
        await deliverTrail(writer, trail, run);
      } catch (err) {
        logger.warn('cloudtrail delivery failed', { trail: trail.TrailARN, err });
      }
    }
    await forgetDeletedTrails(store, trails.map((t) => t.trail));
  };

  const deliverNow = (): Promise<void> => {
    const next = last.then(runOnce, runOnce);
    last = next.catch((err: unknown) => logger.warn('cloudtrail delivery failed', { err }));
    return next;
  };

  const interval = timer ? setInterval(() => void deliverNow().catch(() => undefined), options.intervalMs) : undefined;
  interval?.unref();
  return {
    deliverNow,
    stop: async () => {
      clearInterval(interval);
      stopped = true;
      await last;
    },
  };
}
