/** Findings as a plain-text table: severity, type, count, principal, first and last seen. */
import { severityLabel } from '../guardduty/asff.js';
import type { Finding } from '../guardduty/finding.js';

function principalOf(finding: Finding): string {
  const resource = (finding.Resource ?? {}) as { AccessKeyDetails?: { UserName?: string; AccessKeyId?: string; UserType?: string } };
  const key = resource.AccessKeyDetails ?? {};
  return `${key.UserType ?? ''} ${key.UserName ?? ''}`.trim() || '-';
}

export function findingsTable(findings: Finding[]): string {
  if (findings.length === 0) return 'No findings.\n';
  const rows = findings.map((f) => [
    `${severityLabel(f.Severity)} ${f.Severity.toFixed(1)}`,
    f.Type,
    String(f.Service.Count),
    principalOf(f),
    f.AccountId,
    f.Region,
    f.Service.EventFirstSeen,
    f.Service.EventLastSeen,
  ]);
  const header = ['SEVERITY', 'TYPE', 'COUNT', 'PRINCIPAL', 'ACCOUNT', 'REGION', 'FIRST SEEN', 'LAST SEEN'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
