/**
 * Reads CloudTrail logs as users have them: files delivered by AWS (`{"Records":[…]}`,
 * `.json` or `.json.gz`), JSON lines (one record per line, e.g. Bulwark's own journal or an
 * export), or a JSON array of records; named files or nested directories. Large files stream
 * through in chunks, and AWS's compact files are split into records without parsing them
 * (trail-text.ts reads what detectors need).
 */
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';
import { eventFromRecord, type TrailEvent, type TrailRecord } from './trail-event.js';
import { eventFromText } from './trail-text.js';

/** Files a directory contributes (named files are read whatever their name). */
const LOG_FILE = /\.(json|jsonl|ndjson|log)(\.gz)?$/i;

export interface LogFile {
  path: string;
  bytes: number;
}

/** The log files under the given files and directories, in name order, recursively. */
export async function findLogFiles(paths: readonly string[]): Promise<LogFile[]> {
  const found: LogFile[] = [];
  for (const path of paths) {
    const info = await stat(path);
    if (info.isDirectory()) await walk(path, found);
    else found.push({ path, bytes: info.size });
  }
  return found;
}

async function walk(dir: string, found: LogFile[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, found);
    else if (entry.isFile() && LOG_FILE.test(entry.name)) found.push({ path, bytes: (await stat(path)).size });
  }
}

export interface ReadCounts {
  events: number;
  /** Records (or lines) that are not a JSON object. */
  invalid: number;
}

/** How a file's text is cut into records, decided by its first characters. */
type Layout = 'lines' | 'compact-records' | 'document';

/** How much of a file decides its layout when its first line is longer. */
const LAYOUT_SAMPLE = 1 << 20;
const COMPACT_RECORDS = /^\s*\{\s*"Records"\s*:\s*\[\s*\{"eventVersion":"/;
const RECORD_SEPARATOR = '},{"eventVersion":"';

/** The layout of a file from its first characters; undefined while they cannot tell yet. */
function layoutOf(head: string, whole: boolean): Layout | undefined {
  if (COMPACT_RECORDS.test(head)) return 'compact-records';
  const first = head.trimStart();
  // An array, or a Records document laid out otherwise: parse the document whole.
  if (first.startsWith('[') || /^\{\s*"Records"\s*:/.test(first)) return 'document';
  // An object on the first line, or one spanning lines.
  const firstLine = first.indexOf('\n');
  if (firstLine < 0 && !whole && head.length < LAYOUT_SAMPLE) return undefined;
  return /^\{[^\n]*\}\s*$/.test(firstLine < 0 ? first : first.slice(0, firstLine)) ? 'lines' : 'document';
}

/** A file's bytes: whole when small (read ahead while the previous file is inspected), else a stream of chunks. */
export type LogFileBytes = Buffer | AsyncIterable<Buffer>;

/** Files up to this size are read whole (AWS delivers files of a few hundred records). */
const WHOLE_FILE_BYTES = 16 << 20;
const gunzipAsync = promisify(gunzip);

/** Opens a log file: its decompressed bytes, whole or streamed in `chunkBytes` chunks. */
export async function openLogFile(path: string, chunkBytes = 1 << 22): Promise<LogFileBytes> {
  const size = (await stat(path)).size;
  const gzipped = /\.gz$/i.test(path);
  if (size <= Math.min(WHOLE_FILE_BYTES, chunkBytes)) {
    const raw = await readFile(path);
    return gzipped ? gunzipAsync(raw, { chunkSize: outputChunk(raw) }) : raw;
  }
  const input = createReadStream(path, { highWaterMark: chunkBytes });
  return gzipped ? input.pipe(createGunzip({ chunkSize: 1 << 20 })) : input;
}

/**
 * A gzip member ends with its uncompressed size (mod 2^32): one output chunk of that size saves
 * zlib from growing and joining many.
 */
function outputChunk(gzipped: Buffer): number {
  const size = gzipped.length >= 4 ? gzipped.readUInt32LE(gzipped.length - 4) : 0;
  return Math.min(Math.max(size + 1, 1 << 16), WHOLE_FILE_BYTES * 8);
}

/** Calls `onEvent` for every record of the file. */
export async function readLogFile(path: string, onEvent: (event: TrailEvent) => void, chunkBytes?: number): Promise<ReadCounts> {
  return readLogRecords(await openLogFile(path, chunkBytes), onEvent);
}

/** Calls `onEvent` for every record in a log file's bytes; `onBytes` with the bytes read so far of a streamed file. */
export async function readLogRecords(bytesOfFile: LogFileBytes, onEvent: (event: TrailEvent) => void, onBytes?: (bytes: number) => void): Promise<ReadCounts> {
  const counts: ReadCounts = { events: 0, invalid: 0 };
  const take = (text: string) => {
    const event = eventFromText(text);
    if (event) {
      counts.events++;
      onEvent(event);
    } else counts.invalid++;
  };
  const source: Iterable<Buffer> | AsyncIterable<Buffer> = Buffer.isBuffer(bytesOfFile) ? [bytesOfFile] : bytesOfFile;
  const decoder = new TextDecoder();
  let layout: Layout | undefined;
  let carried: Buffer | undefined;
  let documentParts: string[] | undefined;
  let atFileStart = true;
  let read = 0;
  for await (const chunk of source) {
    if (onBytes) onBytes((read += chunk.length));
    // The unread rest of the previous chunk is carried as bytes and decoded again with this
    // one: searches in one flat string are fast, in a concatenated one they are not.
    const bytes = carried ? Buffer.concat([carried, chunk]) : chunk;
    // Cut after the last ASCII byte: a UTF-8 sequence never holds one, so both parts decode whole.
    let cut = bytes.length;
    while (cut > 0 && bytes[cut - 1] >= 0x80) cut--;
    const head = bytes.subarray(0, cut);
    const ascii = isAscii(head);
    const text = ascii ? head.toString('latin1') : decoder.decode(head);
    layout ??= layoutOf(text, false);
    let consumed: number;
    if (layout === undefined) consumed = 0;
    else if (layout === 'document') {
      (documentParts ??= []).push(text);
      consumed = text.length;
    } else if (layout === 'lines') consumed = takeLines(text, take);
    else {
      consumed = takeRecords(text, take, atFileStart);
      atFileStart = false;
    }
    const restBytes = ascii ? text.length - consumed : Buffer.byteLength(text.slice(consumed));
    carried = cut - restBytes < bytes.length ? bytes.subarray(cut - restBytes) : undefined;
  }
  const rest = carried ? decoder.decode(carried) : '';
  layout ??= layoutOf(rest, true);
  if (layout === 'document') readDocument((documentParts ?? []).join('') + rest, onEvent, counts);
  else if (layout === 'lines') takeLines(rest + '\n', take);
  else takeLastRecord(rest.slice(takeRecords(rest, take, atFileStart)), take, counts);
  return counts;
}

function isBlank(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(start) === 123) return false; // `{`, a record's usual start
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 32) return false;
  return true;
}

/** Takes every complete line; returns where the incomplete rest starts. */
function takeLines(text: string, take: (record: string) => void): number {
  let start = 0;
  for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
    const last = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (last > start && !isBlank(text, start, last)) take(text.slice(start, last));
    start = end + 1;
  }
  return start;
}

/** Takes every record followed by another; returns where the last one starts. */
function takeRecords(text: string, take: (record: string) => void, atFileStart: boolean): number {
  let start = atFileStart ? Math.max(0, text.indexOf('{"eventVersion":"')) : 0;
  for (let end = text.indexOf(RECORD_SEPARATOR, start); end >= 0; end = text.indexOf(RECORD_SEPARATOR, start)) {
    take(text.slice(start, end + 1));
    start = end + 2;
  }
  return start;
}

function takeLastRecord(rest: string, take: (record: string) => void, counts: ReadCounts): void {
  const close = /\]\s*\}\s*$/.exec(rest);
  if (!close) {
    counts.invalid++;
    return;
  }
  const last = rest.slice(0, close.index).trimEnd();
  if (last.length > 0) take(last);
}

function readDocument(text: string, onEvent: (event: TrailEvent) => void, counts: ReadCounts): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    counts.invalid++;
    return;
  }
  const records = Array.isArray(parsed) ? parsed : (parsed as { Records?: unknown })?.Records;
  const list: unknown[] = Array.isArray(records) ? records : [parsed];
  for (const record of list) {
    if (record !== null && typeof record === 'object' && !Array.isArray(record)) {
      counts.events++;
      onEvent(eventFromRecord(record as TrailRecord));
    } else counts.invalid++;
  }
}
