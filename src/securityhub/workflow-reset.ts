/**
 * The workflow status Security Hub changes by itself when a provider updates a finding: a
 * NOTIFIED or RESOLVED finding goes back to NEW when its RecordState changes from ARCHIVED to
 * ACTIVE or its Compliance.Status from PASSED to FAILED, WARNING or NOT_AVAILABLE (further
 * investigation needed); a SUPPRESSED finding stays SUPPRESSED.
 */
type Json = Record<string, unknown>;

const complianceOf = (finding: Json): unknown => (finding.Compliance as Json | undefined)?.Status;
const statusOf = (finding: Json): unknown => (finding.Workflow as Json | undefined)?.Status;

export function resetsWorkflow(before: Json, after: Json): boolean {
  const status = statusOf(before);
  if (status !== 'NOTIFIED' && status !== 'RESOLVED') return false;
  const reactivated = before.RecordState === 'ARCHIVED' && after.RecordState === 'ACTIVE';
  const failing = complianceOf(before) === 'PASSED' && ['FAILED', 'WARNING', 'NOT_AVAILABLE'].includes(String(complianceOf(after)));
  return reactivated || failing;
}
