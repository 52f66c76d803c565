/**
 * S3 server access logging (a pipeline observer, so it lives with the server: it reads the
 * HTTP request and response that services never see): every request on a bucket whose logging is on (BucketRecord.Logging)
 * becomes one line in AWS's server access log format, and buffered lines are delivered every few
 * seconds as log objects `<TargetPrefix>YYYY-MM-DD-HH-MM-SS-<16 hex>` in the target bucket — an
 * internal write (services/s3/internal-writes.ts), never a request of its own, so deliveries are
 * not logged again.
 *
 * The observer sees every request of every service, so its hot path is a service check and a
 * cache lookup; a bucket's logging configuration is cached for a few seconds (and forgotten at
 * once when a request changes it: PutBucketLogging, CreateBucket, DeleteBucket).
 *
 * A line (space-separated; `-` for an unknown field):
 *   owner-canonical-id bucket [06/Feb/2019:00:00:38 +0000] remote-ip requester request-id
 *   operation key "request-uri" status error-code bytes-sent object-size total-time
 *   turn-around-time "referer" "user-agent" version-id host-id signature-version cipher-suite
 *   auth-type host-header tls-version access-point-arn acl-required
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AwsError } from '../core/aws-error.js';
import type { MasterKey } from '../crypto/master-key.js';
import { parseQueryString, safeDecode, type HttpRequest, type HttpResponse } from '../protocol/http.js';
import { s3PathStyle } from '../protocol/rest-xml/index.js';
import type { RequestObserver } from './pipeline.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Store } from '../store/index.js';
import type { RequestContext } from '../services/types.js';
import { BUCKET_KIND, S3_SCOPE, type BucketRecord } from '../services/s3/common.js';
import { writeObjectInternally, type InternalWriter } from '../services/s3/internal-writes.js';

/** What the observer is told; `response` (when the pipeline passes it) adds bytes sent and the version id. */
export type AccessLogEvent = Parameters<RequestObserver>[0] & { response?: HttpResponse };

export interface AccessLogOptions {
  /** How often buffered lines are delivered (default 10 s). */
  intervalMs?: number;
  /** How long a bucket's logging configuration is cached (default 5 s). */
  cacheMs?: number;
  /** Seals the log objects' data keys (SSE-S3, as AWS delivers them). */
  masterKey: MasterKey;
}

export interface AccessLogObserver {
  (event: AccessLogEvent): void;
  /** Delivers every buffered line now (waits for lines still being resolved). */
  flush(): Promise<void>;
  /** Stops the timer and delivers what is buffered. */
  stop(): Promise<void>;
}

interface LoggingFacts {
  expires: number;
  ownerId?: string;
  logging?: { TargetBucket: string; TargetPrefix: string };
}

/** Operations after which a bucket's cached logging facts are stale. */
const INVALIDATES: ReadonlySet<string> = new Set(['PutBucketLogging', 'CreateBucket', 'DeleteBucket']);

export function s3AccessLogObserver(store: Store, blobs: BlobStore, options: AccessLogOptions): AccessLogObserver {
  const cacheMs = options.cacheMs ?? 5_000;
  const facts = new Map<string, LoggingFacts>();
  /** Buffered lines by target bucket and prefix. */
  const buffered = new Map<string, { bucket: string; prefix: string; lines: string[] }>();
  const pending = new Set<Promise<void>>();
  let delivering: Promise<void> = Promise.resolve();

  const add = (fact: LoggingFacts, line: (ownerId: string) => string): void => {
    if (!fact.logging || !fact.ownerId) return;
    const id = `${fact.logging.TargetBucket}\u0000${fact.logging.TargetPrefix}`;
    let slot = buffered.get(id);
    if (!slot) buffered.set(id, (slot = { bucket: fact.logging.TargetBucket, prefix: fact.logging.TargetPrefix, lines: [] }));
    slot.lines.push(line(fact.ownerId));
  };

  const load = async (bucket: string): Promise<LoggingFacts> => {
    const found = await store.get<BucketRecord>(S3_SCOPE, BUCKET_KIND, bucket);
    const fact: LoggingFacts = { expires: Date.now() + cacheMs, ownerId: found?.value.OwnerId, logging: found?.value.Logging };
    if (facts.size > 10_000) facts.clear();
    facts.set(bucket, fact);
    return fact;
  };

  const observer = ((event: AccessLogEvent): void => {
    if (event.service !== 's3') return;
    const path = s3PathStyle(event.req);
    const slash = path.indexOf('/', 1);
    const bucket = safeDecode(slash < 0 ? path.slice(1) : path.slice(1, slash));
    if (!bucket) return;
    const operation = event.operation ?? event.ctx?.operation;
    if (operation && INVALIDATES.has(operation) && !event.error) facts.delete(bucket);
    const cached = facts.get(bucket);
    if (cached && cached.expires > Date.now() && !cached.logging) return;
    const finished = new Date();
    const line = (ownerId: string): string => formatLine(ownerId, bucket, slash < 0 ? '' : path.slice(slash + 1), event, finished);
    if (cached && cached.expires > Date.now()) {
      add(cached, line);
      return;
    }
    const job = load(bucket).then(
      (fact) => add(fact, line),
      () => undefined,
    );
    pending.add(job);
    void job.finally(() => pending.delete(job));
  }) as AccessLogObserver;

  const deliverAll = async (): Promise<void> => {
    await Promise.all([...pending]);
    const slots = [...buffered.values()];
    buffered.clear();
    for (const slot of slots) {
      if (slot.lines.length === 0) continue;
      try {
        await deliver({ store, blobs, masterKey: options.masterKey }, slot.bucket, slot.prefix, `${slot.lines.join('\n')}\n`);
      } catch {
        // The target bucket is gone (or the write failed): AWS drops undeliverable logs too.
      }
    }
  };

  observer.flush = () => {
    delivering = delivering.then(deliverAll, deliverAll);
    return delivering;
  };
  const timer = setInterval(() => void observer.flush(), options.intervalMs ?? 10_000);
  timer.unref();
  observer.stop = async () => {
    clearInterval(timer);
    await observer.flush();
  };
  return observer;
}

/** One log object in the target bucket (an internal write, SSE-S3 as AWS delivers them). */
async function deliver(writer: InternalWriter, bucketName: string, prefix: string, text: string): Promise<void> {
  const key = `${prefix}${logObjectTime(new Date())}-${randomBytes(8).toString('hex').toUpperCase()}`;
  await writeObjectInternally(writer, { bucket: bucketName, key, body: Buffer.from(text, 'utf8'), contentType: 'text/plain' });
}

// --- the log line ------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** `[06/Feb/2019:00:00:38 +0000]` */
export function logTime(d: Date): string {
  return `[${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000]`;
}

/** `2019-02-06-00-00-38` (the time part of a log object's key). */
export function logObjectTime(d: Date): string {
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}-${two(d.getUTCHours())}-${two(d.getUTCMinutes())}-${two(d.getUTCSeconds())}`;
}

/** Subresources that name the logged operation (REST.GET.ACL, REST.PUT.RETENTION …), by query parameter. */
const SUBRESOURCES: Record<string, string> = {
  acl: 'ACL',
  tagging: 'TAGGING',
  retention: 'RETENTION',
  'legal-hold': 'LEGAL_HOLD',
  'object-lock': 'OBJECT_LOCK_CONFIGURATION',
  versioning: 'VERSIONING',
  versions: 'BUCKETVERSIONS',
  logging: 'LOGGING_STATUS',
  policy: 'BUCKETPOLICY',
  policyStatus: 'BUCKETPOLICYSTATUS',
  encryption: 'ENCRYPTION',
  publicAccessBlock: 'PUBLIC_ACCESS_BLOCK',
  ownershipControls: 'OWNERSHIP_CONTROLS',
  cors: 'CORS',
  lifecycle: 'LIFECYCLE',
  website: 'WEBSITE',
  location: 'LOCATION',
  uploads: 'UPLOADS',
  attributes: 'OBJECT_ATTRIBUTES',
  delete: 'MULTI_OBJECT_DELETE',
};

/** AWS's operation field: `REST.<METHOD>.<resource type>`. */
export function logOperation(method: string, hasKey: boolean, query: string): string {
  const params = query ? parseQueryString(query).map(([n]) => n) : [];
  let type = hasKey ? 'OBJECT' : 'BUCKET';
  if (params.includes('uploadId')) type = method === 'PUT' ? 'PART' : 'UPLOAD';
  else {
    for (const p of params) {
      const named = SUBRESOURCES[p];
      if (named) {
        type = named;
        break;
      }
    }
  }
  if (type === 'OBJECT' && method === 'PUT' && hasKey) return 'REST.PUT.OBJECT';
  return `REST.${method.toUpperCase()}.${type}`;
}

const quoted = (value: string | undefined): string => (value ? `"${value.replace(/"/g, '\\"')}"` : '"-"');
const dash = (value: string | number | undefined): string => (value === undefined || value === '' ? '-' : String(value));

function bytesSent(response: HttpResponse | undefined): number | undefined {
  if (!response) return undefined;
  const length = response.headers['content-length'];
  if (length !== undefined) return Number(length) || undefined;
  if (typeof response.body === 'string') return Buffer.byteLength(response.body) || undefined;
  if (Buffer.isBuffer(response.body)) return response.body.length || undefined;
  return undefined;
}

function formatLine(ownerId: string, bucket: string, rawKey: string, event: AccessLogEvent, finished: Date): string {
  const { req, ctx, error, response } = event;
  const method = req.method.toUpperCase();
  const key = rawKey ? rawKey : undefined;
  const uri = `${method} ${req.path}${req.rawQuery ? `?${req.rawQuery}` : ''} HTTP/1.1`;
  const status = error ? error.status : (response?.status ?? (method === 'DELETE' ? 204 : 200));
  const sent = bytesSent(response);
  const isObject = key !== undefined && !req.rawQuery.includes('uploadId') && !/(^|&)(acl|tagging|retention|legal-hold|attributes)(=|&|$)/.test(req.rawQuery);
  const objectSize = isObject ? (method === 'PUT' ? req.body.length : method === 'GET' || method === 'HEAD' ? bytesSent(response) : undefined) : undefined;
  const elapsed = ctx ? Math.max(0, finished.getTime() - ctx.receivedAt.getTime()) : undefined;
  const versionId = response?.headers['x-amz-version-id'] ?? versionFromQuery(req.rawQuery);
  const signed = signature(req);
  return [
    ownerId,
    bucket,
    logTime(ctx?.receivedAt ?? finished),
    dash(req.sourceIp),
    requester(ctx),
    dash(ctx?.requestId),
    logOperation(method, key !== undefined, req.rawQuery),
    dash(key),
    quoted(uri),
    String(status),
    dash((error as AwsError | undefined)?.code),
    dash(sent),
    dash(objectSize),
    dash(elapsed),
    dash(elapsed),
    quoted(req.headers.referer),
    quoted(req.headers['user-agent']),
    dash(versionId),
    hostId(ctx?.requestId),
    signed.version,
    '-',
    signed.auth,
    dash(req.headers.host),
    '-',
    '-',
    '-',
  ].join(' ');
}

function requester(ctx: RequestContext | undefined): string {
  if (!ctx) return '-';
  return ctx.principal.type === 'Anonymous' || !ctx.principal.arn ? '-' : ctx.principal.arn;
}

function versionFromQuery(query: string): string | undefined {
  if (!query.includes('versionId=')) return undefined;
  return parseQueryString(query).find(([n]) => n === 'versionId')?.[1];
}

/** The host id field (x-amz-id-2): an opaque base64 value per request. */
function hostId(requestId: string | undefined): string {
  return requestId ? createHash('sha256').update(requestId).digest('base64') : '-';
}

function signature(req: HttpRequest): { version: string; auth: string } {
  const header = req.headers.authorization;
  if (header) return { version: header.startsWith('AWS4-') ? 'SigV4' : 'SigV2', auth: 'AuthHeader' };
  if (req.rawQuery.includes('X-Amz-Signature=')) return { version: 'SigV4', auth: 'QueryString' };
  if (req.rawQuery.includes('Signature=')) return { version: 'SigV2', auth: 'QueryString' };
  return { version: '-', auth: '-' };
}
