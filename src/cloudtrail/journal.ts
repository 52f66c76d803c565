/**
 * The event journal: every CloudTrail record, one JSON line each, appended before the call
 * is answered. It is the durable copy of the trail — event history (the index) and trail
 * delivery both read from it.
 *
 * On disk (`<data-dir>/cloudtrail/journal/`), each process writes its own segment files
 * (`events-<start ms>-<writer>.jsonl`, a new one past 64 MiB or a day), so worker processes never
 * interleave within a file. Appends made while the event loop turns are written together with
 * one write(2) before their callers resume: once written, a line sits in the kernel's page
 * cache and survives the process being killed (`kill -9`) — the durability of the store's
 * SQLite with synchronous = NORMAL. In memory (`--in-memory`) the lines live in an array.
 *
 * Positions: a byte offset in a file segment, a line number in memory. Readers (the indexer,
 * delivery) ask for complete lines from a position and remember where they stopped.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeSync, fstatSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface JournalLines {
  lines: string[];
  /** Where each line starts, and how long it is (bytes on disk; 1 in memory). */
  offsets: number[];
  lengths: number[];
  /** Where the next read starts. */
  next: number;
}

/** What readers of the journal use. */
export interface JournalSource {
  /** Segment ids, oldest first. */
  segmentIds(): string[];
  /** Complete lines of a segment from `position`, at most about `maxBytes` of them. */
  readFrom(segment: string, position: number, maxBytes: number): JournalLines;
  /** One line by its offset and length. */
  readLine(segment: string, offset: number, length: number): string | undefined;
  /** Deletes a segment (retention); false when it stays (a writer's current segment). */
  deleteSegment(segment: string): boolean;
  /** When a segment was last written (ms), for retention. */
  lastWritten(segment: string): number;
}

export interface EventJournal extends JournalSource {
  /** Appends a line (no newline in it); resolves once it is written. */
  append(line: string): Promise<void>;
  close(): void;
}

const SEGMENT_BYTES = 64 * 1024 * 1024;
/** A segment is written for a day at most, so retention (by last write) never meets a live one. */
const SEGMENT_MS = 24 * 60 * 60 * 1000;

/** Batches appends of one event-loop turn into one write. */
abstract class BatchingJournal {
  private pending: string[] = [];
  private flushed: Promise<void> | undefined;

  append(line: string): Promise<void> {
    this.pending.push(line);
    this.flushed ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        const lines = this.pending;
        this.pending = [];
        this.flushed = undefined;
        try {
          this.write(lines);
          resolve();
        } catch (err) {
          reject(err as Error);
        }
      }),
    );
    return this.flushed;
  }

  protected abstract write(lines: string[]): void;
}

export class MemoryJournal extends BatchingJournal implements EventJournal {
  private readonly lines: string[] = [];
  private readonly written = Date.now();

  protected write(lines: string[]): void {
    for (const line of lines) this.lines.push(line);
  }

  segmentIds(): string[] {
    return ['memory'];
  }

  readFrom(_segment: string, position: number, maxBytes: number): JournalLines {
    const out: JournalLines = { lines: [], offsets: [], lengths: [], next: position };
    let bytes = 0;
    while (out.next < this.lines.length && bytes < maxBytes) {
      const line = this.lines[out.next]!;
      out.lines.push(line);
      out.offsets.push(out.next);
      out.lengths.push(1);
      bytes += line.length;
      out.next++;
    }
    return out;
  }

  readLine(_segment: string, offset: number, _length?: number): string | undefined {
    return this.lines[offset];
  }

  deleteSegment(): boolean {
    return false;
  }

  lastWritten(): number {
    return this.written;
  }

  close(): void {}
}

/** Reads (and deletes) segment files in a journal directory; what every process can do. */
export class JournalDirectory implements JournalSource {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  segmentIds(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.startsWith('events-') && f.endsWith('.jsonl'))
      .sort();
  }

  readFrom(segment: string, position: number, maxBytes: number): JournalLines {
    const out: JournalLines = { lines: [], offsets: [], lengths: [], next: position };
    let fd: number;
    try {
      fd = openSync(join(this.dir, segment), 'r');
    } catch {
      return out; // deleted meanwhile
    }
    try {
      const size = fstatSync(fd).size;
      if (size <= position) return out;
      const buffer = Buffer.allocUnsafe(Math.min(maxBytes, size - position));
      const read = readSync(fd, buffer, 0, buffer.length, position);
      let start = 0;
      for (let nl = buffer.indexOf(10, 0); nl >= 0 && nl < read; nl = buffer.indexOf(10, start)) {
        out.lines.push(buffer.toString('utf8', start, nl));
        out.offsets.push(position + start);
        out.lengths.push(nl - start);
        start = nl + 1;
      }
      if (start === 0 && read === buffer.length && read < size - position) {
        // one line longer than maxBytes: read it whole
        return this.readFrom(segment, position, maxBytes * 4);
      }
      out.next = position + start;
      return out;
    } finally {
      closeSync(fd);
    }
  }

  readLine(segment: string, offset: number, length: number): string | undefined {
    let fd: number;
    try {
      fd = openSync(join(this.dir, segment), 'r');
    } catch {
      return undefined;
    }
    try {
      const buffer = Buffer.allocUnsafe(length);
      const read = readSync(fd, buffer, 0, length, offset);
      return read === length ? buffer.toString('utf8') : undefined;
    } finally {
      closeSync(fd);
    }
  }

  deleteSegment(segment: string): boolean {
    try {
      unlinkSync(join(this.dir, segment));
    } catch {
      // already gone
    }
    return true;
  }

  lastWritten(segment: string): number {
    try {
      return statSync(join(this.dir, segment)).mtimeMs;
    } catch {
      return 0;
    }
  }
}

/** This process's writer over a journal directory. */
export class FileJournal extends BatchingJournal implements EventJournal {
  private readonly directory: JournalDirectory;
  private fd = -1;
  private segment = '';
  private size = 0;
  private opened = 0;

  constructor(
    dir: string,
    private readonly writer: string,
  ) {
    super();
    this.directory = new JournalDirectory(dir);
  }

  protected write(lines: string[]): void {
    const data = Buffer.from(lines.join('\n') + '\n', 'utf8');
    if (this.fd < 0 || this.size + data.length > SEGMENT_BYTES || Date.now() - this.opened > SEGMENT_MS) this.rotate();
    let done = 0;
    while (done < data.length) done += writeSync(this.fd, data, done, data.length - done);
    this.size += data.length;
  }

  private rotate(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.segment = `events-${String(Date.now()).padStart(13, '0')}-${this.writer}.jsonl`;
    this.fd = openSync(join(this.directory.dir, this.segment), 'a', 0o600);
    this.opened = Date.now();
    this.size = fstatSync(this.fd).size;
  }

  segmentIds(): string[] {
    return this.directory.segmentIds();
  }

  readFrom(segment: string, position: number, maxBytes: number): JournalLines {
    return this.directory.readFrom(segment, position, maxBytes);
  }

  readLine(segment: string, offset: number, length: number): string | undefined {
    return this.directory.readLine(segment, offset, length);
  }

  deleteSegment(segment: string): boolean {
    return segment !== this.segment && this.directory.deleteSegment(segment);
  }

  lastWritten(segment: string): number {
    return this.directory.lastWritten(segment);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
