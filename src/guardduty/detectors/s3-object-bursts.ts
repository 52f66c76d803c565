/**
 * Impact:S3/AnomalousBehavior.Delete and Impact:S3/AnomalousBehavior.Write from S3 data events,
 * as transparent volume rules (GuardDuty's own are ML models of each principal's history):
 *
 * - S3ObjectsDeleted: one principal deletes many objects of one bucket within a window, beyond
 *   the objects it wrote itself within the window (writing and deleting one's own temporary
 *   objects is churn, not destruction). Each object (a key, or a key's version) counts once. A
 *   DeleteObjects call counts the keys its record lists as deleted (Bulwark's records list them
 *   in responseElements); AWS's records do not say which keys a batch deletion named, so there
 *   it counts BATCH_DELETION objects.
 * - S3ObjectsOverwrittenAfterRead: one principal overwrites many objects of one bucket within a
 *   window, each after reading it — what client-side encryption by ransomware looks like (read,
 *   encrypt with a key the owner does not have, write back).
 *
 * Object calls are the bulk of data-event logs, and holding on to their records costs more in
 * garbage collection than reading them, so everyday traffic is neither read nor kept: writes and
 * reads are only counted per principal (WindowCounts); deletions, which are rare, wait unread
 * until the principal could have reached the threshold; and a principal's reads and writes are
 * read — from then on — only once it has made at least the threshold of each within the window.
 */
import { SEVERITY, type Detection, type Detector } from '../detection.js';
import type { TrailEvent } from '../trail-event.js';
import { BoundedMap } from './support/bounded-map.js';
import { eventMillis, MINUTE } from './support/event-time.js';
import { fieldsOf, itemsOf, member, requestParameters, textOf, type Fields } from './support/record-fields.js';
import { UnreadCalls } from './support/unread-calls.js';
import { WeightedWindow } from './support/weighted-window.js';
import { WindowCounts } from './support/window-counts.js';

export interface S3BurstOptions {
  /** Objects one principal deletes from one bucket within the window that make a finding. */
  deletedObjects: number;
  /** Objects one principal overwrites in one bucket, each after reading it, within the window. */
  overwrittenObjects: number;
  windowMinutes: number;
}

export const S3_BURST_DEFAULTS: S3BurstOptions = { deletedObjects: 20, overwrittenObjects: 20, windowMinutes: 10 };

/** What one DeleteObjects call counts for when its record does not list the keys (AWS's records). */
export const BATCH_DELETION = 10;
/** The most keys one DeleteObjects call may name. */
const BATCH_LIMIT = 1_000;
const PRINCIPALS_KEPT = 1_000;
/** Objects remembered per principal and bucket as read. */
const READS_KEPT = 10_000;
const S3 = 's3.amazonaws.com';
const WRITES = new Set(['PutObject', 'CopyObject', 'CompleteMultipartUpload']);
const OVERWRITES = new Set(['PutObject', 'CompleteMultipartUpload']);

const DELETE_TYPE = 'Impact:S3/AnomalousBehavior.Delete';
const WRITE_TYPE = 'Impact:S3/AnomalousBehavior.Write';

interface ObjectRef {
  key: string;
  version: string;
}

const objectRef = (fields: Fields): ObjectRef => ({ key: textOf(member(fields, 'Key')), version: textOf(member(fields, 'VersionId')) });

/** The bucket a call names, and its objects: the one it names, or the keys a batch deletion lists (none when unlisted). */
function objectsOf(event: TrailEvent): { bucket: string; objects: ObjectRef[] } {
  const parameters = requestParameters(event);
  const bucket = textOf(member(parameters, 'BucketName'));
  if (event.eventName === 'DeleteObjects') {
    const deleted = itemsOf(member(fieldsOf(event.record().responseElements), 'Deleted'));
    return { bucket, objects: deleted.map((item) => objectRef(fieldsOf(item))).filter((o) => o.key !== '') };
  }
  const object = objectRef(parameters);
  return { bucket, objects: object.key ? [object] : [] };
}

interface BurstFacts {
  signal: string;
  type: string;
  severity: number;
  threshold: number;
  windowMinutes: number;
  title: string;
  what: string;
}

function burstDetection(facts: BurstFacts, event: TrailEvent, bucket: string, objects: number): Detection {
  return {
    type: facts.type,
    severity: facts.severity,
    event,
    title: facts.title,
    description: `${objects} objects of bucket ${bucket} were ${facts.what} by this principal within ${facts.windowMinutes} minutes (threshold ${facts.threshold}).`,
    discriminator: bucket,
    buckets: [{ name: bucket }],
    additionalInfo: { signal: facts.signal, definedBy: 'Bulwark', bucketName: bucket, objects, threshold: facts.threshold, windowMinutes: facts.windowMinutes },
  };
}

/** Objects counted per principal (for the gate) and per principal and bucket (for the finding). */
class ObjectCounts {
  private readonly byPrincipal: WeightedWindow;
  private readonly byBucket: WeightedWindow;

  constructor(windowMs: number) {
    this.byPrincipal = new WeightedWindow(windowMs, PRINCIPALS_KEPT);
    this.byBucket = new WeightedWindow(windowMs, PRINCIPALS_KEPT);
  }

  principalTotal(principal: string, time: number): number {
    return this.byPrincipal.total(principal, time);
  }

  /** Counts an object (undefined: an unnamed one of `weight`); returns the bucket's total. */
  add(principal: string, bucket: string, time: number, object: ObjectRef | undefined, weight = 1): number {
    const item = object && (object.version ? `${object.key}\u0000${object.version}` : object.key);
    this.byPrincipal.add(principal, time, item === undefined ? undefined : `${bucket}\u0000${item}`, weight);
    return this.byBucket.add(`${principal}\u0000${bucket}`, time, item, weight);
  }
}

class DeletionBurst {
  private readonly writes: WindowCounts;
  private readonly unread = new BoundedMap<string, UnreadCalls>(PRINCIPALS_KEPT);
  private readonly counts: ObjectCounts;

  constructor(
    private readonly facts: BurstFacts,
    private readonly windowMs: number,
  ) {
    this.writes = new WindowCounts(windowMs, PRINCIPALS_KEPT);
    this.counts = new ObjectCounts(windowMs);
  }

  inspect(event: TrailEvent, principal: string, time: number): Detection[] | undefined {
    if (WRITES.has(event.eventName)) {
      this.writes.add(principal, time);
      return undefined;
    }
    let waiting = this.unread.get(principal);
    if (!waiting) {
      waiting = new UnreadCalls(this.windowMs, 3 * this.facts.threshold);
      this.unread.set(principal, waiting);
    }
    waiting.push(event, time, event.eventName === 'DeleteObjects' ? BATCH_LIMIT : 1);
    const own = this.writes.total(principal, time);
    if (this.counts.principalTotal(principal, time) + waiting.bound - own < this.facts.threshold) return undefined;
    const hits = new Map<string, Detection>();
    for (const call of waiting.take()) {
      const { bucket, objects } = objectsOf(call.event);
      if (!bucket) continue;
      let total = 0;
      for (const object of objects) total = this.counts.add(principal, bucket, call.time, object);
      if (objects.length === 0 && call.event.eventName === 'DeleteObjects') total = this.counts.add(principal, bucket, call.time, undefined, BATCH_DELETION);
      if (total - own >= this.facts.threshold) hits.set(bucket, burstDetection(this.facts, call.event, bucket, total - own));
    }
    return hits.size > 0 ? [...hits.values()] : undefined;
  }
}

class OverwriteBurst {
  private readonly reads: WindowCounts;
  private readonly writes: WindowCounts;
  /** Per principal and bucket, the keys read while the principal was watched, and when. */
  private readonly read = new BoundedMap<string, Map<string, number>>(PRINCIPALS_KEPT);
  private readonly counts: ObjectCounts;

  constructor(
    private readonly facts: BurstFacts,
    private readonly windowMs: number,
  ) {
    this.reads = new WindowCounts(windowMs, PRINCIPALS_KEPT);
    this.writes = new WindowCounts(windowMs, PRINCIPALS_KEPT);
    this.counts = new ObjectCounts(windowMs);
  }

  inspect(event: TrailEvent, principal: string, time: number): Detection[] | undefined {
    const isRead = event.eventName === 'GetObject';
    if (!isRead && !OVERWRITES.has(event.eventName)) return undefined;
    const reads = isRead ? this.reads.add(principal, time) : this.reads.total(principal, time);
    const writes = isRead ? this.writes.total(principal, time) : this.writes.add(principal, time);
    if (reads < this.facts.threshold || writes < this.facts.threshold) return undefined;
    const { bucket, objects } = objectsOf(event);
    const key = objects[0]?.key;
    if (!bucket || !key) return undefined;
    const scope = `${principal}\u0000${bucket}`;
    if (isRead) {
      this.remember(scope, key, time);
      return undefined;
    }
    const readAt = this.read.get(scope)?.get(key);
    if (readAt === undefined || readAt < time - this.windowMs) return undefined;
    const total = this.counts.add(principal, bucket, time, { key, version: '' });
    return total >= this.facts.threshold ? [burstDetection(this.facts, event, bucket, total)] : undefined;
  }

  private remember(scope: string, key: string, time: number): void {
    let keys = this.read.get(scope);
    if (!keys) {
      keys = new Map();
      this.read.set(scope, keys);
    }
    keys.delete(key);
    keys.set(key, time);
    if (keys.size > READS_KEPT) keys.delete(keys.keys().next().value as string);
  }
}

export function s3ObjectBursts(options: S3BurstOptions = S3_BURST_DEFAULTS, documentedSeverities = false): Detector {
  const windowMs = options.windowMinutes * MINUTE;
  const deletions = new DeletionBurst(
    {
      signal: 'S3ObjectsDeleted',
      type: DELETE_TYPE,
      severity: documentedSeverities ? SEVERITY.HIGH : SEVERITY.MEDIUM,
      threshold: options.deletedObjects,
      windowMinutes: options.windowMinutes,
      title: 'A principal deleted many objects of an S3 bucket.',
      what: 'deleted (beyond those it wrote itself)',
    },
    windowMs,
  );
  const overwrites = new OverwriteBurst(
    {
      signal: 'S3ObjectsOverwrittenAfterRead',
      type: WRITE_TYPE,
      severity: SEVERITY.MEDIUM,
      threshold: options.overwrittenObjects,
      windowMinutes: options.windowMinutes,
      title: 'A principal overwrote many S3 objects it had just read.',
      what: 'read and then overwritten',
    },
    windowMs,
  );
  return {
    name: 's3-object-bursts',
    findingTypes: [DELETE_TYPE, WRITE_TYPE],
    eventNames: ['DeleteObject', 'DeleteObjects', 'GetObject', ...WRITES],
    inspect(event) {
      if (event.eventSource !== S3 || event.errorCode !== undefined || event.identity.invokedBy) return undefined;
      const principal = event.identity.key;
      const time = eventMillis(event);
      const deleted = event.eventName === 'GetObject' ? undefined : deletions.inspect(event, principal, time);
      const overwritten = overwrites.inspect(event, principal, time);
      return deleted && overwritten ? [...deleted, ...overwritten] : (deleted ?? overwritten);
    },
  };
}
