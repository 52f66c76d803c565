/**
 * The GuardDuty detector findings are read from: the account's detector in the Region, enabled
 * for the run when it was disabled, or one created for the run (and deleted after it).
 */
import { CreateDetectorCommand, DeleteDetectorCommand, GetDetectorCommand, ListDetectorsCommand, UpdateDetectorCommand } from '@aws-sdk/client-guardduty';
import type { SimulationClients } from './clients.js';
import { errorText, type UndoStack } from './undo-stack.js';

export type DetectorResult = { detectorId: string } | { unavailable: string };

/** The detector to watch; `unavailable` says why findings cannot be read (GuardDuty not served). */
export async function prepareDetector(operator: SimulationClients, undo: UndoStack): Promise<DetectorResult> {
  const guardDuty = operator.guardDuty;
  let existing: string | undefined;
  try {
    existing = (await guardDuty.send(new ListDetectorsCommand({}))).DetectorIds?.[0];
  } catch (err) {
    return { unavailable: `GuardDuty is not reachable (${errorText(err)})` };
  }
  if (existing === undefined) {
    const created = (await guardDuty.send(new CreateDetectorCommand({ Enable: true }))).DetectorId!;
    undo.push(`delete GuardDuty detector ${created}`, () => guardDuty.send(new DeleteDetectorCommand({ DetectorId: created })));
    return { detectorId: created };
  }
  const status = (await guardDuty.send(new GetDetectorCommand({ DetectorId: existing }))).Status;
  if (status === 'DISABLED') {
    await guardDuty.send(new UpdateDetectorCommand({ DetectorId: existing, Enable: true }));
    undo.push(`disable GuardDuty detector ${existing} again`, () => guardDuty.send(new UpdateDetectorCommand({ DetectorId: existing, Enable: false })));
  }
  return { detectorId: existing };
}
