import { AsyncLocalStorage } from 'node:async_hooks';

/** The lifetime of one transaction attempt, shared by its `tx` handle and the store's guard. */
export class TxState {
  open = true;
  /** The first database error inside the transaction (PostgreSQL aborts the transaction on any). */
  failure: unknown;

  assertOpen(): void {
    if (!this.open) throw new Error('Store transaction already finished: its tx handle can no longer be used');
  }
}

/**
 * Detects a store being used through its own methods from inside one of its transactions
 * (instead of through the `tx` argument). On SQLite that would deadlock behind the transaction
 * mutex; on PostgreSQL it would escape the transaction and could exhaust the pool. Both backends
 * reject it with the same clear error.
 *
 * A development aid, on when `BULWARK_STORE_GUARD=1` (the test runner sets it): on Node 20 an
 * AsyncLocalStorage turns on promise hooks for the whole process, which costs every request
 * (about 10 % of a KMS Encrypt), so production runs without it.
 */
export const STORE_GUARD_ENABLED = process.env.BULWARK_STORE_GUARD === '1';

export class TxGuard {
  private readonly current = STORE_GUARD_ENABLED ? new AsyncLocalStorage<TxState>() : undefined;

  run<R>(state: TxState, fn: () => Promise<R>): Promise<R> {
    return this.current ? this.current.run(state, fn) : fn();
  }

  assertOutside(): void {
    if (this.current?.getStore()?.open) {
      throw new Error('Store used inside its own transaction: use the tx argument passed to transaction()');
    }
  }
}
