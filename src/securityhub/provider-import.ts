/**
 * What a provider's BatchImportFindings makes of a finding (as Security Hub documents it):
 *
 * - A new finding keeps what the provider sent, with Severity completed (Label ⇄ Normalized),
 *   FindingProviderFields filled from the top-level Confidence, Criticality, RelatedFindings,
 *   Severity and Types when the provider sent none (and the top level from
 *   FindingProviderFields when it lacks them), Workflow NEW and RecordState ACTIVE unless
 *   given, and what Security Hub adds itself: Region, ProductName, CompanyName, ProcessedAt and
 *   the `aws/securityhub/…` ProductFields.
 * - An update (same ProductArn and Id) counts only when its UpdatedAt is later. Note,
 *   UserDefinedFields, VerificationState and Workflow stay as customers left them; Confidence,
 *   Criticality, RelatedFindings, Severity and Types follow FindingProviderFields unless a
 *   customer changed them; the workflow status resets to NEW where AWS resets it.
 */
import { PROVIDER_LOCKED_BY_CUSTOMER } from './customer-update.js';
import { completeSeverity } from './severity.js';
import { timeOf } from './field-values.js';
import { resetsWorkflow } from './workflow-reset.js';

type Json = Record<string, unknown>;

export interface ImportContext {
  /** The hub's Region (Security Hub sets the finding's Region). */
  region: string;
  /** ProductName and CompanyName Security Hub gives the product's findings; undefined: the provider's own (custom integrations). */
  product?: { name: string; company: string };
  now: Date;
}

/** The provider's fields besides Severity, copied to and from FindingProviderFields as they are. */
const PROVIDED = PROVIDER_LOCKED_BY_CUSTOMER.filter((field) => field !== 'Severity');
const CUSTOMER_OWNED = ['Note', 'UserDefinedFields', 'VerificationState', 'Workflow', 'WorkflowState'] as const;

const objectOf = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

/**
 * Top-level value of a provided field from FindingProviderFields; a provided severity replaces
 * the label (and so the normalized score) and keeps the rest of the top-level severity (Product).
 */
function fromProviderFields(field: string, provided: Json, top: unknown): unknown {
  const value = provided[field];
  if (value === undefined) return undefined;
  if (field !== 'Severity') return value;
  const { Label: _label, Normalized: _normalized, ...rest } = objectOf(top) ?? {};
  return completeSeverity({ ...rest, ...(value as Json) });
}

function providerFieldsOf(finding: Json): Json {
  const given = objectOf(finding.FindingProviderFields);
  if (given) return given;
  const filled: Json = {};
  for (const field of PROVIDED) if (finding[field] !== undefined) filled[field] = finding[field];
  const severity = finding.Severity === undefined ? undefined : completeSeverity(finding.Severity as Json);
  if (severity) filled.Severity = Object.fromEntries(Object.entries({ Label: severity.Label, Original: severity.Original }).filter(([, v]) => v !== undefined));
  return filled;
}

function decorate(finding: Json, context: ImportContext): Json {
  const name = context.product?.name ?? (typeof finding.ProductName === 'string' ? finding.ProductName : 'Default');
  const company = context.product?.company ?? (typeof finding.CompanyName === 'string' ? finding.CompanyName : 'Personal');
  return {
    ...finding,
    ProductName: name,
    CompanyName: company,
    Region: context.region,
    ProcessedAt: context.now.toISOString(),
    ProductFields: {
      ...objectOf(finding.ProductFields),
      'aws/securityhub/FindingId': `${String(finding.ProductArn)}/${String(finding.Id)}`,
      'aws/securityhub/ProductName': name,
      'aws/securityhub/CompanyName': company,
    },
  };
}

export function newProviderFinding(incoming: Json, context: ImportContext): Json {
  const provided = providerFieldsOf(incoming);
  const finding: Json = { ...incoming, FindingProviderFields: provided };
  for (const field of PROVIDER_LOCKED_BY_CUSTOMER) if (finding[field] === undefined && provided[field] !== undefined) finding[field] = fromProviderFields(field, provided, undefined);
  if (finding.Severity !== undefined) finding.Severity = completeSeverity(finding.Severity as Json);
  finding.Workflow ??= { Status: 'NEW' };
  finding.WorkflowState ??= 'NEW';
  finding.RecordState ??= 'ACTIVE';
  return decorate(finding, context);
}

/** The finding after a provider's update, or undefined when the update is not newer and is ignored. */
export function providerUpdate(existing: Json, incoming: Json, lockedByCustomer: readonly string[], context: ImportContext): Json | undefined {
  if (!(timeOf(incoming.UpdatedAt) > timeOf(existing.UpdatedAt))) return undefined;
  const incomingProvided = objectOf(incoming.FindingProviderFields);
  const provided = { ...objectOf(existing.FindingProviderFields), ...providerFieldsOf(incoming) };
  const next: Json = { ...incoming, FindingProviderFields: provided };
  for (const field of CUSTOMER_OWNED) {
    if (existing[field] === undefined) delete next[field];
    else next[field] = existing[field];
  }
  for (const field of PROVIDER_LOCKED_BY_CUSTOMER) {
    const fromProvider = incomingProvided ? fromProviderFields(field, incomingProvided, incoming[field]) : undefined;
    const value = lockedByCustomer.includes(field) ? existing[field] : (fromProvider ?? incoming[field] ?? existing[field]);
    if (value === undefined) delete next[field];
    else next[field] = field === 'Severity' ? completeSeverity(value as Json) : value;
  }
  next.RecordState ??= existing.RecordState ?? 'ACTIVE';
  if (resetsWorkflow(existing, next)) next.Workflow = { ...objectOf(existing.Workflow), Status: 'NEW' };
  return decorate(next, context);
}
