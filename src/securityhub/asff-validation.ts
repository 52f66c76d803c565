/**
 * Whether a finding follows the AWS Security Finding Format as BatchImportFindings requires:
 * the required top-level attributes (Severity and Types may come from FindingProviderFields;
 * Severity needs a Label or Normalized), SchemaVersion 2018-10-08, the documented lengths and
 * counts, valid timestamps, and at most 240 KB. A broken finding is reported alone (its
 * FailedFindings entry), in the wording of AWS's schema validator ("Finding does not adhere to
 * Amazon Finding Format. data.Title should NOT be longer than 256 characters.").
 */
import { timeOf } from './field-values.js';

export const SCHEMA_VERSION = '2018-10-08';
export const MAX_FINDING_BYTES = 240 * 1024;

const REQUIRED = ['AwsAccountId', 'CreatedAt', 'Description', 'GeneratorId', 'Id', 'ProductArn', 'Resources', 'SchemaVersion', 'Title', 'UpdatedAt'] as const;

/** [min, max] characters of top-level strings, from the API reference. */
const LENGTHS: Record<string, [number, number]> = {
  Id: [1, 512],
  ProductArn: [12, 2048],
  Region: [1, 16],
  GeneratorId: [1, 512],
  AwsAccountId: [12, 12],
  Title: [1, 256],
  Description: [1, 1024],
  AwsAccountName: [1, 50],
};

/** [min, max] items of top-level lists. */
const ITEMS: Record<string, [number, number]> = {
  Types: [0, 50],
  Malware: [0, 5],
  Threats: [1, 32],
  ThreatIntelIndicators: [1, 5],
  Resources: [1, 32],
  RelatedFindings: [1, 10],
};

/** [max pairs, max key length, max value length] of the string maps. */
const MAPS: Record<string, [number, number, number]> = {
  ProductFields: [50, 128, 2048],
  UserDefinedFields: [50, 128, 1024],
};

const TIMESTAMPS = ['CreatedAt', 'UpdatedAt', 'FirstObservedAt', 'LastObservedAt'];

type Json = Record<string, unknown>;
const objectOf = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

function severityProblems(finding: Json): string[] {
  const provided = objectOf(objectOf(finding.FindingProviderFields)?.Severity);
  const severity = objectOf(finding.Severity);
  if (!severity && !provided) return ["data should have required property 'FindingProviderFields'", 'data should match some schema in anyOf'];
  const usable = (s: Json | undefined) => s !== undefined && (s.Label !== undefined || s.Normalized !== undefined);
  if (!usable(severity) && !usable(provided)) return ["data.Severity should have required property 'Label'", 'data.Severity should match some schema in anyOf'];
  return [];
}

function typesProblems(finding: Json): string[] {
  const provided = objectOf(finding.FindingProviderFields)?.Types;
  if (finding.Types === undefined && provided === undefined) return ["data should have required property 'FindingProviderFields'", 'data should match some schema in anyOf'];
  return [];
}

function constraintProblems(finding: Json): string[] {
  const out: string[] = [];
  for (const [name, [min, max]] of Object.entries(LENGTHS)) {
    const value = finding[name];
    if (typeof value !== 'string') continue;
    if (value.length < min) out.push(`data.${name} should NOT be shorter than ${min} characters`);
    if (value.length > max) out.push(`data.${name} should NOT be longer than ${max} characters`);
  }
  for (const [name, [min, max]] of Object.entries(ITEMS)) {
    const value = finding[name];
    if (!Array.isArray(value)) continue;
    if (value.length < min) out.push(`data.${name} should NOT have fewer than ${min} items`);
    if (value.length > max) out.push(`data.${name} should NOT have more than ${max} items`);
  }
  for (const [name, [pairs, keyMax, valueMax]] of Object.entries(MAPS)) {
    const map = objectOf(finding[name]);
    if (!map) continue;
    const entries = Object.entries(map);
    if (entries.length > pairs) out.push(`data.${name} should NOT have more than ${pairs} properties`);
    if (entries.some(([k]) => k.length > keyMax)) out.push(`data.${name} property name should NOT be longer than ${keyMax} characters`);
    for (const [k, v] of entries) if (typeof v === 'string' && v.length > valueMax) out.push(`data.${name}['${k}'] should NOT be longer than ${valueMax} characters`);
  }
  if (finding.SchemaVersion !== undefined && finding.SchemaVersion !== SCHEMA_VERSION) out.push('data.SchemaVersion should be equal to one of the allowed values');
  for (const name of TIMESTAMPS) if (finding[name] !== undefined && Number.isNaN(timeOf(finding[name]))) out.push(`data.${name} should match format "date-time"`);
  return out;
}

/**
 * What is wrong with a finding, in AWS's words (undefined when nothing is). Unconfirmed wording
 * except the forms seen in AWS's answers: required properties, lengths, the anyOf of Severity
 * and Types with FindingProviderFields; the size message is Bulwark's.
 */
export function asffProblem(finding: Json): string | undefined {
  if (Buffer.byteLength(JSON.stringify(finding), 'utf8') > MAX_FINDING_BYTES) return `Finding exceeds the maximum allowed size of ${MAX_FINDING_BYTES / 1024} KB.`;
  const problems = [
    ...REQUIRED.filter((name) => finding[name] === undefined).map((name) => `data should have required property '${name}'`),
    ...severityProblems(finding),
    ...typesProblems(finding),
    ...constraintProblems(finding),
  ];
  return problems.length === 0 ? undefined : `Finding does not adhere to Amazon Finding Format. ${[...new Set(problems)].join(', ')}.`;
}
