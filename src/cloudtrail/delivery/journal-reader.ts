/**
 * What one delivery run reads of the journal. Each trail has its own cursor (a position per
 * journal segment); trails whose cursors stand at the same place share the reads and the parsed
 * records of the run, so a line is parsed once however many trails look at it.
 *
 * A trail never delivers what was recorded before it existed, so a cursor that has not seen a
 * segment yet skips what it cannot need: a segment its writer has moved on from (a writer only
 * appends to its newest segment) and that was last written before the trail was created is
 * passed over whole, and lines older than the trail are dropped before they are parsed.
 */
import type { JournalSource } from '../journal.js';
import type { CloudTrailRecord } from '../record.js';

/** A record with where it stands in the journal. */
export interface JournalEntry {
  segment: string;
  offset: number;
  /** The record's JSON text, exactly as recorded (log files carry it as it is). */
  line: string;
  record: CloudTrailRecord;
  /** eventTime in ms (CloudTrail's times have whole seconds). */
  timeMs: number;
}

/** Segment → the position the next read starts at; DONE for a segment nothing more can come from. */
export type Positions = Record<string, number>;
export const DONE = -1;

/** How much of one segment a trail reads in one run; the rest waits for the next run. */
const MAX_BYTES_PER_READ = 8 * 1024 * 1024;
const SEGMENT_NAME = /^events-(\d+)-(.+)\.jsonl$/;

export interface JournalBatch {
  entries: JournalEntry[];
  next: Positions;
}

export class JournalRun {
  private readonly segments: string[];
  private readonly newest = new Set<string>();
  private readonly reads = new Map<string, { entries: JournalEntry[]; next: number }>();

  constructor(private readonly journal: JournalSource) {
    this.segments = journal.segmentIds();
    const latest = new Map<string, { start: number; segment: string }>();
    for (const segment of this.segments) {
      const m = SEGMENT_NAME.exec(segment);
      if (!m) {
        this.newest.add(segment); // the in-memory journal's one segment
        continue;
      }
      const start = Number(m[1]);
      const seen = latest.get(m[2] as string);
      if (!seen || seen.start < start) latest.set(m[2] as string, { start, segment });
    }
    for (const { segment } of latest.values()) this.newest.add(segment);
  }

  /** The records after `positions` (oldest first within each segment) recorded at `sinceMs` or later, and the positions after them. */
  read(positions: Positions, sinceMs: number): JournalBatch {
    const entries: JournalEntry[] = [];
    const next: Positions = {};
    for (const segment of this.segments) {
      let position = positions[segment];
      if (position === undefined) {
        position = !this.newest.has(segment) && this.journal.lastWritten(segment) < sinceMs ? DONE : 0;
      }
      if (position === DONE) {
        next[segment] = DONE;
        continue;
      }
      const read = this.readAt(segment, position);
      for (const entry of read.entries) if (entry.timeMs >= sinceMs - 1000) entries.push(entry);
      next[segment] = read.next;
    }
    return { entries, next };
  }

  private readAt(segment: string, position: number): { entries: JournalEntry[]; next: number } {
    const id = `${segment}\u0000${position}`;
    let read = this.reads.get(id);
    if (!read) {
      const lines = this.journal.readFrom(segment, position, MAX_BYTES_PER_READ);
      const entries: JournalEntry[] = [];
      for (let i = 0; i < lines.lines.length; i++) {
        const entry = parseEntry(segment, lines.offsets[i] as number, lines.lines[i] as string);
        if (entry) entries.push(entry);
      }
      read = { entries, next: lines.next };
      this.reads.set(id, read);
    }
    return read;
  }
}

function parseEntry(segment: string, offset: number, line: string): JournalEntry | undefined {
  try {
    const record = JSON.parse(line) as CloudTrailRecord;
    const timeMs = Date.parse(record.eventTime);
    if (typeof record.recipientAccountId !== 'string' || Number.isNaN(timeMs)) return undefined;
    return { segment, offset, line, record, timeMs };
  } catch {
    return undefined; // a torn line (a write cut short by a crash) is not a record
  }
}
