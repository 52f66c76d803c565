/**
 * The running EventBridge of a store, for the API handlers (PutEvents hands it events) and
 * housekeeping (scheduled rules): a handler sees only its request context, whose store
 * identifies the Bulwark it serves. Registered by startEventBridge, removed by its close().
 * Without one (EventBridge not started), PutEvents still answers and events go nowhere.
 */
import type { Scope, Store } from '../store/index.js';
import type { EventEnvelope } from './envelope.js';

export interface EventRouter {
  /** Matches the event against the bus's rules and delivers it; returns at once, never throws. */
  publish(scope: Scope, bus: string, event: EventEnvelope): void;
  /** Fires the scheduled rules due by `now` (the clock-driven process calls it). */
  fireSchedules(now: Date): Promise<void>;
}

const routers = new WeakMap<Store, EventRouter>();

export function registerRouter(store: Store, router: EventRouter): () => void {
  routers.set(store, router);
  return () => {
    if (routers.get(store) === router) routers.delete(store);
  };
}

export const routerOf = (store: Store): EventRouter | undefined => routers.get(store);
