/**
 * What every CloudTrail trail operation shares — and what log delivery (src/cloudtrail/) reads:
 * the stored trail and trail-status records, trail ARNs, listing every trail of every account
 * and Region, updating a trail's status, and CloudTrail's errors in its own wording.
 *
 * Store layout (scope = the trail's account and home Region; id = the trail name):
 *   cloudtrail:trail          TrailRecord        the configuration (written by the API only)
 *   cloudtrail:trail-status   TrailStatusRecord  logging state and delivery results
 * The two are separate records so that log delivery can record a delivery while a user updates
 * the trail, neither overwriting the other. A multi-Region trail is stored once, in its home
 * Region; its shadow trails in the other Regions are derived when read.
 */
import { AwsError } from '../../core/aws-error.js';
import type { Scope, Store, StoreOps } from '../../store/index.js';

export const TRAIL_KIND = 'cloudtrail:trail';
export const TRAIL_STATUS_KIND = 'cloudtrail:trail-status';

export interface Tag {
  Key: string;
  Value?: string;
}

export interface DataResource {
  Type?: string;
  Values?: string[];
}

/** A basic event selector as PutEventSelectors takes it (defaults filled in when stored). */
export interface EventSelector {
  ReadWriteType: 'ReadOnly' | 'WriteOnly' | 'All';
  IncludeManagementEvents: boolean;
  DataResources: DataResource[];
  ExcludeManagementEventSources: string[];
}

export interface AdvancedFieldSelector {
  Field: string;
  Equals?: string[];
  StartsWith?: string[];
  EndsWith?: string[];
  NotEquals?: string[];
  NotStartsWith?: string[];
  NotEndsWith?: string[];
}

export interface AdvancedEventSelector {
  Name?: string;
  FieldSelectors: AdvancedFieldSelector[];
}

export interface InsightSelector {
  InsightType: 'ApiCallRateInsight' | 'ApiErrorRateInsight';
  EventCategories?: Array<'Management' | 'Data'>;
}

/** One trail's configuration, in the API's member names. */
export interface TrailRecord {
  Name: string;
  TrailARN: string;
  /** The owning account (for an organization trail: the management account). */
  AccountId: string;
  HomeRegion: string;
  S3BucketName: string;
  S3KeyPrefix?: string;
  IncludeGlobalServiceEvents: boolean;
  IsMultiRegionTrail: boolean;
  LogFileValidationEnabled: boolean;
  /** The KMS key's ARN when log files are encrypted with SSE-KMS. */
  KmsKeyId?: string;
  IsOrganizationTrail: boolean;
  /** The organization an organization trail logs for (its log files go under AWSLogs/<org id>/). */
  OrganizationId?: string;
  /** Exactly one of the two is set: basic selectors (the default) or advanced selectors. */
  EventSelectors?: EventSelector[];
  AdvancedEventSelectors?: AdvancedEventSelector[];
  HasCustomEventSelectors: boolean;
  /** Insights selectors; absent or empty when Insights are off. */
  InsightSelectors?: InsightSelector[];
  Tags: Tag[];
  CreatedAt: string;
}

/** Logging state and delivery results of one trail (GetTrailStatus). Times are ISO 8601. */
export interface TrailStatusRecord {
  IsLogging: boolean;
  StartLoggingTime?: string;
  StopLoggingTime?: string;
  LatestDeliveryTime?: string;
  LatestDeliveryError?: string;
  LatestDeliveryAttemptTime?: string;
  LatestDeliveryAttemptSucceeded?: string;
  LatestDigestDeliveryTime?: string;
  LatestDigestDeliveryError?: string;
  LatestNotificationTime?: string;
  LatestNotificationError?: string;
  LatestNotificationAttemptTime?: string;
  LatestNotificationAttemptSucceeded?: string;
  LatestCloudWatchLogsDeliveryTime?: string;
  LatestCloudWatchLogsDeliveryError?: string;
}

/** A stored trail with where it lives. */
export interface StoredTrail {
  scope: Scope;
  trail: TrailRecord;
  version: number;
}

export const nowIso = (): string => new Date().toISOString();

export function trailArn(account: string, region: string, name: string): string {
  return `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;
}

export const trailScope = (trail: Pick<TrailRecord, 'AccountId' | 'HomeRegion'>): Scope => ({ account: trail.AccountId, region: trail.HomeRegion });

/** The selectors of a new trail: all read and write management events, no data events. */
export function defaultEventSelectors(): EventSelector[] {
  return [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }];
}

// --- reading and enumerating -----------------------------------------------------------------

async function listAll<T>(ops: StoreOps, scope: Scope, kind: string): Promise<Array<{ id: string; value: T; version: number }>> {
  const out: Array<{ id: string; value: T; version: number }> = [];
  let after: string | undefined;
  do {
    const page = await ops.list<T>(scope, kind, { after, limit: 500 });
    out.push(...page.items);
    after = page.next;
  } while (after !== undefined);
  return out;
}

/** The trails homed in one account and Region, by name. */
export async function trailsIn(ops: StoreOps, scope: Scope): Promise<StoredTrail[]> {
  return (await listAll<TrailRecord>(ops, scope, TRAIL_KIND)).map((item) => ({ scope, trail: item.value, version: item.version }));
}

/**
 * Every trail of every account and Region (each once, in its home Region), for log delivery.
 * Pass `account` to list one account's trails only.
 */
export async function trailsOf(ops: StoreOps, account?: string): Promise<StoredTrail[]> {
  const scopes = (await ops.scopes(TRAIL_KIND)).filter((s) => account === undefined || s.account === account);
  scopes.sort((a, b) => (a.account === b.account ? cmp(a.region, b.region) : cmp(a.account, b.account)));
  const out: StoredTrail[] = [];
  for (const scope of scopes) out.push(...(await trailsIn(ops, scope)));
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function getTrail(ops: StoreOps, scope: Scope, name: string): Promise<StoredTrail | undefined> {
  const item = await ops.get<TrailRecord>(scope, TRAIL_KIND, name);
  return item ? { scope, trail: item.value, version: item.version } : undefined;
}

export async function saveTrail(ops: StoreOps, trail: TrailRecord): Promise<void> {
  await ops.put(trailScope(trail), TRAIL_KIND, trail.Name, trail);
}

/** A trail's status record (a trail that was never started is not logging). */
export async function trailStatus(ops: StoreOps, trail: Pick<TrailRecord, 'AccountId' | 'HomeRegion' | 'Name'>): Promise<TrailStatusRecord> {
  return (await ops.get<TrailStatusRecord>(trailScope(trail), TRAIL_STATUS_KIND, trail.Name))?.value ?? { IsLogging: false };
}

/**
 * Applies `change` to a trail's status record atomically and resolves the new status, or
 * undefined when the trail no longer exists (deleted meanwhile). `change` may mutate the record
 * it is given or return a replacement; it may run more than once (PostgreSQL retries).
 */
export async function updateTrailStatus(
  store: Store,
  trail: Pick<TrailRecord, 'AccountId' | 'HomeRegion' | 'Name'>,
  change: (status: TrailStatusRecord) => TrailStatusRecord | void,
): Promise<TrailStatusRecord | undefined> {
  const scope = trailScope(trail);
  return store.transaction(async (tx) => {
    if (!(await tx.get(scope, TRAIL_KIND, trail.Name))) return undefined;
    const current = (await tx.get<TrailStatusRecord>(scope, TRAIL_STATUS_KIND, trail.Name))?.value ?? { IsLogging: false };
    const next = change(current) ?? current;
    await tx.put(scope, TRAIL_STATUS_KIND, trail.Name, next);
    return next;
  });
}

// --- errors (AWS's wording; texts AWS does not document are marked) ---------------------------

const error = (code: string, message: string): AwsError => new AwsError(code, message, { status: 400 });

export const trailNotFound = (given: string, account: string): AwsError => error('TrailNotFoundException', `Unknown trail: ${given} for the user: ${account}`);
export const trailAlreadyExists = (name: string, account: string): AwsError => error('TrailAlreadyExistsException', `Trail ${name} already exists for customer: ${account}`);
export const invalidTrailName = (message: string): AwsError => error('InvalidTrailNameException', message);
// Unconfirmed wording.
export const invalidArn = (arn: string): AwsError => error('CloudTrailARNInvalidException', `Invalid CloudTrail ARN: ${arn}`);
export const inaccessibleArn = (): AwsError => error('CloudTrailARNInvalidException', 'You must specify an ARN that the caller account can access.');
// Unconfirmed wording.
export const invalidHomeRegion = (arn: string, region: string): AwsError =>
  error('InvalidHomeRegionException', `The trail ${arn} can only be modified from its home Region; this request was made in ${region}.`);
export const invalidParameterCombination = (message: string): AwsError => error('InvalidParameterCombinationException', message);
export const invalidParameter = (message: string): AwsError => error('InvalidParameterException', message);
export const invalidEventSelectors = (message: string): AwsError => error('InvalidEventSelectorsException', message);
export const invalidInsightSelectors = (message: string): AwsError => error('InvalidInsightSelectorsException', message);
export const insightNotEnabled = (arn: string): AwsError =>
  error('InsightNotEnabledException', `Trail ${arn} does not have Insights enabled. Edit the trail settings to enable Insights, and then try the operation again.`);
export const invalidTagParameter = (message: string): AwsError => error('InvalidTagParameterException', message);
export const tagsLimitExceeded = (message: string): AwsError => error('TagsLimitExceededException', message);
export const resourceNotFound = (arn: string): AwsError => error('ResourceNotFoundException', `Resource ${arn} does not exist.`); // Unconfirmed wording.
export const unsupportedOperation = (message: string): AwsError => error('UnsupportedOperationException', message);
