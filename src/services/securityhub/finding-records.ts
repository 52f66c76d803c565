/**
 * Findings in the store, with the change log that keeps every process's in-memory index
 * current (finding-index-cache.ts): each write gives the finding the next change number of its
 * scope, drops its previous log entry and logs the new one — so the log holds, in change order,
 * one entry per finding, and a reader that has seen changes up to n reads only what came after.
 * A new log (after a reset) has a new epoch, which tells readers to start over.
 */
import { randomBytes } from 'node:crypto';
import type { Asff } from '../../securityhub/finding-index.js';
import type { Scope, StoreOps } from '../../store/index.js';
import { KIND } from './common.js';

export interface StoredFinding {
  Finding: Asff;
  /** The change number of the last write. */
  Seq: number;
  /** Top-level fields a customer changed (BatchUpdateFindings, automation rules): providers no longer change Confidence, Criticality, RelatedFindings, Severity or Types. */
  CustomerFields?: string[];
}

export interface FindingChange {
  key: string;
}

export interface FindingSeq {
  next: number;
  epoch: string;
}

const SEQ_ID = 'seq';

export const changeId = (seq: number): string => String(seq).padStart(15, '0');

export async function readFinding(ops: StoreOps, scope: Scope, key: string): Promise<StoredFinding | undefined> {
  return (await ops.get<StoredFinding>(scope, KIND.finding, key))?.value;
}

export async function readSeq(ops: StoreOps, scope: Scope): Promise<FindingSeq | undefined> {
  return (await ops.get<FindingSeq>(scope, KIND.findingSeq, SEQ_ID))?.value;
}

/** Writes findings of one scope (inside the caller's transaction), each with its next change number. */
export async function writeFindings(tx: StoreOps, scope: Scope, writes: ReadonlyArray<{ key: string; finding: Asff; customerFields?: string[]; previous?: StoredFinding }>): Promise<void> {
  if (writes.length === 0) return;
  const seq = (await readSeq(tx, scope)) ?? { next: 1, epoch: randomBytes(8).toString('hex') };
  let next = seq.next;
  for (const { key, finding, customerFields, previous } of writes) {
    if (previous) await tx.delete(scope, KIND.findingChange, changeId(previous.Seq));
    const stored: StoredFinding = { Finding: finding, Seq: next, ...(customerFields && customerFields.length > 0 && { CustomerFields: customerFields }) };
    await tx.put(scope, KIND.finding, key, stored);
    await tx.put(scope, KIND.findingChange, changeId(next), { key } satisfies FindingChange);
    next++;
  }
  await tx.put(scope, KIND.findingSeq, SEQ_ID, { next, epoch: seq.epoch } satisfies FindingSeq);
}
