/**
 * Event history behind LookupEvents: the history index kept up with the journal.
 *
 * - In memory (`--in-memory`, tests): the index lives in this process and is brought up to
 *   date right before each lookup.
 * - On disk: a worker thread owns the index and reads every process's journal segments, so
 *   indexing never runs on the thread that answers requests. In the background it catches up
 *   for at most 100 ms every 2 s (under a flood of calls it falls behind rather than take a
 *   core); a lookup makes it catch up fully first, so an answered call is always found.
 *
 * Retention: events older than 90 days leave (AWS keeps 90 days of event history) — whole
 * journal segments last written before then, with their index rows.
 */
import { Worker } from 'node:worker_threads';
import { HistoryIndex, type HistoryPage, type HistoryQuery } from './history-index.js';
import type { JournalSource } from './journal.js';

export const HISTORY_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

export interface EventHistory {
  lookup(query: HistoryQuery): Promise<HistoryPage>;
  /** Deletes journal segments (and their index rows) last written before `beforeMs`. */
  expire(beforeMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Deletes expired segments of `journal` from it and from `index`. */
export function expireSegments(journal: JournalSource, index: HistoryIndex, beforeMs: number): void {
  for (const segment of journal.segmentIds()) {
    if (journal.lastWritten(segment) >= beforeMs) continue;
    if (journal.deleteSegment(segment)) index.dropSegment(segment);
  }
}

export function inProcessHistory(journal: JournalSource): EventHistory {
  const index = new HistoryIndex();
  return {
    lookup: async (query) => {
      index.catchUp(journal);
      return index.lookup(query, (segment, offset, length) => journal.readLine(segment, offset, length));
    },
    expire: async (beforeMs) => expireSegments(journal, index, beforeMs),
    close: async () => index.close(),
  };
}

export interface ThreadHistoryOptions {
  journalDir: string;
  /** Catch up in the background, a little at a time (one process of a cluster is enough). */
  background: boolean;
}

type Reply = { id: number; page?: HistoryPage; error?: string };

export function threadHistory(options: ThreadHistoryOptions): EventHistory {
  const worker = new Worker(new URL('./history-thread.js', import.meta.url), { workerData: options });
  worker.unref();
  let nextId = 0;
  const waiting = new Map<number, { resolve: (page: HistoryPage) => void; reject: (err: Error) => void }>();
  worker.on('message', (reply: Reply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (reply.error !== undefined) w.reject(new Error(reply.error));
    else w.resolve(reply.page ?? { records: [] });
  });
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('the event history thread stopped')));
  const ask = (message: Record<string, unknown>): Promise<HistoryPage> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  return {
    lookup: (query) => ask({ type: 'lookup', query }),
    expire: async (beforeMs) => {
      await ask({ type: 'expire', beforeMs });
    },
    close: async () => {
      await ask({ type: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
