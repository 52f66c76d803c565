/**
 * One principal's calls that a detector has not read yet (their records not parsed), oldest
 * first, with the most each can count for: detectors of bursts keep calls here until the
 * principal could have reached their threshold, so that everyday traffic is never parsed.
 * Calls older than the window leave the queue as newer ones arrive; past `limit` calls the
 * oldest leaves too.
 */
import type { TrailEvent } from '../../trail-event.js';

export interface UnreadCall {
  event: TrailEvent;
  time: number;
  /** The most it can count for. */
  bound: number;
}

export class UnreadCalls {
  private calls: UnreadCall[] = [];
  private head = 0;
  /** The sum of the queued calls' bounds. */
  bound = 0;

  constructor(
    private readonly windowMs: number,
    private readonly limit = Infinity,
  ) {}

  get size(): number {
    return this.calls.length - this.head;
  }

  push(event: TrailEvent, time: number, bound: number): void {
    this.calls.push({ event, time, bound });
    this.bound += bound;
    const oldest = time - this.windowMs;
    while (this.head < this.calls.length && (this.calls[this.head].time < oldest || this.size > this.limit)) this.drop();
    if (this.head > 64 && this.head * 2 > this.calls.length) {
      this.calls = this.calls.slice(this.head);
      this.head = 0;
    }
  }

  /** The queued calls, oldest first; the queue is empty afterwards. */
  take(): UnreadCall[] {
    const calls = this.head === 0 ? this.calls : this.calls.slice(this.head);
    this.calls = [];
    this.head = 0;
    this.bound = 0;
    return calls;
  }

  private drop(): void {
    const call = this.calls[this.head++];
    this.bound -= call.bound;
  }
}
