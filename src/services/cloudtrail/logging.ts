/**
 * StartLogging, StopLogging and GetTrailStatus. They touch only the trail's status record
 * (common.ts `updateTrailStatus`), which log delivery also writes. Starting a trail that is
 * logging, or stopping one that is not, changes nothing. GetTrailStatus answers the fields AWS
 * answers — the timestamps a trail has, and the deprecated string fields (the time as
 * `YYYY-MM-DDTHH:MM:SSZ`, or "" when it never happened).
 */
import type { OperationHandler } from '../types.js';
import { nowIso, trailStatus, updateTrailStatus, type TrailStatusRecord } from './common.js';
import { findTrail } from './trail-lookup.js';

export const startLogging: OperationHandler = async (ctx, input) => {
  const { trail } = await findTrail(ctx.store, ctx, input.Name as string, 'mutate');
  const at = nowIso();
  await updateTrailStatus(ctx.store, trail, (status) => {
    if (status.IsLogging) return;
    status.IsLogging = true;
    status.StartLoggingTime = at;
  });
  return {};
};

export const stopLogging: OperationHandler = async (ctx, input) => {
  const { trail } = await findTrail(ctx.store, ctx, input.Name as string, 'mutate');
  const at = nowIso();
  await updateTrailStatus(ctx.store, trail, (status) => {
    if (!status.IsLogging) return;
    status.IsLogging = false;
    status.StopLoggingTime = at;
  });
  return {};
};

const TIMES = ['LatestDeliveryTime', 'LatestNotificationTime', 'StartLoggingTime', 'StopLoggingTime', 'LatestCloudWatchLogsDeliveryTime', 'LatestDigestDeliveryTime'] as const;
const ERRORS = ['LatestDeliveryError', 'LatestNotificationError', 'LatestCloudWatchLogsDeliveryError', 'LatestDigestDeliveryError'] as const;

/** `2024-05-01T10:20:30Z` (the deprecated string fields' format), or "". */
const legacy = (iso: string | undefined): string => (iso ? `${iso.slice(0, 19)}Z` : '');

export function statusOutput(status: TrailStatusRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { IsLogging: status.IsLogging };
  for (const key of ERRORS) if (status[key]) out[key] = status[key];
  for (const key of TIMES) if (status[key]) out[key] = status[key];
  out.LatestDeliveryAttemptTime = legacy(status.LatestDeliveryAttemptTime);
  out.LatestNotificationAttemptTime = legacy(status.LatestNotificationAttemptTime);
  out.LatestNotificationAttemptSucceeded = legacy(status.LatestNotificationAttemptSucceeded);
  out.LatestDeliveryAttemptSucceeded = legacy(status.LatestDeliveryAttemptSucceeded);
  out.TimeLoggingStarted = legacy(status.StartLoggingTime);
  out.TimeLoggingStopped = legacy(status.StopLoggingTime);
  return out;
}

export const getTrailStatus: OperationHandler = async (ctx, input) => {
  const { trail } = await findTrail(ctx.store, ctx, input.Name as string, 'status');
  return statusOutput(await trailStatus(ctx.store, trail));
};
