/**
 * Exporting findings to publishing destinations: each destination gets, per run, one file of
 * the active (not archived) findings of its detector — and of the detector's associated
 * members, as AWS exports an administrator's members' findings too — that are new or updated
 * since its last export (a cursor on UpdatedAt kept in the destination record). The file is
 * written as S3 writes objects (s3/internal-writes.ts), SSE-KMS under the destination's key with
 * the object's ARN as `aws:s3:arn` encryption context, so reading it back needs kms:Decrypt.
 * Before writing, the bucket and key policies are checked again (destination-check.ts); a
 * refusal leaves the cursor and shows as UNABLE_TO_PUBLISH_FIX_DESTINATION_PROPERTY.
 *
 * Several workers may run exports: a run claims a destination with a short lease stored in its
 * record, so one file is written per run. AWS exports new findings within about 5 minutes and
 * updates at FindingPublishingFrequency; Bulwark exports both on every run (a timer, or
 * exportNow in tests).
 */
import type { Finding } from '../../guardduty/finding.js';
import type { Scope } from '../../store/index.js';
import { objectArn } from '../s3/common.js';
import { InternalWriteError, writeObjectInternally, type InternalWriter } from '../s3/internal-writes.js';
import { KIND, type DestinationRecord } from './common.js';
import { parseDestinationArn } from './destination-check.js';
import { exportBody, exportKey } from './export-files.js';
import { findingsIn } from './finding-store.js';
import { detectorOf } from './lookup.js';
import { verified } from './publishing.js';
import { visibleScopes } from './relationships.js';

const LEASE_MS = 60_000;

interface LeasedDestination extends DestinationRecord {
  LeaseUntil?: number;
}

/** Exports every destination's new findings now; resolves the number of files written. */
export async function exportFindings(writer: InternalWriter, now = new Date()): Promise<number> {
  let files = 0;
  for (const scope of await writer.store.scopes(KIND.destination)) {
    const detector = await detectorOf(writer.store, scope);
    if (!detector) continue;
    for (const item of (await writer.store.list<LeasedDestination>(scope, KIND.destination)).items) {
      if (await exportDestination(writer, scope, detector.DetectorId, item.value.DestinationId, now)) files++;
    }
  }
  return files;
}

async function exportDestination(writer: InternalWriter, scope: Scope, detectorId: string, destinationId: string, now: Date): Promise<boolean> {
  const { store } = writer;
  const claimed = await store.transaction(async (tx) => {
    const record = (await tx.get<LeasedDestination>(scope, KIND.destination, destinationId))?.value;
    if (!record || record.Status === 'STOPPED' || (record.LeaseUntil ?? 0) > now.getTime()) return undefined;
    const leased = { ...record, LeaseUntil: now.getTime() + LEASE_MS };
    await tx.put(scope, KIND.destination, destinationId, leased);
    return leased;
  });
  if (!claimed) return false;
  let next: LeasedDestination = await verified(store, scope, detectorId, claimed);
  let written = false;
  try {
    if (next.Status === 'PUBLISHING') {
      const findings = await pending(writer, scope, next.ExportedUpTo ?? '');
      if (findings.length > 0) {
        const target = parseDestinationArn(next.DestinationProperties.DestinationArn)!;
        const key = exportKey(target, scope.account, scope.region, now);
        await writeObjectInternally(writer, {
          bucket: target.bucket,
          key,
          body: exportBody(findings),
          contentType: 'application/octet-stream',
          encryption: { kind: 'SSE-KMS', keyArn: next.DestinationProperties.KmsKeyArn, context: { 'aws:s3:arn': objectArn(target.bucket, key) } },
        });
        next = { ...next, ExportedUpTo: findings.reduce((max, f) => (f.UpdatedAt > max ? f.UpdatedAt : max), next.ExportedUpTo ?? '') };
        written = true;
      }
    }
  } catch (err) {
    if (!(err instanceof InternalWriteError)) throw err;
    next = { ...next, Status: 'UNABLE_TO_PUBLISH_FIX_DESTINATION_PROPERTY', PublishingFailureStartTimestamp: next.PublishingFailureStartTimestamp ?? now.getTime() };
  } finally {
    await release(writer, scope, destinationId, next);
  }
  return written;
}

/** Drops the lease and records the run's outcome, keeping what a caller changed meanwhile. */
async function release(writer: InternalWriter, scope: Scope, destinationId: string, outcome: DestinationRecord): Promise<void> {
  await writer.store.transaction(async (tx) => {
    const current = (await tx.get<LeasedDestination>(scope, KIND.destination, destinationId))?.value;
    if (!current) return;
    const { LeaseUntil: _, PublishingFailureStartTimestamp: __, ...rest } = current;
    const failedSince = outcome.PublishingFailureStartTimestamp;
    await tx.put(scope, KIND.destination, destinationId, {
      ...rest,
      Status: outcome.Status,
      ...(outcome.ExportedUpTo !== undefined && { ExportedUpTo: outcome.ExportedUpTo }),
      ...(failedSince !== undefined && { PublishingFailureStartTimestamp: failedSince }),
    });
  });
}

/** Active findings of the detector and its members updated after the cursor, oldest first. */
async function pending(writer: InternalWriter, scope: Scope, after: string): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const visible of await visibleScopes(writer.store, scope)) {
    for (const finding of await findingsIn(writer.store, visible)) if (!finding.Service.Archived && finding.UpdatedAt > after) out.push(finding);
  }
  return out.sort((a, b) => (a.UpdatedAt < b.UpdatedAt ? -1 : a.UpdatedAt > b.UpdatedAt ? 1 : 0));
}
