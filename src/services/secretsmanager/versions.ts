/**
 * Versions and staging labels, as pure changes to a SecretRecord (no store, no KMS) — the rules
 * PutSecretValue, UpdateSecret, CreateSecret and UpdateSecretVersionStage share, and that
 * rotation reuses (a new version with AWSPENDING, then AWSCURRENT moved to it):
 *
 *   - a label is on at most one version; attaching it elsewhere moves it; a secret's first
 *     version is always AWSCURRENT;
 *   - when AWSCURRENT moves off version X, X gets AWSPREVIOUS (taken from whichever version had
 *     it); a new value added with AWSCURRENT also clears AWSPENDING from X (what AWS shows after
 *     PutSecretValue on a version that was current and pending);
 *   - a version without labels is deprecated; when a secret has more than 100 versions, the
 *     oldest deprecated versions created more than 24 hours ago are removed; if that is not
 *     enough, the write is refused (LimitExceededException), as is a 21st label on a secret;
 *   - labels are kept sorted, the order AWS lists them in.
 */
import { AWSCURRENT, AWSPENDING, AWSPREVIOUS, holderOf, versionById, type SecretRecord, type VersionMeta } from './common.js';
import { invalidParameter, limitExceeded, valueNotFoundForVersion } from './errors.js';

/** AWS quota: versions per secret (deprecated ones beyond it are removed once a day old). */
export const MAX_VERSIONS = 100;
/** AWS quota: staging labels attached across all versions of a secret. */
export const MAX_LABELS = 20;
const DAY_MS = 86_400_000;

function detach(record: SecretRecord, stage: string): void {
  for (const v of record.Versions) {
    const i = v.Stages.indexOf(stage);
    if (i >= 0) v.Stages.splice(i, 1);
  }
}

function attach(version: VersionMeta, stage: string): void {
  if (!version.Stages.includes(stage)) {
    version.Stages.push(stage);
    version.Stages.sort();
  }
}

/** AWSCURRENT leaves `from`: it gets AWSPREVIOUS. */
function demote(record: SecretRecord, from: VersionMeta): void {
  detach(record, AWSPREVIOUS);
  attach(from, AWSPREVIOUS);
}

function checkLabelCount(record: SecretRecord): void {
  let count = 0;
  for (const v of record.Versions) count += v.Stages.length;
  // Unconfirmed wording.
  if (count > MAX_LABELS) throw limitExceeded(`A secret can have at most ${MAX_LABELS} staging labels attached across all of its versions.`);
}

/**
 * Adds a new version carrying `stages` (PutSecretValue's VersionStages, AWSCURRENT by default).
 * Returns the deprecated versions pruned to stay within the quota (their values must go too).
 */
export function addVersion(record: SecretRecord, version: VersionMeta, requested: readonly string[], now: Date): VersionMeta[] {
  // The first version of a secret is always current.
  const stages = record.Versions.length === 0 && !requested.includes(AWSCURRENT) ? [...requested, AWSCURRENT] : requested;
  const previousCurrent = stages.includes(AWSCURRENT) ? holderOf(record, AWSCURRENT) : undefined;
  for (const s of stages) detach(record, s);
  if (previousCurrent) {
    demote(record, previousCurrent);
    const pending = previousCurrent.Stages.indexOf(AWSPENDING);
    if (pending >= 0) previousCurrent.Stages.splice(pending, 1);
  }
  version.Stages = [...new Set(stages)].sort();
  record.Versions.push(version);
  checkLabelCount(record);
  return prune(record, now);
}

/** Removes the oldest deprecated versions older than a day while there are more than MAX_VERSIONS. */
export function prune(record: SecretRecord, now: Date): VersionMeta[] {
  const removed: VersionMeta[] = [];
  while (record.Versions.length > MAX_VERSIONS) {
    const i = record.Versions.findIndex((v) => v.Stages.length === 0 && now.getTime() - Date.parse(v.CreatedDate) >= DAY_MS);
    if (i < 0) break;
    removed.push(...record.Versions.splice(i, 1));
  }
  if (record.Versions.length > MAX_VERSIONS) {
    // Unconfirmed wording.
    throw limitExceeded(`A secret can have at most ${MAX_VERSIONS} versions; Secrets Manager removes versions without staging labels only once they are more than 24 hours old.`);
  }
  return removed;
}

/**
 * UpdateSecretVersionStage: attach `stage` to `moveTo` and/or remove it from `removeFrom`.
 * A label attached to another version can only move when RemoveFromVersionId names that
 * version; AWSCURRENT can move but never just be removed.
 */
export function moveStage(record: SecretRecord, stage: string, moveTo: string | undefined, removeFrom: string | undefined): void {
  const holder = holderOf(record, stage);
  if (moveTo !== undefined) {
    const target = versionById(record, moveTo);
    // Unconfirmed wording: the secret has no such version.
    if (!target) throw valueNotFoundForVersion(moveTo);
    if (holder && holder !== target) {
      if (removeFrom === undefined) {
        throw invalidParameter(
          `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.VersionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
        );
      }
      if (removeFrom !== holder.VersionId) {
        // Unconfirmed wording.
        throw invalidParameter(`The staging label ${stage} is currently attached to version ${holder.VersionId}, not to version ${removeFrom}, so RemoveFromVersionId must be ${holder.VersionId}.`);
      }
    } else if (!holder && removeFrom !== undefined) {
      // Unconfirmed wording.
      throw invalidParameter(`The staging label ${stage} is not attached to version ${removeFrom}.`);
    }
    detach(record, stage);
    attach(target, stage);
    if (stage === AWSCURRENT && holder && holder !== target) demote(record, holder);
  } else {
    // Unconfirmed wording.
    if (removeFrom === undefined) throw invalidParameter('You must specify MoveToVersionId, RemoveFromVersionId, or both.');
    // Unconfirmed wording.
    if (!holder || holder.VersionId !== removeFrom) throw invalidParameter(`The staging label ${stage} is not attached to version ${removeFrom}.`);
    // Unconfirmed wording.
    if (stage === AWSCURRENT) throw invalidParameter(`You can only move the staging label ${AWSCURRENT} to a different secret version. It can't be completely removed.`);
    detach(record, stage);
  }
  checkLabelCount(record);
}
