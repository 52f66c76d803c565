/**
 * The fields customers change (BatchUpdateFindings, and automation rule actions, which update
 * findings the same way): Note (stamped with the time), Severity (Label and Normalized fill
 * each other), VerificationState, Confidence, Criticality, Types, UserDefinedFields, Workflow
 * and RelatedFindings. UpdatedAt is the provider's and does not change. Returns the finding and
 * the top-level fields that changed.
 */
import { completeSeverity } from './severity.js';

type Json = Record<string, unknown>;

/** The customer-updatable fields, in the order the API lists them. */
export const CUSTOMER_FIELDS = ['Note', 'Severity', 'VerificationState', 'Confidence', 'Criticality', 'Types', 'UserDefinedFields', 'Workflow', 'RelatedFindings'] as const;

/** Of those, the ones a provider may no longer change once a customer did. */
export const PROVIDER_LOCKED_BY_CUSTOMER = ['Confidence', 'Criticality', 'RelatedFindings', 'Severity', 'Types'] as const;

export function applyCustomerUpdate(finding: Json, update: Json, now: Date): { finding: Json; changed: string[] } {
  const next: Json = { ...finding };
  for (const field of CUSTOMER_FIELDS) {
    const value = update[field];
    if (value === undefined) continue;
    if (field === 'Note') next.Note = { ...(value as Json), UpdatedAt: now.toISOString() };
    else if (field === 'Severity') next.Severity = completeSeverity({ ...(finding.Severity as Json | undefined), ...withoutOther(value as Json) });
    else if (field === 'Workflow') next.Workflow = { ...(finding.Workflow as Json | undefined), ...(value as Json) };
    else next[field] = value;
  }
  const changed = CUSTOMER_FIELDS.filter((f) => update[f] !== undefined && JSON.stringify(next[f]) !== JSON.stringify(finding[f]));
  return { finding: next, changed };
}

/** A severity update giving only Label (or only Normalized) replaces the other as well. */
function withoutOther(severity: Json): Json {
  if (severity.Label !== undefined && severity.Normalized === undefined) return { ...severity, Normalized: undefined };
  if (severity.Normalized !== undefined && severity.Label === undefined) return { ...severity, Label: undefined };
  return severity;
}
