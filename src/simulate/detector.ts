/**
 * The GuardDuty detector findings are read from: the account's detector in the Region, enabled
 * for the run when it was disabled, or one created for the run (and deleted after it). S3
 * Protection (S3 data events) is on for the run either way — the ransomware techniques are seen
 * only in object-level calls — and an existing detector gets back the setting it had.
 */
import { CreateDetectorCommand, DeleteDetectorCommand, GetDetectorCommand, ListDetectorsCommand, UpdateDetectorCommand, type DetectorFeatureConfiguration } from '@aws-sdk/client-guardduty';
import type { SimulationClients } from './clients.js';
import { errorText, type UndoStack } from './undo-stack.js';

export type DetectorResult = { detectorId: string } | { unavailable: string };

const S3_DATA_EVENTS = 'S3_DATA_EVENTS';
const s3Protection = (status: 'ENABLED' | 'DISABLED'): DetectorFeatureConfiguration[] => [{ Name: S3_DATA_EVENTS, Status: status }];

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
    const created = (await guardDuty.send(new CreateDetectorCommand({ Enable: true, Features: s3Protection('ENABLED') }))).DetectorId!;
    undo.push(`delete GuardDuty detector ${created}`, () => guardDuty.send(new DeleteDetectorCommand({ DetectorId: created })));
    return { detectorId: created };
  }
  const detector = await guardDuty.send(new GetDetectorCommand({ DetectorId: existing }));
  if (detector.Status === 'DISABLED') {
    await guardDuty.send(new UpdateDetectorCommand({ DetectorId: existing, Enable: true }));
    undo.push(`disable GuardDuty detector ${existing} again`, () => guardDuty.send(new UpdateDetectorCommand({ DetectorId: existing, Enable: false })));
  }
  const s3 = detector.Features?.find((f) => f.Name === S3_DATA_EVENTS)?.Status ?? detector.DataSources?.S3Logs?.Status;
  if (s3 !== 'ENABLED') {
    await guardDuty.send(new UpdateDetectorCommand({ DetectorId: existing, Features: s3Protection('ENABLED') }));
    undo.push(`turn S3 Protection of GuardDuty detector ${existing} off again`, () =>
      guardDuty.send(new UpdateDetectorCommand({ DetectorId: existing, Features: s3Protection('DISABLED') })),
    );
  }
  return { detectorId: existing };
}
