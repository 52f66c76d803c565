/**
 * ListPublicKeys: the public keys whose validity overlaps [StartTime, EndTime] in the request's
 * Region (CloudTrail signs each Region's digest files with that Region's own key). Both times
 * default to now, so a call without them answers the current key. Value is the PKCS#1 DER
 * public key (the JSON protocol carries it base64-encoded); Fingerprint is the one digest files
 * name in digestPublicKeyFingerprint. The Region's current key is created on first use, so a
 * validation of a Region with no digest yet still finds a key, as it always does in AWS.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler } from '../types.js';
import { currentDigestKey, digestKeysBetween, REGION_NAME } from './digest-keys.js';

const invalidTimeRange = (): AwsError =>
  new AwsError(
    'InvalidTimeRangeException',
    'Occurs if the timestamp values are not valid. Either the start time occurs after the end time, or the time range is outside the range of possible values.',
    { status: 400 },
  );

export const listPublicKeys: OperationHandler = async (ctx, input) => {
  const now = new Date();
  const start = input.StartTime instanceof Date ? input.StartTime : now;
  const end = input.EndTime instanceof Date ? input.EndTime : now;
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start.getTime() > end.getTime()) throw invalidTimeRange();
  if (REGION_NAME.test(ctx.region)) await currentDigestKey(ctx.store, ctx.masterKey, ctx.region, now);
  const keys = await digestKeysBetween(ctx.store, ctx.region, start, end);
  return {
    PublicKeyList: keys.map((key) => ({
      Value: Buffer.from(key.PublicKey, 'base64'),
      ValidityStartTime: new Date(key.ValidityStartTime),
      ValidityEndTime: new Date(key.ValidityEndTime),
      Fingerprint: key.Fingerprint,
    })),
  };
};
