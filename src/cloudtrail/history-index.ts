/**
 * Event history: an in-memory index over the journal's management events, for LookupEvents.
 * The journal is the durable copy; the index is rebuilt from it (lazily, as lookups come)
 * after a restart, and costs ~60 bytes per event.
 *
 * Per event it keeps its time and where its line sits in the journal (columns of typed
 * arrays). Per (account, region, lookup attribute, value) — and per (account, region) for
 * lookups without an attribute — a posting list of event numbers ordered by time, found by a
 * 32-bit hash of the key. A hash can collide, so every candidate is checked against its
 * record before it is answered. Event ids are nearly all distinct: they are found by scanning
 * a column of their hashes, newest first, instead of one posting each.
 */
import { historyFacts, type HistoryFacts } from './history-facts.js';
import type { JournalSource } from './journal.js';

export const LOOKUP_ATTRIBUTES = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'] as const;
export type LookupAttribute = (typeof LOOKUP_ATTRIBUTES)[number];

export interface HistoryQuery {
  account: string;
  region: string;
  attribute?: { key: LookupAttribute; value: string };
  /** Inclusive bounds, ms. */
  startMs: number;
  endMs: number;
  limit: number;
  /** Continue below this position (as a previous page's `next`). */
  after?: { time: number; seq: number };
}

export interface HistoryPage {
  records: string[];
  /** The position to continue from, when there may be more. */
  next?: { time: number; seq: number };
}

type Reader = (segment: string, offset: number, length: number) => string | undefined;

const BATCH_BYTES = 1024 * 1024;

/** A segment being read: the parsed lines of its current chunk (facts undefined: not a management event). */
interface Cursor {
  segment: string;
  number: number;
  queue: { facts: HistoryFacts | undefined; offset: number; length: number }[];
  at: number;
  next?: number;
}

/** The time of the cursor's next line (lines that are not events go first). */
function headTime(cursor: Cursor): number {
  return cursor.queue[cursor.at]?.facts?.time ?? -Infinity;
}

/** A growable column. */
class Column<T extends Float64Array | Uint32Array> {
  length = 0;
  constructor(public data: T) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

export class HistoryIndex {
  private readonly times = new Column(new Float64Array(1024));
  private readonly offsets = new Column(new Float64Array(1024));
  private readonly lengths = new Column(new Uint32Array(1024));
  private readonly segmentOf = new Column(new Uint32Array(1024));
  private readonly idHashes = new Column(new Uint32Array(1024));
  private readonly scopeHashes = new Column(new Uint32Array(1024));
  private readonly segments: string[] = [];
  private readonly segmentNumbers = new Map<string, number>();
  private readonly dropped = new Set<number>();
  private readonly progress = new Map<string, number>();
  private readonly postings = new Map<number, Column<Uint32Array>>();

  /**
   * Indexes what the journal holds beyond where it stopped; at most about `budgetMs` of work.
   * Returns the lines read. Segments are merged by time as they are read (each is in time
   * order already), so posting lists grow at their ends and memory stays at one chunk per
   * segment however far behind the index is.
   */
  catchUp(journal: JournalSource, budgetMs = Infinity): number {
    const started = performance.now();
    const cursors: Cursor[] = [];
    for (const segment of journal.segmentIds()) {
      const cursor: Cursor = { segment, number: this.segmentNumber(segment), queue: [], at: 0 };
      if (this.refill(journal, cursor)) cursors.push(cursor);
    }
    let read = 0;
    while (cursors.length > 0) {
      let next = 0;
      for (let c = 1; c < cursors.length; c++) if (headTime(cursors[c]!) < headTime(cursors[next]!)) next = c;
      const cursor = cursors[next]!;
      const e = cursor.queue[cursor.at++]!;
      read++;
      if (e.facts) this.add(e.facts, cursor.number, e.offset, e.length);
      if (cursor.at === cursor.queue.length) {
        this.progress.set(cursor.segment, cursor.next!);
        if (performance.now() - started > budgetMs || !this.refill(journal, cursor)) cursors.splice(next, 1);
      }
    }
    return read;
  }

  /** Reads the cursor's next chunk; false when the segment has nothing more. */
  private refill(journal: JournalSource, cursor: Cursor): boolean {
    const chunk = journal.readFrom(cursor.segment, this.progress.get(cursor.segment) ?? 0, BATCH_BYTES);
    if (chunk.lines.length === 0) return false;
    cursor.queue = chunk.lines.map((line, i) => ({ facts: historyFacts(line), offset: chunk.offsets[i]!, length: chunk.lengths[i]! }));
    cursor.at = 0;
    cursor.next = chunk.next;
    return true;
  }

  private segmentNumber(segment: string): number {
    let n = this.segmentNumbers.get(segment);
    if (n === undefined) {
      n = this.segments.push(segment) - 1;
      this.segmentNumbers.set(segment, n);
    }
    return n;
  }

  private add(facts: HistoryFacts, segment: number, offset: number, length: number): void {
    const seq = this.times.length;
    this.times.push(facts.time);
    this.offsets.push(offset);
    this.lengths.push(length);
    this.segmentOf.push(segment);
    this.idHashes.push(hash(facts.eventId));
    const scope = `${facts.account}\u0000${facts.region}`;
    this.scopeHashes.push(hash(scope));
    this.post(hash(scope), seq);
    const attrs: [LookupAttribute, string | undefined][] = [
      ['EventName', facts.eventName],
      ['EventSource', facts.eventSource],
      ['ReadOnly', facts.readOnly],
      ['Username', facts.username],
      ['AccessKeyId', facts.accessKeyId],
    ];
    for (const [key, value] of attrs) if (value !== undefined) this.post(attributeHash(scope, key, value), seq);
    for (const r of facts.resources) {
      this.post(attributeHash(scope, 'ResourceType', r.type), seq);
      this.post(attributeHash(scope, 'ResourceName', r.name), seq);
    }
  }

  /** Adds `seq` to a posting, keeping it ordered by (time, seq). */
  private post(key: number, seq: number): void {
    let list = this.postings.get(key);
    if (!list) this.postings.set(key, (list = new Column(new Uint32Array(4))));
    const times = this.times.data;
    const t = times[seq]!;
    let i = list.length;
    list.push(seq);
    // Later events usually come last; an older one (another writer's segment) moves into place.
    while (i > 0 && times[list.data[i - 1]!]! > t) {
      list.data[i] = list.data[i - 1]!;
      i--;
    }
    list.data[i] = seq;
  }

  /** Newest first: a page of records, and where to continue. */
  lookup(query: HistoryQuery, read: Reader): HistoryPage {
    const scope = `${query.account}\u0000${query.region}`;
    const attribute = query.attribute;
    const candidates = attribute?.key === 'EventId' ? this.byEventId(scope, attribute.value) : this.postings.get(attribute ? attributeHash(scope, attribute.key, attribute.value) : hash(scope));
    const records: string[] = [];
    if (!candidates) return { records };
    const list = candidates.data;
    const times = this.times.data;
    // Start at the newest entry at or before the cursor (or the end of the time range).
    let i = upperBound(list, candidates.length, times, query.after ? query.after.time : query.endMs, query.after ? query.after.seq : Infinity) - 1;
    let last: { time: number; seq: number } | undefined;
    for (; i >= 0 && records.length < query.limit; i--) {
      const seq = list[i]!;
      const time = times[seq]!;
      if (time < query.startMs) return { records };
      if (this.dropped.has(this.segmentOf.data[seq]!)) continue;
      const line = read(this.segments[this.segmentOf.data[seq]!]!, this.offsets.data[seq]!, this.lengths.data[seq]!);
      if (line === undefined || !matches(line, query)) continue;
      records.push(line);
      last = { time, seq };
    }
    const more = i >= 0 && times[list[i]!]! >= query.startMs;
    return { records, next: more && last ? last : undefined };
  }

  private byEventId(scope: string, eventId: string): Column<Uint32Array> | undefined {
    const id = hash(eventId);
    const scopeHash = hash(scope);
    const found = new Column(new Uint32Array(4));
    for (let seq = 0; seq < this.idHashes.length; seq++) {
      if (this.idHashes.data[seq] === id && this.scopeHashes.data[seq] === scopeHash) found.push(seq);
    }
    return found;
  }

  /** Forgets a segment's events (the journal deleted it). */
  dropSegment(segment: string): void {
    const n = this.segmentNumbers.get(segment);
    if (n !== undefined) this.dropped.add(n);
    this.progress.delete(segment);
  }

  close(): void {
    this.postings.clear();
  }
}

/** Whether a candidate really is what the query asked for (hashes may collide). */
function matches(line: string, query: HistoryQuery): boolean {
  const facts = historyFacts(line);
  if (!facts || facts.account !== query.account || facts.region !== query.region) return false;
  const a = query.attribute;
  if (!a) return true;
  switch (a.key) {
    case 'EventId':
      return facts.eventId === a.value;
    case 'EventName':
      return facts.eventName === a.value;
    case 'EventSource':
      return facts.eventSource === a.value;
    case 'ReadOnly':
      return facts.readOnly === a.value;
    case 'Username':
      return facts.username === a.value;
    case 'AccessKeyId':
      return facts.accessKeyId === a.value;
    case 'ResourceType':
      return facts.resources.some((r) => r.type === a.value);
    case 'ResourceName':
      return facts.resources.some((r) => r.name === a.value);
  }
}

/** The first position whose (time, seq) is after (time, seq). */
function upperBound(list: Uint32Array, length: number, times: Float64Array, time: number, seq: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = list[mid]!;
    const t = times[s]!;
    if (t < time || (t === time && s < seq)) lo = mid + 1;
    else hi = mid;
  }
  // entries equal to the cursor itself are excluded (they were on the previous page)
  return lo;
}

function attributeHash(scope: string, key: LookupAttribute, value: string): number {
  return hash(`${scope}\u0000${key}\u0000${value}`);
}

/** FNV-1a over UTF-16 code units: fast, and collisions are checked against the record anyway. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
