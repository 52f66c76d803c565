/**
 * GuardDuty findings (schema 2.0, the API's member names, as `aws guardduty get-findings`
 * prints them) made from detections, and the aggregation GuardDuty applies: a repeated
 * occurrence updates the one finding (Count, EventLastSeen, UpdatedAt, the latest action).
 */
import { createHash } from 'node:crypto';
import type { Detection } from './detection.js';
import { recipientAccount, type TrailEvent } from './trail-event.js';

export type Finding = Record<string, unknown> & {
  AccountId: string;
  Arn: string;
  Id: string;
  Region: string;
  Type: string;
  Severity: number;
  CreatedAt: string;
  UpdatedAt: string;
  Service: FindingService;
};

export interface FindingService extends Record<string, unknown> {
  Archived: boolean;
  Count: number;
  DetectorId: string;
  EventFirstSeen: string;
  EventLastSeen: string;
}

/** Where findings go: the detector (live), or an offline run with its own id. */
export interface FindingScope {
  detectorId: string;
  /** Defaults to the event's recipient account and Region. */
  account?: string;
  region?: string;
  partition?: string;
}

/** What ties occurrences to one finding: type, account, Region, principal (or key), discriminator. */
export function findingId(detection: Detection, scope: FindingScope): string {
  const account = scope.account ?? recipientAccount(detection.event);
  const region = scope.region ?? detection.event.awsRegion;
  const identity = detection.event.identity;
  const principal = identity.accessKeyId || identity.key;
  const parts = [scope.detectorId, detection.type, account, region, principal, detection.discriminator ?? ''];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** CloudTrail's `2026-01-01T00:00:00Z` as GuardDuty writes times (milliseconds). */
const WHOLE_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

function isoTime(event: TrailEvent, fallback: Date): string {
  if (WHOLE_SECONDS.test(event.eventTime)) return `${event.eventTime.slice(0, 19)}.000Z`;
  const time = Date.parse(event.eventTime);
  return new Date(Number.isNaN(time) ? fallback.getTime() : time).toISOString();
}

function userType(event: TrailEvent): string {
  return event.identity.type || 'Unknown';
}

function resourceOf(detection: Detection): Record<string, unknown> {
  const identity = detection.event.identity;
  const accessKeyDetails = {
    AccessKeyId: identity.accessKeyId || 'GeneratedFindingAccessKeyId',
    PrincipalId: identity.principalId || 'GeneratedFindingPrincipalId',
    UserName: identity.userName || (identity.type === 'Root' ? 'Root' : identity.principalId || 'Unknown'),
    UserType: userType(detection.event),
  };
  if (!detection.buckets?.length) return { ResourceType: 'AccessKey', AccessKeyDetails: accessKeyDetails };
  return {
    ResourceType: 'S3Bucket',
    AccessKeyDetails: accessKeyDetails,
    S3BucketDetails: detection.buckets.map((bucket) => ({
      Arn: `arn:aws:s3:::${bucket.name}`,
      Name: bucket.name,
      Type: 'Destination',
      ...bucket.details,
    })),
  };
}

function actionOf(event: TrailEvent): Record<string, unknown> {
  const call: Record<string, unknown> = {
    Api: event.eventName,
    CallerType: event.identity.invokedBy ? 'AWS Service' : 'Remote IP',
    ServiceName: event.eventSource,
  };
  if (event.errorCode) call.ErrorCode = event.errorCode;
  if (event.userAgent) call.UserAgent = event.userAgent;
  if (event.identity.invokedBy) call.DomainDetails = { Domain: event.identity.invokedBy };
  else if (event.sourceIPAddress) call.RemoteIpDetails = remoteIpDetails(event.sourceIPAddress);
  return { ActionType: 'AWS_API_CALL', AwsApiCallAction: call };
}

/** No geolocation database offline: the address only, with GuardDuty's empty shapes for the rest. */
function remoteIpDetails(ip: string): Record<string, unknown> {
  const details: Record<string, unknown> = { City: { CityName: '' }, Country: { CountryName: '' }, GeoLocation: { Lat: 0, Lon: 0 }, Organization: {} };
  if (ip.includes(':')) details.IpAddressV6 = ip;
  else details.IpAddressV4 = ip;
  return details;
}

/** A new finding for a detection's first occurrence. */
export function newFinding(detection: Detection, scope: FindingScope, now = new Date()): Finding {
  const account = scope.account ?? recipientAccount(detection.event);
  const region = scope.region ?? (detection.event.awsRegion || 'us-east-1');
  const partition = scope.partition ?? 'aws';
  const id = findingId(detection, scope);
  const seen = isoTime(detection.event, now);
  const stamp = now.toISOString();
  const service: FindingService = {
    Action: actionOf(detection.event),
    Archived: false,
    Count: 1,
    DetectorId: scope.detectorId,
    EventFirstSeen: seen,
    EventLastSeen: seen,
    ResourceRole: 'TARGET',
    ServiceName: 'guardduty',
    FeatureName: 'CloudTrail',
    AdditionalInfo: { Value: JSON.stringify(detection.additionalInfo ?? {}), Type: 'default' },
  };
  if (detection.threatIntelligence?.length) service.Evidence = { ThreatIntelligenceDetails: detection.threatIntelligence };
  return {
    AccountId: account,
    Arn: `arn:${partition}:guardduty:${region}:${account}:detector/${scope.detectorId}/finding/${id}`,
    CreatedAt: stamp,
    Description: detection.description,
    Id: id,
    Partition: partition,
    Region: region,
    Resource: resourceOf(detection),
    SchemaVersion: '2.0',
    Service: service,
    Severity: detection.severity,
    Title: detection.title,
    Type: detection.type,
    UpdatedAt: stamp,
  };
}

/** The finding after one more occurrence: Count + 1, the latest action and times. */
export function addOccurrence(finding: Finding, detection: Detection, now = new Date()): Finding {
  const seen = isoTime(detection.event, now);
  const service = finding.Service;
  return Object.assign({}, finding, {
    UpdatedAt: now.toISOString(),
    Severity: Math.max(finding.Severity, detection.severity),
    Description: detection.description,
    Service: Object.assign({}, service, {
      Action: actionOf(detection.event),
      Count: service.Count + 1,
      EventFirstSeen: seen < service.EventFirstSeen ? seen : service.EventFirstSeen,
      EventLastSeen: seen > service.EventLastSeen ? seen : service.EventLastSeen,
      AdditionalInfo: { Value: JSON.stringify(detection.additionalInfo ?? {}), Type: 'default' },
    }),
  });
}
