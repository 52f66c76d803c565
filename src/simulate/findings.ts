/**
 * Waiting for GuardDuty to notice a technique: poll the detector's findings updated since the
 * detonation began, keep those about the technique's access keys whose events happened since
 * then, and stop at the first of the expected types (or at the timeout).
 */
import { GetFindingsCommand, ListFindingsCommand, type Finding, type GuardDutyClient } from '@aws-sdk/client-guardduty';

export interface DetectionWatch {
  guardDuty: GuardDutyClient;
  detectorId: string;
  /** When the detonation began (ms since the epoch). */
  since: number;
  /** Findings about these access keys belong to the technique. */
  accessKeyIds: ReadonlySet<string>;
  expectedTypes: readonly string[];
  /** When to give up (ms since the epoch). */
  deadline: number;
  intervalMs: number;
}

export interface DetectionOutcome {
  detected: boolean;
  /** Every finding type seen for the technique, sorted. */
  findingTypes: string[];
  /** From the detonation's start to the poll that first saw an expected type; null when none was seen. */
  secondsToDetect: number | null;
}

const PAGE = 50;

/** Findings of the detector updated at or after `since`. */
async function findingsUpdatedSince(guardDuty: GuardDutyClient, detectorId: string, since: number): Promise<Finding[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await guardDuty.send(
      new ListFindingsCommand({ DetectorId: detectorId, MaxResults: PAGE, NextToken: token, FindingCriteria: { Criterion: { updatedAt: { GreaterThanOrEqual: since } } } }),
    );
    ids.push(...(page.FindingIds ?? []));
    token = page.NextToken || undefined;
  } while (token);
  const findings: Finding[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    findings.push(...((await guardDuty.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids.slice(i, i + PAGE) }))).Findings ?? []));
  }
  return findings;
}

/**
 * Whether the finding is about one of the keys and its latest event is not older than the
 * detonation (CloudTrail times have whole seconds, so the second `since` falls in counts).
 */
export function isAttributed(finding: Finding, accessKeyIds: ReadonlySet<string>, since: number): boolean {
  const key = finding.Resource?.AccessKeyDetails?.AccessKeyId;
  if (!key || !accessKeyIds.has(key)) return false;
  const lastSeen = Date.parse(finding.Service?.EventLastSeen ?? '');
  return Number.isNaN(lastSeen) || lastSeen >= Math.floor(since / 1000) * 1000;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function awaitDetection(watch: DetectionWatch): Promise<DetectionOutcome> {
  const seen = new Set<string>();
  const expected = new Set(watch.expectedTypes);
  const deadline = watch.deadline;
  for (;;) {
    const findings = await findingsUpdatedSince(watch.guardDuty, watch.detectorId, watch.since);
    const observedAt = Date.now();
    for (const finding of findings) if (finding.Type && isAttributed(finding, watch.accessKeyIds, watch.since)) seen.add(finding.Type);
    const findingTypes = [...seen].sort();
    if (findingTypes.some((type) => expected.has(type))) return { detected: true, findingTypes, secondsToDetect: (observedAt - watch.since) / 1000 };
    if (observedAt >= deadline) return { detected: false, findingTypes, secondsToDetect: null };
    await sleep(Math.min(watch.intervalMs, deadline - observedAt));
  }
}
