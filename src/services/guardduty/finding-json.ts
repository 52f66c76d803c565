/**
 * A finding as GuardDuty writes it outside the API's SDK view — in exported files and event
 * payloads — with the wire (JSON) member names of the model (`accountId`, `service.action.
 * awsApiCallAction.remoteIpDetails.geoLocation.lat`, …), found by walking the Finding shape.
 */
import { loadServiceModel } from '../../models/index.js';
import type { Shape } from '../../models/types.js';
import type { Finding } from '../../guardduty/finding.js';

export function findingToJson(finding: Finding): Record<string, unknown> {
  return toWire(finding, 'Finding') as Record<string, unknown>;
}

function toWire(value: unknown, shapeName: string): unknown {
  if (value === null || value === undefined) return value;
  const model = loadServiceModel('guardduty');
  const shape: Shape = model.shape(shapeName);
  if (shape.type === 'list' && shape.member && Array.isArray(value)) return value.map((v) => toWire(v, shape.member!.shape));
  if (shape.type === 'map' && shape.value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toWire(v, shape.value.shape);
    return out;
  }
  if (shape.type !== 'structure' || !shape.members || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    const ref = shape.members[name];
    if (!ref) continue;
    out[ref.locationName ?? name] = toWire(v, ref.shape);
  }
  return out;
}
