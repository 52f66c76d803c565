/**
 * RotateSecret and CancelRotateSecret.
 *
 * RotateSecret stores the rotation function and rules (checked as AWS checks them), turns
 * rotation on, sets NextRotationDate and — unless RotateImmediately is false — starts a
 * rotation whose new version is the ClientRequestToken (generated when absent). While a version
 * other than AWSCURRENT's carries AWSPENDING, a previous rotation is unfinished: the same token
 * retries it, another is refused. CancelRotateSecret turns rotation off and, as AWS documents,
 * leaves an unfinished AWSPENDING version for the caller to clean up (its id is answered).
 */
import { randomUUID } from 'node:crypto';
import type { OperationHandler, RequestContext } from '../../types.js';
import { AWSCURRENT, AWSPENDING, holderOf, type SecretRecord } from '../common.js';
import { invalidRequest } from '../errors.js';
import { requireSecret, requireWritable } from '../lookup.js';
import { changeSecret } from '../writes.js';
import { inFlight, startRotation } from './runner.js';
import { rotatorFor } from './rotators.js';
import { checkRules, nextWindow } from './rules.js';

// Unconfirmed wording (both).
const IN_PROGRESS = "A previous rotation isn't complete. That rotation will be reattempted.";
const NO_FUNCTION = 'No Lambda rotation function ARN is associated with this secret.';

/** The version an unfinished rotation left with AWSPENDING (not the AWSCURRENT one). */
export function unfinished(record: SecretRecord): string | undefined {
  const pending = holderOf(record, AWSPENDING);
  return pending && pending !== holderOf(record, AWSCURRENT) ? pending.VersionId : undefined;
}

function refuseIfBusy(record: SecretRecord, token: string): void {
  const pending = unfinished(record);
  const busy = inFlight(record.ARN);
  if ((pending !== undefined && pending !== token) || (busy !== undefined && busy !== token)) throw invalidRequest(IN_PROGRESS);
}

export const rotateSecret: OperationHandler = async (ctx, input) => {
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  requireWritable(found);
  const given = typeof input.RotationLambdaARN === 'string' && input.RotationLambdaARN !== '' ? input.RotationLambdaARN : undefined;
  const lambdaArn = given ?? found.record.RotationLambdaARN;
  if (lambdaArn === undefined) throw invalidRequest(NO_FUNCTION);
  const rules = input.RotationRules !== undefined ? checkRules(input.RotationRules) : found.record.RotationRules;
  const { functionName, rotator } = rotatorFor(found.record, lambdaArn);
  const immediately = input.RotateImmediately !== false;
  const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : randomUUID();
  if (immediately) refuseIfBusy(found.record, token);
  const now = ctx.receivedAt;
  await changeSecret(ctx, found, (current) => {
    if (immediately) refuseIfBusy(current.record, token);
    const record = current.record;
    record.RotationEnabled = true;
    record.RotationLambdaARN = lambdaArn;
    if (rules && Object.keys(rules).length > 0) record.RotationRules = rules;
    else delete record.RotationRules;
    const nextDate = nextWindow(rules, now);
    if (nextDate) record.NextRotationDate = nextDate.toISOString();
    else delete record.NextRotationDate;
  });
  const out: Record<string, unknown> = { ARN: found.record.ARN, Name: found.record.Name };
  if (!immediately) return out;
  void startRotation(runOf(ctx, found.record, found.scope, token, functionName), rotator);
  out.VersionId = token;
  return out;
};

function runOf(ctx: RequestContext, record: SecretRecord, scope: { account: string; region: string }, token: string, functionName: string) {
  return { base: { store: ctx.store, masterKey: ctx.masterKey, blobs: ctx.blobs }, scope, arn: record.ARN, name: record.Name, token, functionName };
}

export const cancelRotateSecret: OperationHandler = async (ctx, input) => {
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  requireWritable(found);
  const pending = await changeSecret(ctx, found, (current) => {
    current.record.RotationEnabled = false;
    delete current.record.NextRotationDate;
    return unfinished(current.record);
  });
  const out: Record<string, unknown> = { ARN: found.record.ARN, Name: found.record.Name };
  if (pending !== undefined) out.VersionId = pending;
  return out;
};
