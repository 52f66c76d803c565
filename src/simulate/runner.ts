/**
 * `runSimulation`: detonates techniques one after another against a running Bulwark and
 * reports, for each, whether GuardDuty raised an expected finding and how soon.
 *
 * Per run: the operator's identity and a GuardDuty detector to read findings from. Per
 * technique: its own attacker (a fresh IAM user, so that detectors keeping state per principal
 * — windows, baselines, attack sequences — see each technique alone, and findings are matched
 * to it by access key), setup (operator), detonation (attacker), the detection wait, then
 * every registered undo. The run's own undos (the detector) come last, whatever happened.
 */
import { randomBytes } from 'node:crypto';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createAttacker } from './attacker.js';
import { selectTechniques } from './catalog.js';
import { clientsLike, simulationClients, type AccessKeys, type SimulationClients } from './clients.js';
import { prepareDetector } from './detector.js';
import { awaitDetection, type DetectionOutcome } from './findings.js';
import type { AnyTechnique, TechniqueContext } from './technique.js';
import { errorText, UndoStack, type UndoFailure } from './undo-stack.js';

export interface SimulationOptions {
  endpoint: string;
  /** Default us-east-1. */
  region?: string;
  /** The operator's keys (root or an administrator); default: the SDK's provider chain. */
  credentials?: AccessKeys;
  /** Technique ids; every technique when empty. Unknown ids throw UnknownTechniqueError before anything runs. */
  techniques?: readonly string[];
  /** How long to wait for a finding after each detonation (default 10). */
  timeoutSeconds?: number;
  /** How often to poll findings (default 100 ms). */
  pollIntervalMs?: number;
  /** Called once the run is ready, before the first technique. */
  onStart?(run: { techniques: number; unwatched?: string }): void;
  /** Called as each technique finishes. */
  onResult?(result: TechniqueResult): void;
  /** Aborting stops the run after the technique in progress (and its cleanup). */
  signal?: AbortSignal;
}

export interface SimulationReport {
  results: TechniqueResult[];
  /** Why no finding could be read (GuardDuty not served): the techniques ran, none counts as detected. */
  unwatched?: string;
  /** What the run's own cleanup (the detector it created) could not undo. */
  cleanupErrors: string[];
  /** The run was stopped through `signal` before every technique ran. */
  stopped?: true;
}

export interface TechniqueResult extends DetectionOutcome {
  technique: string;
  /** Why the technique did not run to the end (its setup or detonation failed). */
  error?: string;
  /** What its cleanup could not undo. */
  cleanupErrors: string[];
}

const NOT_WATCHED: DetectionOutcome = { detected: false, findingTypes: [], secondsToDetect: null };

interface Run {
  operator: SimulationClients;
  accountId: string;
  operatorArn: string;
  region: string;
  prefix: string;
  detectorId: string | undefined;
  timeoutMs: number;
  intervalMs: number;
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const techniques = selectTechniques(options.techniques ?? []);
  const region = options.region ?? 'us-east-1';
  const report: SimulationReport = { results: [], cleanupErrors: [] };
  const operator = simulationClients({ endpoint: options.endpoint, region, credentials: options.credentials });
  const runUndo = new UndoStack();
  try {
    const identity = await operator.sts.send(new GetCallerIdentityCommand({}));
    const prefix = `bulwark-sim-${randomBytes(3).toString('hex')}`;
    const detector = await prepareDetector(operator, runUndo);
    if ('unavailable' in detector) report.unwatched = detector.unavailable;
    const run: Run = {
      operator,
      accountId: identity.Account!,
      operatorArn: identity.Arn!,
      region,
      prefix,
      detectorId: 'detectorId' in detector ? detector.detectorId : undefined,
      timeoutMs: (options.timeoutSeconds ?? 10) * 1000,
      intervalMs: options.pollIntervalMs ?? 100,
    };
    options.onStart?.({ techniques: techniques.length, unwatched: report.unwatched });
    for (const [index, technique] of techniques.entries()) {
      if (options.signal?.aborted) {
        report.stopped = true;
        break;
      }
      const result = await runTechnique(run, technique, index + 1);
      report.results.push(result);
      options.onResult?.(result);
    }
  } finally {
    report.cleanupErrors = (await runUndo.unwind()).map(couldNot);
    operator.close();
  }
  return report;
}

const couldNot = (failure: UndoFailure) => `could not ${failure.description}: ${failure.error}`;

async function runTechnique(run: Run, technique: AnyTechnique, index: number): Promise<TechniqueResult> {
  const undo = new UndoStack();
  const accessKeyIds = new Set<string>();
  const name = (suffix: string) => `${run.prefix}-${String(index).padStart(2, '0')}-${suffix}`;
  let attacker: SimulationClients | undefined;
  let phase = 'setup';
  let error: string | undefined;
  let since: number | undefined;
  try {
    const attackerUser = await createAttacker(run.operator, name('attacker'), undo);
    accessKeyIds.add(attackerUser.keys.accessKeyId);
    attacker = clientsLike(run.operator, { credentials: attackerUser.keys });
    const context: TechniqueContext = {
      operator: run.operator,
      attacker,
      accountId: run.accountId,
      operatorArn: run.operatorArn,
      region: run.region,
      detectorId: run.detectorId,
      name,
      undo: (description, action) => undo.push(description, action),
      attribute: (accessKeyId) => accessKeyIds.add(accessKeyId),
    };
    const target = await technique.setup?.(context);
    phase = 'detonation';
    since = Date.now();
    await technique.detonate(context, target);
  } catch (err) {
    error = `${phase} failed: ${errorText(err)}`;
  }
  let outcome = NOT_WATCHED;
  if (since !== undefined && run.detectorId !== undefined) {
    try {
      outcome = await awaitDetection({
        guardDuty: run.operator.guardDuty,
        detectorId: run.detectorId,
        since,
        accessKeyIds,
        expectedTypes: technique.expectedFindingTypes,
        deadline: Date.now() + run.timeoutMs,
        intervalMs: run.intervalMs,
      });
    } catch (err) {
      error ??= `reading findings failed: ${errorText(err)}`;
    }
  }
  const cleanupErrors = (await undo.unwind()).map(couldNot);
  attacker?.close();
  return { technique: technique.id, ...outcome, ...(error !== undefined && { error }), cleanupErrors };
}
