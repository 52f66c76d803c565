/**
 * The event history thread (event-history.ts): owns the history index on disk, catches up
 * with the journal directory in the background, and answers lookups and expiries.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { expireSegments, type ThreadHistoryOptions } from './event-history.js';
import { HistoryIndex, type HistoryQuery } from './history-index.js';
import { JournalDirectory } from './journal.js';

const options = workerData as ThreadHistoryOptions;
const journal = new JournalDirectory(options.journalDir);
const index = new HistoryIndex();
const CATCH_UP_EVERY_MS = 2000;
const CATCH_UP_BUDGET_MS = 100;

const timer = options.background
  ? setInterval(() => {
      try {
        index.catchUp(journal, CATCH_UP_BUDGET_MS);
      } catch {
        // retried on the next tick or lookup
      }
    }, CATCH_UP_EVERY_MS)
  : undefined;

type Request = { id: number; type: 'lookup'; query: HistoryQuery } | { id: number; type: 'expire'; beforeMs: number } | { id: number; type: 'close' };

parentPort!.on('message', (request: Request) => {
  try {
    if (request.type === 'lookup') {
      index.catchUp(journal);
      const page = index.lookup(request.query, (segment, offset, length) => journal.readLine(segment, offset, length));
      parentPort!.postMessage({ id: request.id, page });
    } else if (request.type === 'expire') {
      expireSegments(journal, index, request.beforeMs);
      parentPort!.postMessage({ id: request.id });
    } else {
      clearInterval(timer);
      index.close();
      parentPort!.postMessage({ id: request.id });
      parentPort!.close();
    }
  } catch (err) {
    parentPort!.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) });
  }
});
