/**
 * Each process's in-memory index of the findings of every account and Region it has queried
 * (src/securityhub/finding-index.ts), so GetFindings and insights scan memory, not the store.
 *
 * Coherence: a write of findings in this process bumps the generation and, through
 * core/peers.ts, makes every sibling worker bump its own before the write is answered
 * (`findingsChanged`). An index checks its scope's change log (finding-records.ts) whenever the
 * generation moved or 5 s passed (nodes sharing PostgreSQL without a primary), and reads only
 * the findings changed since its last check; a new log epoch (after a reset) rebuilds it. So a
 * query that starts after a write was answered sees it, on every worker.
 */
import { changedState, registerCache } from '../../core/peers.js';
import { FindingIndex } from '../../securityhub/finding-index.js';
import type { Scope, Store } from '../../store/index.js';
import { KIND } from './common.js';
import { changeId, readSeq, type FindingChange, type StoredFinding } from './finding-records.js';

const TTL_MS = 5_000;
const PAGE = 2_000;

interface ScopeIndex {
  index: FindingIndex;
  epoch?: string;
  /** Changes up to this number are in the index. */
  seen: number;
  generation: number;
  checkedAt: number;
  catchingUp?: Promise<void>;
}

let generation = 0;
registerCache(() => generation++);

const byStore = new WeakMap<object, Map<string, ScopeIndex>>();

/** Findings of some scope changed (called after the write committed). */
export function findingsChanged(): void {
  generation++;
  changedState();
}

async function rebuild(store: Store, scope: Scope, state: ScopeIndex, epoch: string, upTo: number): Promise<void> {
  state.index.clear();
  let after: string | undefined;
  do {
    const page = await store.list<StoredFinding>(scope, KIND.finding, { after, limit: PAGE });
    for (const item of page.items) state.index.upsert(item.id, item.value.Finding);
    after = page.next;
  } while (after !== undefined);
  state.epoch = epoch;
  state.seen = upTo;
}

async function applyChanges(store: Store, scope: Scope, state: ScopeIndex): Promise<void> {
  let after = changeId(state.seen);
  for (;;) {
    const page = await store.list<FindingChange>(scope, KIND.findingChange, { after, limit: PAGE });
    for (const item of page.items) {
      const stored = (await store.get<StoredFinding>(scope, KIND.finding, item.value.key))?.value;
      if (stored) state.index.upsert(item.value.key, stored.Finding);
      else state.index.remove(item.value.key);
      state.seen = Number(item.id);
    }
    if (page.next === undefined) return;
    after = page.next;
  }
}

async function catchUp(store: Store, scope: Scope, state: ScopeIndex): Promise<void> {
  const started = generation;
  const seq = await readSeq(store, scope);
  if (!seq) {
    state.index.clear();
    state.epoch = undefined;
    state.seen = 0;
  } else if (seq.epoch !== state.epoch) {
    // The log's number read first: what is written while the findings are listed is read again next time.
    await rebuild(store, scope, state, seq.epoch, seq.next - 1);
    await applyChanges(store, scope, state);
  } else if (seq.next - 1 > state.seen) {
    await applyChanges(store, scope, state);
  }
  state.generation = started;
  state.checkedAt = Date.now();
}

/** The index of a scope's findings, current as of the call. */
export async function findingIndex(store: Store, scope: Scope): Promise<FindingIndex> {
  let scopes = byStore.get(store);
  if (!scopes) byStore.set(store, (scopes = new Map()));
  const id = `${scope.account}\u0000${scope.region}`;
  let state = scopes.get(id);
  if (!state) scopes.set(id, (state = { index: new FindingIndex(), seen: 0, generation: -1, checkedAt: 0 }));
  const wanted = generation;
  if (Date.now() - state.checkedAt > TTL_MS) state.generation = -1;
  while (state.generation < wanted) {
    const current = state;
    current.catchingUp ??= catchUp(store, scope, current).finally(() => {
      current.catchingUp = undefined;
    });
    await current.catchingUp;
  }
  return state.index;
}
