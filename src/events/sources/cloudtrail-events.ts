/**
 * CloudTrail's records as EventBridge events: every management API call (successful or not)
 * becomes "AWS API Call via CloudTrail" from `aws.<service>` (the eventSource's service), on
 * the default bus of the record's account (recipientAccountId) and Region (awsRegion), the
 * record as `detail`. As AWS: read-only calls whose name starts with Get, Describe or List go
 * only to rules in the state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS; every other call
 * also to ENABLED rules. Data events (S3 object calls) are not delivered.
 */
import type { CloudTrailRecord } from '../../cloudtrail/index.js';
import type { EventBus } from '../../core/event-bus.js';
import type { Scope } from '../../store/index.js';
import { envelope, type EventEnvelope } from '../envelope.js';
import { DEFAULT_BUS } from '../store/records.js';

export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

type Publish = (scope: Scope, bus: string, event: EventEnvelope, options: { readOnlyManagement: boolean }) => void;

export function cloudTrailEvent(record: CloudTrailRecord): { scope: Scope; event: EventEnvelope; readOnlyManagement: boolean } | undefined {
  if (record.managementEvent !== true || record.eventType !== 'AwsApiCall') return undefined;
  const service = record.eventSource.replace(/\.amazonaws\.com$/, '');
  const scope = { account: record.recipientAccountId, region: record.awsRegion };
  return {
    scope,
    event: envelope({ detailType: CLOUDTRAIL_DETAIL_TYPE, source: `aws.${service}`, account: scope.account, region: scope.region, time: new Date(record.eventTime), resources: [], detail: record }),
    readOnlyManagement: record.readOnly === true && /^(Get|Describe|List)/.test(record.eventName),
  };
}

/** Subscribes to the CloudTrail bus; returns the unsubscribe function. */
export function deliverCloudTrailEvents(records: EventBus<CloudTrailRecord>, publish: Publish): () => void {
  return records.subscribe((record) => {
    const found = cloudTrailEvent(record);
    if (found) publish(found.scope, DEFAULT_BUS, found.event, { readOnlyManagement: found.readOnlyManagement });
  });
}
