/**
 * A trail's delivery cursor, in the store beside the trail (its account and home Region, under
 * the trail name): where in each journal segment its delivery stands, and the log files
 * delivered since its last digest file. It is saved after the log files are written, so a
 * restart neither loses an event nor delivers one again (a crash between the two can deliver a
 * file twice, never lose one). A trail deleted and created again under the same name starts a
 * new cursor (TrailCreatedAt differs).
 */
import type { Store } from '../../store/index.js';
import { trailScope, type TrailRecord } from '../../services/cloudtrail/common.js';
import type { Positions } from './journal-reader.js';
import type { LoggingMarks } from './logging-window.js';

export const CURSOR_KIND = 'cloudtrail:delivery-cursor';

/** A delivered log file, as the next digest file lists it. */
export interface DeliveredLogFile {
  account: string;
  region: string;
  s3Bucket: string;
  s3Object: string;
  hashValue: string;
  newestEventTime: string;
  oldestEventTime: string;
}

export interface DeliveryCursor {
  TrailCreatedAt: string;
  Positions: Positions;
  /** Log files not yet named by a digest file (log file validation). */
  Undigested: DeliveredLogFile[];
  /** The trail's last StartLogging / StopLogging records passed (logging-window.ts). */
  Marks?: LoggingMarks;
}

type TrailKey = Pick<TrailRecord, 'AccountId' | 'HomeRegion' | 'Name' | 'CreatedAt'>;

export async function loadCursor(store: Store, trail: TrailKey): Promise<DeliveryCursor> {
  const found = (await store.get<DeliveryCursor>(trailScope(trail), CURSOR_KIND, trail.Name))?.value;
  if (found && found.TrailCreatedAt === trail.CreatedAt) return found;
  return { TrailCreatedAt: trail.CreatedAt, Positions: {}, Undigested: [] };
}

/**
 * Moves the cursor to `positions` (segments no longer in the journal are forgotten), keeps the
 * logging marks and adds `delivered` to the files awaiting a digest.
 */
export async function advanceCursor(store: Store, trail: TrailKey, positions: Positions, marks: LoggingMarks, delivered: DeliveredLogFile[]): Promise<void> {
  await store.transaction(async (tx) => {
    const current = (await tx.get<DeliveryCursor>(trailScope(trail), CURSOR_KIND, trail.Name))?.value;
    const kept = current?.TrailCreatedAt === trail.CreatedAt ? current : undefined;
    await tx.put(trailScope(trail), CURSOR_KIND, trail.Name, {
      TrailCreatedAt: trail.CreatedAt,
      Positions: positions,
      Undigested: [...(kept?.Undigested ?? []), ...delivered],
      Marks: marks,
    } satisfies DeliveryCursor);
  });
}

/** Removes the files a digest file named from the ones awaiting one. */
export async function markDigested(store: Store, trail: TrailKey, digested: DeliveredLogFile[]): Promise<void> {
  const done = new Set(digested.map((f) => `${f.s3Bucket}/${f.s3Object}`));
  await store.transaction(async (tx) => {
    const current = (await tx.get<DeliveryCursor>(trailScope(trail), CURSOR_KIND, trail.Name))?.value;
    if (!current || current.TrailCreatedAt !== trail.CreatedAt) return;
    current.Undigested = current.Undigested.filter((f) => !done.has(`${f.s3Bucket}/${f.s3Object}`));
    await tx.put(trailScope(trail), CURSOR_KIND, trail.Name, current);
  });
}
