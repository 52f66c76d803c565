/**
 * Whether an event was recorded while its trail was logging: only those are delivered. The
 * trail's status knows the last StartLogging and StopLogging times, which give at most two
 * periods since the cursor last moved (deliveries are seconds apart): the current one
 * [StartLoggingTime, StopLoggingTime or now], and, when the trail was stopped before it was
 * started again, an earlier one ending at StopLoggingTime (opened by the StartLogging record
 * before it when the delivery read that too, else taken from the trail's creation).
 *
 * Records carry whole seconds, so an event in the same second as a start or stop is placed by
 * its order in the journal: a segment is one process's records in the order they were answered,
 * and the trail's own StartLogging / StopLogging record (its mark, kept with the cursor once
 * passed) tells what came before and after. An event in that second answered by another worker
 * process is taken as logged. The StartLogging and StopLogging calls themselves are delivered,
 * as AWS delivers them.
 */
import type { TrailRecord, TrailStatusRecord } from '../../services/cloudtrail/common.js';
import type { JournalEntry } from './journal-reader.js';

/** Where the trail's last StartLogging / StopLogging record stands in the journal. */
export interface Mark {
  segment: string;
  offset: number;
  second: number;
}

export interface LoggingMarks {
  start?: Mark;
  stop?: Mark;
}

interface Period {
  startSecond: number;
  /** Infinity while logging. */
  endSecond: number;
  startMark?: Mark;
  endMark?: Mark;
}

type TrailIdentity = Pick<TrailRecord, 'Name' | 'TrailARN' | 'AccountId' | 'CreatedAt'>;

const second = (ms: number): number => Math.floor(ms / 1000);

export class LoggingWindow {
  private readonly periods: Period[] = [];
  /** The marks to keep with the cursor. */
  readonly marks: LoggingMarks;

  constructor(trail: TrailIdentity, status: TrailStatusRecord, entries: JournalEntry[], known: LoggingMarks = {}) {
    const starts = marksOf(trail, entries, 'StartLogging');
    this.marks = { start: starts[starts.length - 1] ?? known.start, stop: marksOf(trail, entries, 'StopLogging').pop() ?? known.stop };
    if (!status.StartLoggingTime) return;
    const start = second(Date.parse(status.StartLoggingTime));
    const stop = status.StopLoggingTime ? second(Date.parse(status.StopLoggingTime)) : undefined;
    const startMark = this.marks.start?.second === start ? this.marks.start : undefined;
    const stopMark = stop !== undefined && this.marks.stop?.second === stop ? this.marks.stop : undefined;
    const stoppedSince = stop !== undefined && Date.parse(status.StopLoggingTime as string) >= Date.parse(status.StartLoggingTime);
    this.periods.push({ startSecond: start, endSecond: stoppedSince ? (stop as number) : Infinity, startMark, endMark: stoppedSince ? stopMark : undefined });
    if (stop !== undefined && !stoppedSince) {
      // The start of the earlier period: its StartLogging record when this delivery read it, else the trail's creation.
      const opened = starts.filter((m) => m.segment === stopMark?.segment && m.offset < stopMark.offset).pop();
      this.periods.push({ startSecond: opened?.second ?? second(Date.parse(trail.CreatedAt)), endSecond: stop, startMark: opened, endMark: stopMark });
    }
  }

  covers(entry: JournalEntry): boolean {
    const at = second(entry.timeMs);
    return this.periods.some((p) => {
      if (at < p.startSecond || at > p.endSecond) return false;
      if (at === p.startSecond && p.startMark?.segment === entry.segment && entry.offset < p.startMark.offset) return false;
      return !(at === p.endSecond && p.endMark?.segment === entry.segment && entry.offset > p.endMark.offset);
    });
  }
}

/** The successful `eventName` calls on this trail among the entries, in journal order. */
function marksOf(trail: TrailIdentity, entries: JournalEntry[], eventName: string): Mark[] {
  const found: Mark[] = [];
  for (const entry of entries) {
    const r = entry.record;
    if (r.eventName !== eventName || r.eventSource !== 'cloudtrail.amazonaws.com' || r.errorCode !== undefined || r.recipientAccountId !== trail.AccountId) continue;
    const name = (r.requestParameters as { name?: unknown } | null)?.name;
    if (name === trail.Name || name === trail.TrailARN) found.push({ segment: entry.segment, offset: entry.offset, second: second(entry.timeMs) });
  }
  return found;
}
