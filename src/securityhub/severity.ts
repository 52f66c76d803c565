/**
 * Severity.Label and Severity.Normalized fill each other as Security Hub documents: a label
 * gives INFORMATIONAL 0, LOW 1, MEDIUM 40, HIGH 70, CRITICAL 90; a normalized score gives 0
 * INFORMATIONAL, 1–39 LOW, 40–69 MEDIUM, 70–89 HIGH, 90–100 CRITICAL.
 */
export type SeverityLabel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

const NORMALIZED: Record<SeverityLabel, number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 };

export function normalizedOfLabel(label: string): number | undefined {
  return NORMALIZED[label as SeverityLabel];
}

export function labelOfNormalized(normalized: number): SeverityLabel {
  return normalized >= 90 ? 'CRITICAL' : normalized >= 70 ? 'HIGH' : normalized >= 40 ? 'MEDIUM' : normalized >= 1 ? 'LOW' : 'INFORMATIONAL';
}

/** A severity with both Label and Normalized (the one given wins when both are). */
export function completeSeverity(severity: Record<string, unknown>): Record<string, unknown> {
  const out = { ...severity };
  if (typeof out.Label === 'string' && out.Normalized === undefined) {
    const normalized = normalizedOfLabel(out.Label);
    if (normalized !== undefined) out.Normalized = normalized;
  } else if (typeof out.Normalized === 'number' && out.Label === undefined) {
    out.Label = labelOfNormalized(out.Normalized);
  }
  return out;
}
