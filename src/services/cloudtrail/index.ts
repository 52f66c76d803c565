/**
 * AWS CloudTrail trail management: trails with their S3/KMS delivery checks, logging state,
 * event selectors (basic and advanced), Insights selectors and tags; LookupEvents over the
 * event history (src/cloudtrail/ records every call); ListPublicKeys, the keys that sign digest
 * files (src/cloudtrail/delivery/ delivers log and digest files). Event data stores, channels, Lake queries,
 * dashboards and imports answer NotImplemented.
 */
import { AwsError } from '../../core/aws-error.js';
import { StoreConflictError } from '../../store/index.js';
import type { OperationHandler, ServiceDefinition } from '../types.js';
import { cloudtrailAuthorization } from './authorization.js';
import { getEventSelectors, putEventSelectors } from './event-selectors.js';
import { getInsightSelectors, putInsightSelectors } from './insight-selectors.js';
import { getTrailStatus, startLogging, stopLogging } from './logging.js';
import { lookupEvents } from './lookup-events.js';
import { listPublicKeys } from './public-keys.js';
import { describeTrails, listTrails } from './trail-listing.js';
import { addTags, listTags, removeTags } from './trail-tags.js';
import { createTrail, deleteTrail, getTrailHandler, updateTrail } from './trails.js';

const operations: Record<string, OperationHandler> = {
  CreateTrail: createTrail,
  UpdateTrail: updateTrail,
  DeleteTrail: deleteTrail,
  GetTrail: getTrailHandler,
  DescribeTrails: describeTrails,
  ListTrails: listTrails,
  GetTrailStatus: getTrailStatus,
  StartLogging: startLogging,
  StopLogging: stopLogging,
  PutEventSelectors: putEventSelectors,
  GetEventSelectors: getEventSelectors,
  PutInsightSelectors: putInsightSelectors,
  GetInsightSelectors: getInsightSelectors,
  AddTags: addTags,
  RemoveTags: removeTags,
  ListTags: listTags,
  LookupEvents: lookupEvents,
  ListPublicKeys: listPublicKeys,
};

/** A write that lost an optimistic-concurrency race answers ConflictException, as CloudTrail does for a trail being modified. */
function withConflicts(handler: OperationHandler): OperationHandler {
  return async (ctx, input) => {
    try {
      return await handler(ctx, input);
    } catch (err) {
      if (err instanceof StoreConflictError) {
        throw new AwsError('ConflictException', 'The trail is being modified by another operation. Wait a few minutes, and then try the operation again.', { status: 400 });
      }
      throw err;
    }
  };
}

export const cloudtrailService: ServiceDefinition = {
  name: 'cloudtrail',
  operations: Object.fromEntries(Object.entries(operations).map(([name, handler]) => [name, withConflicts(handler)])),
  authorization: cloudtrailAuthorization,
};
