/**
 * `--workers N`: one primary process and N workers sharing the listening port (node:cluster;
 * the primary hands out connections in turn). Each worker is a whole Bulwark over the same
 * store; the primary only starts, restarts and stops workers and relays cache-coherence
 * messages between them (peers.ts).
 *
 * Start-up is sequential: the first worker creates the master key file and migrates the store
 * before the others open them. Worker 1 alone runs housekeeping (clock-driven work must happen
 * once). A worker that dies is replaced; a change it had not yet acknowledged counts as
 * acknowledged, since a process that is gone holds no cache.
 */
import cluster, { type Worker } from 'node:cluster';
import { isPeerMessage, type PeerMessage } from '../core/peers.js';

/** Environment variable telling a worker its number (1..N). */
export const WORKER_INDEX_ENV = 'BULWARK_WORKER_INDEX';

/** A worker tells the primary it is listening. */
export interface ReadyMessage {
  bulwark: 'ready';
  endpoint: string;
}

interface PendingChange {
  origin: Worker;
  seq: number;
  waitingFor: Set<number>;
}

export interface ClusterHandle {
  /** The endpoint the first worker reported. */
  endpoint: string;
  /** Stops every worker (SIGTERM: each finishes its in-flight requests) and resolves when all exited. */
  stop(): Promise<void>;
}

export async function runCluster(workers: number, log: (message: string) => void): Promise<ClusterHandle> {
  const byIndex = new Map<number, Worker>();
  const pending = new Map<number, PendingChange>();
  let nextChange = 0;
  let stopping = false;

  const settle = (id: number, change: PendingChange) => {
    if (change.waitingFor.size > 0) return;
    pending.delete(id);
    if (change.origin.isConnected()) send(change.origin, { bulwark: 'acknowledged', seq: change.seq });
  };

  const relay = (from: Worker, message: PeerMessage) => {
    if (message.bulwark === 'changed') {
      const id = ++nextChange;
      const siblings = [...byIndex.values()].filter((w) => w !== from && w.isConnected());
      const change: PendingChange = { origin: from, seq: message.seq, waitingFor: new Set(siblings.map((w) => w.id)) };
      pending.set(id, change);
      for (const sibling of siblings) send(sibling, { bulwark: 'peer-changed', id });
      settle(id, change);
    } else if (message.bulwark === 'peer-emptied') {
      const change = pending.get(message.id);
      if (!change) return;
      change.waitingFor.delete(from.id);
      settle(message.id, change);
    }
  };

  const start = (index: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
      let ready = false;
      byIndex.set(index, worker);
      worker.on('message', (message: unknown) => {
        if (isReady(message)) {
          ready = true;
          resolve(message.endpoint);
        } else if (isPeerMessage(message)) relay(worker, message);
      });
      worker.once('exit', (code, signal) => {
        for (const [id, change] of pending) {
          change.waitingFor.delete(worker.id);
          settle(id, change);
        }
        if (byIndex.get(index) === worker) byIndex.delete(index);
        reject(new Error(`worker ${index} exited before it listened (code ${code}, signal ${signal})`));
        if (stopping || !ready) return;
        log(`worker ${index} exited (code ${code}, signal ${signal}); starting a new one`);
        start(index).catch((err: Error) => log(err.message));
      });
    });

  const endpoint = await start(1);
  for (let i = 2; i <= workers; i++) await start(i);
  return {
    endpoint,
    stop: async () => {
      stopping = true;
      const exits = [...byIndex.values()].map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))));
      for (const w of byIndex.values()) w.process.kill('SIGTERM');
      await Promise.all(exits);
    },
  };
}

function send(worker: Worker, message: PeerMessage): void {
  worker.send(message);
}

function isReady(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && (message as { bulwark?: unknown }).bulwark === 'ready';
}
