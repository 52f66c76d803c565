/**
 * Cache coherence between the worker processes of one Bulwark (`--workers N`).
 *
 * Each worker caches stored state for speed (compiled policy sets, access keys, KMS key
 * records); a write invalidates its own caches at once. With several workers, that is not
 * enough: the next request may land on a sibling. So a cache that invalidates itself after a
 * local write calls `changedState()`, the change is announced to every sibling through the
 * primary process, each sibling empties its caches (those given to `registerCache`) and
 * acknowledges, and the pipeline holds the answer of a request until `peersInSync()` says
 * every change noted so far was acknowledged. A client that got an answer therefore never
 * meets a stale cache on any worker — the same read-your-writes as with one process.
 *
 * Without siblings (one process, the default, and tests) every function here is a no-op.
 */

/** What travels between a worker and the primary. */
export type PeerMessage =
  | { bulwark: 'changed'; seq: number } // worker → primary: my writes up to seq
  | { bulwark: 'acknowledged'; seq: number } // primary → worker: every sibling emptied its caches for seq
  | { bulwark: 'peer-changed'; id: number } // primary → worker: a sibling wrote; empty your caches
  | { bulwark: 'peer-emptied'; id: number }; // worker → primary: done

export function isPeerMessage(value: unknown): value is PeerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { bulwark?: unknown }).bulwark === 'string';
}

interface Link {
  send(message: PeerMessage): void;
}

const caches = new Set<() => void>();
let link: Link | undefined;
let noted = 0;
let announced = 0;
let acknowledged = 0;
let emptying = false;
let waiters: { seq: number; resolve: () => void }[] = [];

/** Registers what empties one cache of stored state in this process; returns its removal. */
export function registerCache(empty: () => void): () => void {
  caches.add(empty);
  return () => caches.delete(empty);
}

/** Empties every registered cache here (a sibling's write, or a reset of the whole store). */
export function emptyCaches(): void {
  const wasEmptying = emptying;
  emptying = true;
  try {
    for (const empty of caches) empty();
  } finally {
    emptying = wasEmptying;
  }
}

/** A local write changed stored state that caches hold (called where a cache invalidates itself). */
export function changedState(): void {
  if (!link || emptying) return;
  noted++;
  if (announced === noted - 1) queueMicrotask(announce);
}

function announce(): void {
  if (!link || announced === noted) return;
  announced = noted;
  link.send({ bulwark: 'changed', seq: noted });
}

/** Undefined when every sibling has seen every change noted so far; else settles once they have. */
export function peersInSync(): Promise<void> | undefined {
  if (acknowledged === noted) return undefined;
  const seq = noted;
  return new Promise((resolve) => waiters.push({ seq, resolve }));
}

/** Worker side: joins the siblings over `channel` (the IPC channel to the primary). */
export function joinPeers(channel: Link & { on(event: 'message', listener: (message: unknown) => void): unknown }): void {
  link = channel;
  channel.on('message', (message) => {
    if (!isPeerMessage(message)) return;
    if (message.bulwark === 'peer-changed') {
      emptyCaches();
      channel.send({ bulwark: 'peer-emptied', id: message.id });
    } else if (message.bulwark === 'acknowledged') {
      acknowledged = Math.max(acknowledged, message.seq);
      const done = waiters.filter((w) => w.seq <= acknowledged);
      waiters = waiters.filter((w) => w.seq > acknowledged);
      for (const w of done) w.resolve();
    }
  });
}
