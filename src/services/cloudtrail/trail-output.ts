/**
 * A stored trail as the API shows it: the `Trail` shape of GetTrail and DescribeTrails (with
 * HomeRegion and the selector flags), and the flat CreateTrail/UpdateTrail responses. String
 * settings a trail does not have are left out, as AWS does.
 */
import type { TrailRecord } from './common.js';

/** CreateTrail's and UpdateTrail's response members. */
export function trailSettings(trail: TrailRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Name: trail.Name,
    S3BucketName: trail.S3BucketName,
  };
  if (trail.S3KeyPrefix) out.S3KeyPrefix = trail.S3KeyPrefix;
  out.IncludeGlobalServiceEvents = trail.IncludeGlobalServiceEvents;
  out.IsMultiRegionTrail = trail.IsMultiRegionTrail;
  out.TrailARN = trail.TrailARN;
  out.LogFileValidationEnabled = trail.LogFileValidationEnabled;
  if (trail.KmsKeyId) out.KmsKeyId = trail.KmsKeyId;
  out.IsOrganizationTrail = trail.IsOrganizationTrail;
  return out;
}

/** The `Trail` structure (GetTrail, DescribeTrails). */
export function trailOutput(trail: TrailRecord): Record<string, unknown> {
  return {
    ...trailSettings(trail),
    HomeRegion: trail.HomeRegion,
    HasCustomEventSelectors: trail.HasCustomEventSelectors,
    HasInsightSelectors: (trail.InsightSelectors?.length ?? 0) > 0,
  };
}
