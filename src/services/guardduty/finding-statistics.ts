/**
 * GetFindingsStatistics over the findings the criteria select: COUNT_BY_SEVERITY (a map from
 * the severity, written as a decimal — "8.0" — to the count) and the newer GroupBy views
 * (ACCOUNT, DATE, FINDING_TYPE, RESOURCE, SEVERITY), each group with its total and the time of
 * its latest finding, ordered by total (DESC unless OrderBy is ASC), at most MaxResults (25).
 */
import type { Finding } from '../../guardduty/finding.js';
import type { OperationHandler } from '../types.js';
import { compileCriteria } from './finding-criteria.js';
import { visibleFindings } from './finding-store.js';
import { requireDetector } from './lookup.js';

const DEFAULT_GROUPS = 25;

interface Group {
  key: Record<string, unknown>;
  total: number;
  last: string;
  severity: number;
}

const severityText = (severity: number): string => (Number.isInteger(severity) ? severity.toFixed(1) : String(severity));

function resourceOf(finding: Finding): { ResourceId: string; ResourceType: string } {
  const resource = (finding.Resource ?? {}) as Record<string, any>;
  const type = typeof resource.ResourceType === 'string' ? resource.ResourceType : 'Unknown';
  const id =
    resource.S3BucketDetails?.[0]?.Name ?? resource.InstanceDetails?.InstanceId ?? resource.AccessKeyDetails?.AccessKeyId ?? resource.EksClusterDetails?.Name ?? resource.LambdaDetails?.FunctionName ?? finding.Id;
  return { ResourceId: String(id), ResourceType: type };
}

const GROUP_KEYS: Record<string, (f: Finding) => Record<string, unknown>> = {
  ACCOUNT: (f) => ({ AccountId: f.AccountId }),
  DATE: (f) => ({ Date: `${f.UpdatedAt.slice(0, 10)}T00:00:00.000Z` }),
  FINDING_TYPE: (f) => ({ FindingType: f.Type }),
  RESOURCE: (f) => ({ AccountId: f.AccountId, ...resourceOf(f) }),
  SEVERITY: (f) => ({ Severity: f.Severity }),
};

const OUTPUT_MEMBER: Record<string, string> = {
  ACCOUNT: 'GroupedByAccount',
  DATE: 'GroupedByDate',
  FINDING_TYPE: 'GroupedByFindingType',
  RESOURCE: 'GroupedByResource',
  SEVERITY: 'GroupedBySeverity',
};

function grouped(findings: Finding[], groupBy: string, descending: boolean, max: number): Array<Record<string, unknown>> {
  const groups = new Map<string, Group>();
  for (const finding of findings) {
    const key = GROUP_KEYS[groupBy]!(finding);
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, total: 0, last: '', severity: 0 };
    group.total++;
    if (finding.UpdatedAt > group.last) group.last = finding.UpdatedAt;
    group.severity = Math.max(group.severity, finding.Severity);
    groups.set(id, group);
  }
  const ordered = [...groups.values()].sort((a, b) => (descending ? b.total - a.total : a.total - b.total));
  return ordered.slice(0, max).map((g) => ({
    ...g.key,
    ...(groupBy === 'DATE' && { Severity: g.severity }),
    LastGeneratedAt: g.last,
    TotalFindings: g.total,
  }));
}

export const getFindingsStatistics: OperationHandler = async (ctx, input) => {
  await requireDetector(ctx, input.DetectorId);
  const findings = (await visibleFindings(ctx)).filter(compileCriteria(input.FindingCriteria));
  const statistics: Record<string, unknown> = {};
  if (Array.isArray(input.FindingStatisticTypes) && input.FindingStatisticTypes.includes('COUNT_BY_SEVERITY')) {
    const counts: Record<string, number> = {};
    for (const finding of findings) counts[severityText(finding.Severity)] = (counts[severityText(finding.Severity)] ?? 0) + 1;
    statistics.CountBySeverity = counts;
  }
  if (typeof input.GroupBy === 'string' && OUTPUT_MEMBER[input.GroupBy]) {
    const max = typeof input.MaxResults === 'number' ? input.MaxResults : DEFAULT_GROUPS;
    statistics[OUTPUT_MEMBER[input.GroupBy]!] = grouped(findings, input.GroupBy, input.OrderBy !== 'ASC', max);
  }
  return { FindingStatistics: statistics };
};
