/**
 * One trail's delivery: the records after its cursor that were recorded while it was logging,
 * fall within its accounts and Regions and are taken by its event selectors, written as one
 * log file per account and Region; then the cursor moves on (also past what the trail does not
 * take) and, with log file validation, the digest files follow. When the bucket or key refuses
 * CloudTrail, the failure goes to the trail's status and the cursor stays, so the events are
 * delivered once the bucket policy is fixed.
 *
 * The journal is read before the status: an event recorded after the status was read would
 * otherwise be judged against a logging state older than itself.
 */
import type { MasterKey } from '../../crypto/master-key.js';
import { defaultEventSelectors, trailStatus, type TrailRecord } from '../../services/cloudtrail/common.js';
import type { InternalWriter } from '../../services/s3/internal-writes.js';
import type { CloudTrailRecord } from '../record.js';
import { advancedSelectorsTake } from './advanced-selection.js';
import { basicSelectorsTake } from './basic-selection.js';
import { advanceCursor, loadCursor, type DeliveredLogFile } from './cursor.js';
import { deliverDigests } from './digest-delivery.js';
import { logDeliveryFailed, logsDelivered } from './delivery-status.js';
import { checkDeliveryTarget, deliveryErrorCode } from './delivery-target.js';
import type { JournalEntry, JournalRun } from './journal-reader.js';
import { LoggingWindow } from './logging-window.js';
import { writeLogFile } from './log-files.js';
import { inTrailScope, type OrganizationLookup } from './record-scope.js';

export interface DeliveryRun {
  journal: JournalRun;
  orgs: OrganizationLookup;
  at: Date;
}

export async function deliverTrail(writer: InternalWriter & { masterKey: MasterKey }, trail: TrailRecord, run: DeliveryRun): Promise<void> {
  const { store } = writer;
  const cursor = await loadCursor(store, trail);
  const batch = run.journal.read(cursor.Positions, Date.parse(trail.CreatedAt));
  const status = await trailStatus(store, trail);
  const window = new LoggingWindow(trail, status, batch.entries, cursor.Marks);
  const groups = new Map<string, JournalEntry[]>();
  for (const entry of batch.entries) {
    if (!window.covers(entry) || !takes(trail, entry.record) || !(await inTrailScope(trail, entry.record, run.orgs))) continue;
    const place = `${entry.record.recipientAccountId}/${entry.record.awsRegion}`;
    const group = groups.get(place);
    if (group) group.push(entry);
    else groups.set(place, [entry]);
  }
  const delivered: DeliveredLogFile[] = [];
  if (groups.size > 0) {
    try {
      await checkDeliveryTarget(store, trail, 'logs');
      for (const [place, entries] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const [account, region] = place.split('/') as [string, string];
        delivered.push(await writeLogFile(writer, trail, account, region, entries, run.at));
      }
    } catch (err) {
      const code = deliveryErrorCode(err);
      if (code === undefined) throw err;
      await logDeliveryFailed(store, trail, run.at, code);
      return;
    }
    await logsDelivered(store, trail, run.at);
  }
  await advanceCursor(store, trail, batch.next, window.marks, trail.LogFileValidationEnabled ? delivered : []);
  if (trail.LogFileValidationEnabled && (status.IsLogging || delivered.length > 0)) await deliverDigests(writer, trail, status);
}

function takes(trail: TrailRecord, record: CloudTrailRecord): boolean {
  if (trail.AdvancedEventSelectors) return advancedSelectorsTake(trail.AdvancedEventSelectors, record);
  return basicSelectorsTake(trail.EventSelectors ?? defaultEventSelectors(), record);
}
