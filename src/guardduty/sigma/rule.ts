/**
 * One Sigma rule read from its YAML document: the metadata Bulwark uses (title, id, status,
 * description, level, tags, the finding type) and the compiled detection. Only CloudTrail
 * rules are accepted (`logsource: {product: aws, service: cloudtrail}`).
 */
import { SEVERITY } from '../detection.js';
import { compileDetection, type CompiledDetection } from './compile-detection.js';
import { RuleProblem } from './errors.js';
import { findingTypeOf } from './finding-type.js';

export type SigmaLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/**
 * Sigma level → GuardDuty severity. GuardDuty's bands are Low 1.0–3.9, Medium 4.0–6.9, High
 * 7.0–8.9 and Critical 9.0–10.0; informational takes the bottom of Low. A rule without a level
 * is medium.
 */
export const LEVEL_SEVERITY: Readonly<Record<SigmaLevel, number>> = {
  informational: 1,
  low: SEVERITY.LOW,
  medium: SEVERITY.MEDIUM,
  high: SEVERITY.HIGH,
  critical: SEVERITY.CRITICAL,
};

export interface SigmaRule {
  title: string;
  id?: string;
  status?: string;
  description?: string;
  level: SigmaLevel;
  severity: number;
  tags: string[];
  findingType: string;
  detection: CompiledDetection;
}

/** What names a rule in messages before it is read: its title, else its id. */
export function ruleLabel(document: unknown): string | undefined {
  if (document === null || typeof document !== 'object') return undefined;
  const { title, id } = document as Record<string, unknown>;
  if (typeof title === 'string' && title.trim()) return title;
  return typeof id === 'string' ? id : undefined;
}

function optionalText(document: Record<string, unknown>, key: string): string | undefined {
  const value = document[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new RuleProblem(`${key} must be a string`);
  return value;
}

function levelOf(value: unknown): SigmaLevel {
  if (value === undefined || value === null) return 'medium';
  if (typeof value === 'string' && Object.hasOwn(LEVEL_SEVERITY, value)) return value as SigmaLevel;
  throw new RuleProblem(`level '${String(value)}' is not one of ${Object.keys(LEVEL_SEVERITY).join(', ')}`);
}

function tagsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) throw new RuleProblem('tags must be a list of strings');
  return value as string[];
}

function checkLogsource(value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RuleProblem('logsource is missing (expected product: aws, service: cloudtrail)');
  const { product, service, category } = value as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);
  const problems: string[] = [];
  if (text(product) !== 'aws') problems.push(`product ${product === undefined ? 'is missing' : `'${String(product)}'`}`);
  if (text(service) !== 'cloudtrail') problems.push(`service ${service === undefined ? 'is missing' : `'${String(service)}'`}`);
  if (category !== undefined) problems.push(`category '${String(category)}'`);
  if (problems.length) throw new RuleProblem(`logsource ${problems.join(', ')} is not supported: Bulwark runs rules on AWS CloudTrail (product: aws, service: cloudtrail)`);
}

function checkKind(document: Record<string, unknown>): void {
  if ('correlation' in document) throw new RuleProblem('Sigma correlation rules are not supported');
  if ('filter' in document && !('detection' in document)) throw new RuleProblem('Sigma filters are not supported');
  if ('action' in document) throw new RuleProblem("rule collections ('action: global', 'action: repeat') are not supported; write each rule in full");
}

export function ruleFromDocument(document: unknown): SigmaRule {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) throw new RuleProblem('a rule must be a YAML map');
  const doc = document as Record<string, unknown>;
  checkKind(doc);
  const title = doc.title;
  if (typeof title !== 'string' || !title.trim()) throw new RuleProblem('title is missing');
  const id = optionalText(doc, 'id');
  const level = levelOf(doc.level);
  checkLogsource(doc.logsource);
  if (doc.detection === undefined) throw new RuleProblem('detection is missing');
  return {
    title,
    id,
    status: optionalText(doc, 'status'),
    description: optionalText(doc, 'description'),
    level,
    severity: LEVEL_SEVERITY[level],
    tags: tagsOf(doc.tags),
    findingType: findingTypeOf(title, id, doc.guardduty_finding_type),
    detection: compileDetection(doc.detection),
  };
}
