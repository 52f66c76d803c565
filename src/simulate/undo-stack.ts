/**
 * What a technique created, as the actions that remove it: registered as each thing is made,
 * run newest first. Every action runs even when an earlier one failed; the failures are
 * collected, so one stuck resource does not leave the others behind.
 */
export interface UndoFailure {
  description: string;
  error: string;
}

export class UndoStack {
  private readonly actions: Array<{ description: string; action: () => Promise<unknown> }> = [];

  push(description: string, action: () => Promise<unknown>): void {
    this.actions.push({ description, action });
  }

  get size(): number {
    return this.actions.length;
  }

  /** Runs every action, newest first; resolves the ones that failed. */
  async unwind(): Promise<UndoFailure[]> {
    const failures: UndoFailure[] = [];
    while (this.actions.length > 0) {
      const { description, action } = this.actions.pop()!;
      try {
        await action();
      } catch (err) {
        failures.push({ description, error: errorText(err) });
      }
    }
    return failures;
  }
}

/** An error's name and message, as a report shows it. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.name && err.name !== 'Error' && !err.message.startsWith(err.name) ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}
