/**
 * Clock-driven work of every service — KMS keys whose deletion window ended are deleted,
 * due automatic rotations run, expired imported material goes — run once a minute (and once
 * soon after start) in the background. A failing task is logged and tried again next time.
 */
import type { MasterKey } from '../crypto/master-key.js';
import { housekeepingTasks } from '../services/registry.js';
import type { Store } from '../store/index.js';
import type { Logger } from './logger.js';

export const HOUSEKEEPING_INTERVAL_MS = 60_000;
const FIRST_RUN_MS = 1_000;

export interface Housekeeping {
  /** Runs every task now (tests, and the timer). */
  runNow(now?: Date): Promise<void>;
  stop(): Promise<void>;
}

export interface HousekeepingTask {
  name: string;
  run: (now: Date) => Promise<unknown>;
}

/**
 * Beside every service's tasks, `extra` ones (CloudTrail's event history retention).
 * `intervalMs` null: no timer (a sibling worker process runs the clock-driven work).
 */
export function startHousekeeping(
  store: Store,
  masterKey: MasterKey,
  logger: Logger,
  intervalMs: number | null = HOUSEKEEPING_INTERVAL_MS,
  extra: HousekeepingTask[] = [],
): Housekeeping {
  let running: Promise<void> | undefined;
  let stopped = false;
  const runNow = (now = new Date()): Promise<void> => {
    const tasks: HousekeepingTask[] = [...housekeepingTasks().map((t) => ({ name: t.service, run: (at: Date) => t.run(store, at, masterKey) })), ...extra];
    running ??= (async () => {
      for (const task of tasks) {
        if (stopped) break;
        try {
          await task.run(now);
        } catch (err) {
          logger.warn('housekeeping task failed', { task: task.name, err });
        }
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = () => void runNow();
  const first = intervalMs === null ? undefined : setTimeout(tick, Math.min(FIRST_RUN_MS, intervalMs)).unref();
  const timer = intervalMs === null ? undefined : setInterval(tick, intervalMs).unref();
  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
