/**
 * A FIFO async mutex: `run(fn)` waits for every earlier holder to finish, then runs `fn`.
 * The SQLite backend uses one to serialize everything that touches its single connection.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<R>(fn: () => R | Promise<R>): Promise<R> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      return await fn();
    } finally {
      release();
    }
  }
}
