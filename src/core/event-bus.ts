/**
 * Bulwark's internal event bus: in-process publish/subscribe of what happened (every
 * CloudTrail record, for detectors and EventBridge). A subscriber runs synchronously when an
 * event is published and must be quick; one that throws is reported and does not stop others.
 */
export class EventBus<T> {
  private readonly subscribers = new Set<(event: T) => void>();

  constructor(private readonly onError: (err: unknown) => void = () => {}) {}

  /** Returns the unsubscribe function. */
  subscribe(subscriber: (event: T) => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get hasSubscribers(): boolean {
    return this.subscribers.size > 0;
  }

  publish(event: T): void {
    for (const subscriber of this.subscribers) {
      try {
        subscriber(event);
      } catch (err) {
        this.onError(err);
      }
    }
  }
}
