/**
 * The finding fields FindingCriteria and SortCriteria name (`severity`, `service.archived`,
 * `resource.accessKeyDetails.userName`, `service.action.awsApiCallAction.remoteIpDetails.
 * ipAddressV4`, …): dotted JSON names of the Finding shape, resolved against the model (so
 * every documented field works, lists included) to the stored finding's member names.
 *
 * Values are compared as numbers for numeric members (severity, service.count, confidence) and
 * for times (createdAt, updatedAt, service.eventFirstSeen/eventLastSeen and other timestamps:
 * epoch milliseconds, as the API's criteria give them), as `true`/`false` for booleans and as
 * text otherwise. `service.additionalInfo.<key>` reads the key of the AdditionalInfo JSON
 * (threatListName also from the threat intelligence evidence).
 */
import { loadServiceModel } from '../../models/index.js';
import type { Shape } from '../../models/types.js';
import type { Finding } from '../../guardduty/finding.js';

export type FieldKind = 'number' | 'time' | 'boolean' | 'string';

export interface FindingField {
  kind: FieldKind;
  /** Every value the field has in the finding (lists give several; an absent field none). */
  values(finding: Finding): Array<string | number | boolean>;
}

const NUMERIC = new Set(['integer', 'long', 'double', 'float']);
const TIME_FIELDS = new Set(['createdat', 'updatedat', 'service.eventfirstseen', 'service.eventlastseen', 'resource.instancedetails.launchtime']);
const ADDITIONAL_INFO = 'service.additionalinfo.';

const cache = new Map<string, FindingField | null>();

/** The field a criterion or sort attribute names; undefined when the Finding has no such field. */
export function findingField(name: string): FindingField | undefined {
  const key = name.toLowerCase();
  let field = cache.get(key);
  if (field === undefined) {
    field = resolve(key) ?? null;
    if (cache.size < 1_000) cache.set(key, field);
  }
  return field ?? undefined;
}

function resolve(path: string): FindingField | undefined {
  if (path.startsWith(ADDITIONAL_INFO) && path.length > ADDITIONAL_INFO.length) return additionalInfoField(path.slice(ADDITIONAL_INFO.length));
  const model = loadServiceModel('guardduty');
  let shape: Shape = model.shape('Finding');
  const members: string[] = [];
  for (const segment of path.split('.')) {
    while (shape.type === 'list' && shape.member) shape = model.shape(shape.member.shape);
    if (shape.type !== 'structure' || !shape.members) return undefined;
    const found = Object.entries(shape.members).find(([name, ref]) => (ref.locationName ?? name).toLowerCase() === segment);
    if (!found) return undefined;
    members.push(found[0]);
    shape = model.shape(found[1].shape);
  }
  while (shape.type === 'list' && shape.member) shape = model.shape(shape.member.shape);
  if (shape.type === 'structure' || shape.type === 'map' || shape.type === 'blob') return undefined;
  const kind: FieldKind = TIME_FIELDS.has(path) || shape.type === 'timestamp' ? 'time' : NUMERIC.has(shape.type) ? 'number' : shape.type === 'boolean' ? 'boolean' : 'string';
  return { kind, values: (finding) => leaves(finding, members, kind) };
}

function leaves(root: unknown, members: readonly string[], kind: FieldKind): Array<string | number | boolean> {
  let level: unknown[] = [root];
  for (const member of members) {
    const next: unknown[] = [];
    for (const value of level) {
      const child = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[member] : undefined;
      if (Array.isArray(child)) next.push(...child);
      else if (child !== undefined && child !== null) next.push(child);
    }
    level = next;
  }
  const out: Array<string | number | boolean> = [];
  for (const value of level) {
    const leaf = kind === 'time' ? timeOf(value) : value;
    if (typeof leaf === 'string' || typeof leaf === 'number' || typeof leaf === 'boolean') out.push(leaf);
  }
  return out;
}

/** Epoch milliseconds of an ISO text, a Date or a number; undefined otherwise. */
export function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function additionalInfoField(key: string): FindingField {
  return {
    kind: 'string',
    values(finding) {
      const service = finding.Service as Record<string, any>;
      const out: Array<string | number | boolean> = [];
      const info = parsedInfo(service.AdditionalInfo?.Value);
      for (const [name, value] of Object.entries(info)) {
        if (name.toLowerCase() !== key) continue;
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.push(typeof value === 'string' ? value : String(value));
      }
      if (key === 'threatlistname') {
        for (const detail of service.Evidence?.ThreatIntelligenceDetails ?? []) if (typeof detail?.ThreatListName === 'string') out.push(detail.ThreatListName);
      }
      return out;
    },
  };
}

function parsedInfo(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
