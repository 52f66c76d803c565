/**
 * Basic event selectors, as a trail applies them: an event is logged when any selector takes
 * it. A selector takes a management event when it includes management events, the event's
 * source is not excluded and its ReadWriteType admits the event; a data event when one of its
 * data resources of the event's type names it (the type's "all" value — `arn:aws:s3` — every
 * one; a bucket/prefix ARN, the objects under it) and its ReadWriteType admits the event.
 */
import type { EventSelector } from '../../services/cloudtrail/common.js';
import type { CloudTrailRecord } from '../record.js';
import { dataResourceArns, dataResourceType } from './data-resources.js';

const ALL_VALUE = /^arn:aws[a-z-]*:(s3|lambda|dynamodb)(:::)?$/;

export function basicSelectorsTake(selectors: EventSelector[], record: CloudTrailRecord): boolean {
  return selectors.some((s) => takes(s, record));
}

function takes(selector: EventSelector, record: CloudTrailRecord): boolean {
  if (selector.ReadWriteType === 'ReadOnly' && !record.readOnly) return false;
  if (selector.ReadWriteType === 'WriteOnly' && record.readOnly) return false;
  if (record.eventCategory === 'Management') {
    return selector.IncludeManagementEvents && !selector.ExcludeManagementEventSources.includes(record.eventSource);
  }
  const type = dataResourceType(record);
  if (type === undefined) return false;
  const arns = dataResourceArns(record);
  return selector.DataResources.some(
    (resource) => resource.Type === type && (resource.Values ?? []).some((value) => ALL_VALUE.test(value) || arns.some((arn) => arn.startsWith(value))),
  );
}
