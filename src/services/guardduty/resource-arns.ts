/**
 * GuardDuty's resource ARNs — `arn:aws:guardduty:<region>:<account>:detector/<detector id>`
 * with `/filter/<name>`, `/ipset/<id>`, `/threatintelset/<id>` or `/publishingDestination/<id>`
 * after it — and the stored record each names.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { KIND, type DetectorRecord, type Tags } from './common.js';
import { storeKey } from './lookup.js';

export interface ParsedArn {
  scope: Scope;
  detectorId: string;
  /** The stored kind and id of a sub-resource; absent for the detector itself. */
  child?: { kind: string; id: string };
}

const ARN = /^arn:aws[a-z-]*:guardduty:([a-z0-9-]+):(\d{12}):detector\/([A-Za-z0-9]+)(?:\/(filter|ipset|threatintelset|publishingdestination)\/([^/]+))?$/i;

const CHILD_KINDS: Record<string, string> = {
  filter: KIND.filter,
  ipset: KIND.ipSet,
  threatintelset: KIND.threatIntelSet,
  publishingdestination: KIND.destination,
};

export function parseGuardDutyArn(arn: string): ParsedArn | undefined {
  const m = storeKey(arn) === undefined ? null : ARN.exec(arn);
  if (!m) return undefined;
  const parsed: ParsedArn = { scope: { account: m[2]!, region: m[1]! }, detectorId: m[3]! };
  if (m[4]) parsed.child = { kind: CHILD_KINDS[m[4].toLowerCase()]!, id: m[5]! };
  return parsed;
}

/** The record an ARN names (its kind and id for writing it back), when it exists. */
export async function resourceOfArn(ops: StoreOps, parsed: ParsedArn): Promise<{ kind: string; id: string; record: { Tags: Tags } } | undefined> {
  const detector = (await ops.get<DetectorRecord>(parsed.scope, KIND.detector, parsed.detectorId))?.value;
  if (!detector) return undefined;
  if (!parsed.child) return { kind: KIND.detector, id: parsed.detectorId, record: detector };
  const record = (await ops.get<{ Tags: Tags }>(parsed.scope, parsed.child.kind, parsed.child.id))?.value;
  return record ? { kind: parsed.child.kind, id: parsed.child.id, record } : undefined;
}
