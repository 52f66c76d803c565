/**
 * What a delivery tells GetTrailStatus, through the trail's status record (common.ts
 * updateTrailStatus, which never touches the trail's configuration): the time of the last log
 * delivery and of the last attempt, whether it succeeded (LatestDeliveryAttemptSucceeded is the
 * time of the last attempt that did), the S3 error of a failed one (cleared by the next success),
 * and the same for digest files.
 */
import type { Store } from '../../store/index.js';
import { updateTrailStatus, type TrailRecord } from '../../services/cloudtrail/common.js';

type TrailKey = Pick<TrailRecord, 'AccountId' | 'HomeRegion' | 'Name'>;

export async function logsDelivered(store: Store, trail: TrailKey, at: Date): Promise<void> {
  const iso = at.toISOString();
  await updateTrailStatus(store, trail, (status) => {
    status.LatestDeliveryTime = iso;
    status.LatestDeliveryAttemptTime = iso;
    status.LatestDeliveryAttemptSucceeded = iso;
    delete status.LatestDeliveryError;
  });
}

export async function logDeliveryFailed(store: Store, trail: TrailKey, at: Date, code: string): Promise<void> {
  await updateTrailStatus(store, trail, (status) => {
    status.LatestDeliveryAttemptTime = at.toISOString();
    status.LatestDeliveryError = code;
  });
}

export async function digestDelivered(store: Store, trail: TrailKey, at: Date): Promise<void> {
  await updateTrailStatus(store, trail, (status) => {
    status.LatestDigestDeliveryTime = at.toISOString();
    delete status.LatestDigestDeliveryError;
  });
}

export async function digestDeliveryFailed(store: Store, trail: TrailKey, code: string): Promise<void> {
  await updateTrailStatus(store, trail, (status) => {
    status.LatestDigestDeliveryError = code;
  });
}
