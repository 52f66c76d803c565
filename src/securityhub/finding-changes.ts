/**
 * The changes between two versions of a finding, as GetFindingHistory lists them: one entry per
 * changed attribute (nested objects by dotted path — `Workflow.Status`, `Severity.Label`; lists
 * as a whole), old and new values as text (JSON for lists and objects), leaving out the
 * top-level timestamps and what Security Hub itself keeps current (ProcessedAt, the
 * `aws/securityhub/…` product fields).
 */
type Json = Record<string, unknown>;

export interface FieldChange {
  UpdatedField: string;
  OldValue?: string;
  NewValue?: string;
}

const SKIPPED = new Set(['CreatedAt', 'UpdatedAt', 'FirstObservedAt', 'LastObservedAt', 'ProcessedAt']);

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (v === undefined ? undefined : typeof v === 'string' ? (v === '' ? undefined : v) : JSON.stringify(v));

function leaves(value: Json, prefix: string, out: Map<string, unknown>): void {
  for (const [key, v] of Object.entries(value)) {
    if (prefix === '' && SKIPPED.has(key)) continue;
    if (prefix === 'ProductFields.' && key.startsWith('aws/securityhub/')) continue;
    if (isObject(v) && Object.keys(v).length > 0) leaves(v, `${prefix}${key}.`, out);
    else out.set(`${prefix}${key}`, v);
  }
}

export function findingChanges(before: Json, after: Json): FieldChange[] {
  const old = new Map<string, unknown>();
  const now = new Map<string, unknown>();
  leaves(before, '', old);
  leaves(after, '', now);
  const changes: FieldChange[] = [];
  for (const field of new Set([...old.keys(), ...now.keys()])) {
    const a = text(old.get(field));
    const b = text(now.get(field));
    if (a === b) continue;
    changes.push({ UpdatedField: field, ...(a !== undefined && { OldValue: a }), ...(b !== undefined && { NewValue: b }) });
  }
  return changes;
}
