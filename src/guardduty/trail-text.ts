/**
 * TrailEvents from a record's JSON text without parsing all of it: detectors read a handful of
 * top-level strings on every event and the whole record only when a rule may fire, and a full
 * JSON.parse would cost more than all detectors together (docs/PERFORMANCE.md).
 *
 * The fast path reads the record from its start as long as it is laid out as AWS writes it:
 * `eventVersion`, then the `userIdentity` object, then top-level strings (eventTime,
 * eventSource, eventName, awsRegion, sourceIPAddress, userAgent, errorCode, …) up to the
 * first object value (requestParameters). Every fact it returns is read at the top level:
 * the userIdentity text is the one ending at the first `},"eventTime":` that is a whole JSON
 * object (its braces balance, so it closes userIdentity's own), and the strings after it are
 * read one by one. Any other layout (keys sorted, fields missing from the run, an errorCode
 * further on) falls back to JSON.parse: the result is the same, only slower.
 */
import { callerIdentityOf, eventFromRecord, type CallerIdentity, type TrailEvent, type TrailRecord } from './trail-event.js';

const IDENTITY_START = '{"eventVersion":"';
const IDENTITY_KEY = '","userIdentity":{';
const IDENTITY_END = '},"eventTime":';

/**
 * userIdentity texts seen, and their facts. A principal signs many calls with the same text,
 * so texts are found by their access key (a short key, cheap to hash) and compared whole;
 * texts without one are found by the whole text.
 */
interface KnownIdentity {
  text: string;
  identity: CallerIdentity | null;
}
const byAccessKey = new Map<string, KnownIdentity>();
const byText = new Map<string, CallerIdentity | null>();
const IDENTITIES_KEPT = 100_000;
const ACCESS_KEY = '"accessKeyId":"';

function parseIdentity(text: string): CallerIdentity | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? callerIdentityOf(parsed) : null;
  } catch {
    return null;
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= IDENTITIES_KEPT) map.clear();
  map.set(key, value);
}

/** The facts of the userIdentity object in record[start, end). */
function identityOfText(record: string, start: number, end: number): CallerIdentity | undefined {
  const text = record.slice(start, end);
  const keyAt = record.indexOf(ACCESS_KEY, start);
  if (keyAt > 0 && keyAt < end) {
    const keyEnd = record.indexOf('"', keyAt + ACCESS_KEY.length);
    const accessKey = record.slice(keyAt + ACCESS_KEY.length, keyEnd);
    const known = byAccessKey.get(accessKey);
    if (known && known.text === text) return known.identity ?? undefined;
    const identity = parseIdentity(text);
    remember(byAccessKey, accessKey, { text, identity });
    return identity ?? undefined;
  }
  let identity = byText.get(text);
  if (identity === undefined) {
    identity = parseIdentity(text);
    remember(byText, text, identity);
  }
  return identity ?? undefined;
}

/** The end (index of the closing quote) of the JSON string whose opening quote is at `open`. */
function stringEnd(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  while (close > 0) {
    let backslashes = 0;
    for (let i = close - 1; text.charCodeAt(i) === 92; i--) backslashes++;
    if ((backslashes & 1) === 0) return close;
    close = text.indexOf('"', close + 1);
  }
  return -1;
}

function stringValue(text: string, open: number, close: number): string {
  const raw = text.slice(open + 1, close);
  return raw.includes('\\') ? (JSON.parse(text.slice(open, close + 1)) as string) : raw;
}

class TextEvent implements TrailEvent {
  eventTime = '';
  eventSource = '';
  eventName = '';
  awsRegion = '';
  sourceIPAddress = '';
  userAgent = '';
  errorCode: string | undefined = undefined;
  private parsed: TrailRecord | undefined;

  constructor(
    private readonly text: string,
    readonly identity: CallerIdentity,
  ) {}

  record(): TrailRecord {
    return (this.parsed ??= JSON.parse(this.text) as TrailRecord);
  }

  /**
   * AWS writes recipientAccountId near the record's end, at the top level, and no nested
   * member of a record is named so: the last `"recipientAccountId":"` names it (12 digits).
   */
  recipientAccountId(): string | undefined {
    if (this.parsed) return undefined;
    const at = this.text.lastIndexOf(RECIPIENT);
    if (at < 0) return undefined;
    const account = this.text.slice(at + RECIPIENT.length, at + RECIPIENT.length + 12);
    return this.text.charCodeAt(at + RECIPIENT.length + 12) === 34 && /^\d{12}$/.test(account) ? account : undefined;
  }

  /** Reads the top-level strings from `at` up to the first non-string value; false when the run cannot be read. */
  readRun(at: number): boolean {
    const text = this.text;
    let pos = at;
    let seen = 0;
    for (;;) {
      if (text.charCodeAt(pos) !== 34) return false; // a key's quote
      const keyEnd = text.indexOf('"', pos + 1);
      if (keyEnd < 0 || text.charCodeAt(keyEnd + 1) !== 58 || text.charCodeAt(keyEnd + 2) !== 34) break; // not `"key":"`
      const valueEnd = stringEnd(text, keyEnd + 2);
      if (valueEnd < 0) return false;
      const key = text.slice(pos + 1, keyEnd);
      const value = stringValue(text, keyEnd + 2, valueEnd);
      seen |= this.assign(key, value);
      const next = text.charCodeAt(valueEnd + 1);
      if (next === 125) break; // the record's end
      if (next !== 44) return false;
      pos = valueEnd + 2;
    }
    // Every fact but errorCode must have been in the run; an errorCode further on needs the whole record.
    return (seen & ALL_FACTS) === ALL_FACTS && (this.errorCode !== undefined || text.indexOf('"errorCode":', pos) < 0);
  }

  private assign(key: string, value: string): number {
    switch (key) {
      case 'eventTime':
        this.eventTime = value;
        return 1;
      case 'eventSource':
        this.eventSource = value;
        return 2;
      case 'eventName':
        this.eventName = value;
        return 4;
      case 'awsRegion':
        this.awsRegion = value;
        return 8;
      case 'sourceIPAddress':
        this.sourceIPAddress = value;
        return 16;
      case 'userAgent':
        this.userAgent = value;
        return 32;
      case 'errorCode':
        this.errorCode = value || undefined;
        return 0;
      default:
        return 0;
    }
  }
}

const ALL_FACTS = 1 | 2 | 4 | 8 | 16 | 32;
const RECIPIENT = '"recipientAccountId":"';

/**
 * The event of one record's JSON text; undefined when the text is not a JSON object. Throws
 * nothing for a valid record of any layout.
 */
export function eventFromText(text: string): TrailEvent | undefined {
  const fast = fastEvent(text);
  if (fast) return fast;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  return eventFromRecord(parsed as TrailRecord);
}

function fastEvent(text: string): TrailEvent | undefined {
  if (!text.startsWith(IDENTITY_START)) return undefined;
  const versionEnd = text.indexOf(IDENTITY_KEY, IDENTITY_START.length);
  if (versionEnd < 0 || versionEnd > 40) return undefined;
  const identityStart = versionEnd + IDENTITY_KEY.length - 1;
  const identityEnd = text.indexOf(IDENTITY_END, identityStart);
  if (identityEnd < 0) return undefined;
  const identity = identityOfText(text, identityStart, identityEnd + 1);
  if (!identity) return undefined;
  const event = new TextEvent(text, identity);
  return event.readRun(identityEnd + 2) ? event : undefined;
}
