/**
 * CloudTrail, assembled for one Bulwark process: the journal every call's records go to, the
 * event history over it, the event bus they are published on, and trail delivery (log and
 * digest files into the trails' buckets, delivery/).
 */
import { join } from 'node:path';
import type { CredentialDirectory } from '../accounts/credential-directory.js';
import { EventBus } from '../core/event-bus.js';
import { HISTORY_RETENTION_MS, inProcessHistory, threadHistory, type EventHistory } from './event-history.js';
import { startTrailDelivery, type TrailDelivery, type TrailDeliveryOptions } from './delivery/index.js';
import { FileJournal, MemoryJournal, type EventJournal } from './journal.js';
import { createRecorder, type Recorder } from './recorder.js';
import type { CloudTrailRecord } from './record.js';

export type { CloudTrailRecord } from './record.js';
export type { EventHistory } from './event-history.js';

export interface CloudTrail {
  recorder: Recorder;
  history: EventHistory;
  journal: EventJournal;
  /** Every record, as it is written. */
  events: EventBus<CloudTrailRecord>;
  /** Drops what is older than event history keeps (90 days). */
  expire(now: Date): Promise<void>;
  /** Delivers every trail's new events (log and digest files) now (tests); a no-op without delivery options. */
  deliverNow(): Promise<void>;
  close(): Promise<void>;
}

export interface CloudTrailOptions {
  /** Journal and index under `<dataDir>/cloudtrail/`; in memory when undefined. */
  dataDir?: string;
  /** This process's name among the writers of the journal (`main`, `w1`, `w2`, …). */
  writer: string;
  /** Whether this process keeps the index up to date in the background (one per cluster). */
  indexes: boolean;
  credentials: CredentialDirectory;
  onSubscriberError: (err: unknown) => void;
  /** Trail delivery: on a timer in the process that `indexes`, on demand (deliverNow) in every one. */
  delivery?: TrailDeliveryOptions;
}

export function startCloudTrail(options: CloudTrailOptions): CloudTrail {
  const events = new EventBus<CloudTrailRecord>(options.onSubscriberError);
  let journal: EventJournal;
  let history: EventHistory;
  if (options.dataDir) {
    const dir = join(options.dataDir, 'cloudtrail');
    journal = new FileJournal(join(dir, 'journal'), options.writer);
    history = threadHistory({ journalDir: join(dir, 'journal'), background: options.indexes });
  } else {
    journal = new MemoryJournal();
    history = inProcessHistory(journal);
  }
  const delivery: TrailDelivery | undefined = options.delivery ? startTrailDelivery(journal, options.delivery, options.indexes) : undefined;
  return {
    recorder: createRecorder(journal, events, options.credentials),
    history,
    journal,
    events,
    expire: (now) => history.expire(now.getTime() - HISTORY_RETENTION_MS),
    deliverNow: async () => delivery?.deliverNow(),
    close: async () => {
      await delivery?.stop();
      await history.close();
      journal.close();
    },
  };
}
