/**
 * Each finding's history (GetFindingHistory): one record per change — its creation by a
 * provider, a provider's update, a customer's BatchUpdateFindings, an automation rule — with who
 * made it and what changed. Kept beside the finding, the newest 1,000 records.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { FieldChange } from '../../securityhub/finding-changes.js';
import { KIND } from './common.js';

export const MAX_RECORDS = 1_000;

export interface HistoryRecord {
  UpdateTime: string;
  FindingCreated: boolean;
  UpdateSource: { Type: 'BATCH_IMPORT_FINDINGS' | 'BATCH_UPDATE_FINDINGS'; Identity: string };
  Updates: FieldChange[];
}

export interface FindingHistory {
  FindingIdentifier: { Id: string; ProductArn: string };
  Records: HistoryRecord[];
}

export async function readHistory(ops: StoreOps, scope: Scope, key: string): Promise<FindingHistory | undefined> {
  return (await ops.get<FindingHistory>(scope, KIND.history, key))?.value;
}

export async function appendHistory(tx: StoreOps, scope: Scope, key: string, identifier: FindingHistory['FindingIdentifier'], records: readonly HistoryRecord[]): Promise<void> {
  if (records.length === 0) return;
  const existing = (await readHistory(tx, scope, key))?.Records ?? [];
  await tx.put(scope, KIND.history, key, { FindingIdentifier: identifier, Records: [...existing, ...records].slice(-MAX_RECORDS) } satisfies FindingHistory);
}
