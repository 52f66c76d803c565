/**
 * LookupEvents: the last 90 days of management events recorded in the caller's account and
 * the request's region, newest first, filtered by at most one lookup attribute and a time
 * range, 50 a page at most. Insights events (EventCategory `insight`) exist only for trails
 * with Insights, which Bulwark does not analyze: that lookup answers an empty list.
 */
import { AwsError } from '../../core/aws-error.js';
import { HISTORY_RETENTION_MS } from '../../cloudtrail/event-history.js';
import { historyFacts } from '../../cloudtrail/history-facts.js';
import type { HistoryQuery, LookupAttribute } from '../../cloudtrail/history-index.js';
import type { OperationHandler } from '../types.js';

const DEFAULT_MAX_RESULTS = 50;

const invalid = (code: string, message: string) => new AwsError(code, message, { status: 400 });

export const lookupEvents: OperationHandler = async (ctx, input) => {
  const history = ctx.eventHistory;
  if (!history) throw new AwsError('OperationNotPermittedException', 'Event history is off on this Bulwark (started with --cloudtrail=false).', { status: 400 });
  const attributes = (input.LookupAttributes as { AttributeKey: LookupAttribute; AttributeValue: string }[] | undefined) ?? [];
  if (attributes.length > 1) throw invalid('InvalidLookupAttributesException', 'You can only specify one lookup attribute.');
  const maxResults = input.MaxResults === undefined ? DEFAULT_MAX_RESULTS : Number(input.MaxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) throw invalid('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.');
  const now = Date.now();
  const endMs = input.EndTime instanceof Date ? input.EndTime.getTime() : now;
  const startMs = input.StartTime instanceof Date ? input.StartTime.getTime() : now - HISTORY_RETENTION_MS;
  if (startMs > endMs) throw invalid('InvalidTimeRangeException', 'Start time must be before end time.');
  if (input.EventCategory === 'insight') return { Events: [] };
  const attribute = attributes[0];
  const query: HistoryQuery = {
    account: ctx.account,
    region: ctx.region,
    attribute: attribute ? { key: attribute.AttributeKey, value: attribute.AttributeValue } : undefined,
    startMs,
    endMs,
    limit: maxResults,
    after: input.NextToken === undefined ? undefined : parseToken(String(input.NextToken)),
  };
  const page = await history.lookup(query);
  return {
    Events: page.records.map(toEvent).filter((e) => e !== undefined),
    ...(page.next ? { NextToken: Buffer.from(`${page.next.time}:${page.next.seq}`).toString('base64') } : {}),
  };
};

function parseToken(token: string): { time: number; seq: number } {
  const m = /^(\d{1,16}):(\d{1,16})$/.exec(Buffer.from(token, 'base64').toString('latin1'));
  if (!m) throw invalid('InvalidNextTokenException', 'Invalid NextToken.');
  return { time: Number(m[1]), seq: Number(m[2]) };
}

function toEvent(line: string): Record<string, unknown> | undefined {
  const facts = historyFacts(line);
  if (!facts) return undefined;
  return {
    EventId: facts.eventId,
    EventName: facts.eventName,
    ReadOnly: facts.readOnly,
    ...(facts.accessKeyId ? { AccessKeyId: facts.accessKeyId } : {}),
    EventTime: new Date(facts.time),
    EventSource: facts.eventSource,
    ...(facts.username ? { Username: facts.username } : {}),
    Resources: facts.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: line,
  };
}
