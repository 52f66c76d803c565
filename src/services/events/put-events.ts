/**
 * PutEvents: up to 10 entries (the model's limit) of at most 256 KB together, counted as AWS
 * counts them (Time 14 bytes, Source, DetailType, Detail and each Resource in UTF-8 bytes).
 * Each entry is checked on its own — Source, DetailType and Detail required, Detail a JSON
 * object, sources starting with `aws.` kept for AWS — and a refused entry is reported in its
 * place (ErrorCode, ErrorMessage) while the others go through. An accepted entry becomes an
 * event on its bus (as AWS, a bus that does not exist takes it without error, and nothing
 * receives it).
 */
import { randomUUID } from 'node:crypto';
import { envelope } from '../../events/envelope.js';
import { routerOf } from '../../events/routers.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { validation } from './errors.js';
import { busNameOf, callerScope } from './scope.js';

export const MAX_REQUEST_BYTES = 256 * 1024;

interface Entry {
  Time?: Date;
  Source?: string;
  Resources?: string[];
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
}

type Result = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

const utf8 = (text: string | undefined): number => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));

/** AWS's entry size: Time counts 14 bytes, the strings their UTF-8 bytes. */
export function entrySize(entry: Entry): number {
  let size = (entry.Time ? 14 : 0) + utf8(entry.Source) + utf8(entry.DetailType) + utf8(entry.Detail);
  for (const resource of entry.Resources ?? []) size += utf8(resource);
  return size;
}

const failure = (ErrorCode: string, ErrorMessage: string): Result => ({ ErrorCode, ErrorMessage });

function refusal(entry: Entry): Result | undefined {
  if (!entry.Source) return failure('InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.');
  if (!entry.DetailType) return failure('InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.');
  if (!entry.Detail) return failure('InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.');
  if (nestingDepth(entry.Detail) > MAX_DETAIL_DEPTH || !isJsonObject(entry.Detail)) return failure('MalformedDetail', 'Detail is malformed.');
  // Unconfirmed wording.
  if (entry.Source.startsWith('aws.')) return failure('NotAuthorizedForSourceException', 'Not authorized for the source.');
  return undefined;
}

/** AWS processes Detail "nested up to 1100 levels deep"; deeper is refused here as malformed (unconfirmed: AWS's answer for it is not documented). */
const MAX_DETAIL_DEPTH = 1100;

/** How deep arrays and objects nest in a JSON text (brackets inside strings ignored). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

export const putEvents: OperationHandler = async (ctx, input) => {
  const entries = input.Entries as Entry[];
  if (entries.reduce((sum, e) => sum + entrySize(e), 0) > MAX_REQUEST_BYTES) throw validation('Total size of the entries in the request is over the limit.');
  const results = entries.map((entry) => refusal(entry) ?? accept(ctx, entry));
  return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
};

function accept(ctx: RequestContext, entry: Entry): Result {
  let bus: string;
  try {
    bus = busNameOf(ctx, entry.EventBusName);
  } catch {
    // A bus of another account or Region: taken, delivered nowhere (cross-account buses need bus policies).
    return { EventId: randomUUID() };
  }
  const event = envelope({
    detailType: entry.DetailType!,
    source: entry.Source!,
    account: ctx.account,
    region: ctx.region,
    time: entry.Time ?? ctx.receivedAt,
    resources: entry.Resources ?? [],
    detail: JSON.parse(entry.Detail!) as Record<string, unknown>,
  });
  routerOf(ctx.store)?.publish(callerScope(ctx), bus, event);
  return { EventId: event.id };
}
