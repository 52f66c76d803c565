/**
 * Publishing destinations: where a detector's findings are exported (DestinationType S3 — a
 * bucket ARN, optionally with a key prefix, and the KMS key that encrypts the files). One per
 * detector. Creating or updating one checks at once whether GuardDuty could publish
 * (destination-check.ts): PUBLISHING, or UNABLE_TO_PUBLISH_FIX_DESTINATION_PROPERTY from the
 * time the problem was first seen; each export (finding-export.ts) checks again.
 */
import type { Scope, Store } from '../../store/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { KIND, newId, type DestinationRecord, type Tags } from './common.js';
import { destinationExists, invalidParameter, noSuchResource } from './errors.js';
import { isKeyArn, parseDestinationArn, publishProblem } from './destination-check.js';
import { callerScope, requireDetector, storeKey } from './lookup.js';
import { paginate } from './pagination.js';

function checkedProperties(raw: unknown): DestinationRecord['DestinationProperties'] {
  const props = (raw ?? {}) as { DestinationArn?: unknown; KmsKeyArn?: unknown };
  if (typeof props.DestinationArn !== 'string' || !parseDestinationArn(props.DestinationArn)) throw invalidParameter('destinationArn');
  if (typeof props.KmsKeyArn !== 'string' || !isKeyArn(props.KmsKeyArn)) throw invalidParameter('kmsKeyArn');
  return { DestinationArn: props.DestinationArn, KmsKeyArn: props.KmsKeyArn };
}

/** The destination's status after checking it now (a failure keeps the time it was first seen). */
export async function verified(store: Store, scope: Scope, detectorId: string, record: DestinationRecord): Promise<DestinationRecord> {
  const target = parseDestinationArn(record.DestinationProperties.DestinationArn)!;
  const problem = await publishProblem(store, scope, detectorId, target, record.DestinationProperties.KmsKeyArn);
  if (!problem) {
    const { PublishingFailureStartTimestamp: _, ...rest } = record;
    return { ...rest, Status: 'PUBLISHING' };
  }
  return { ...record, Status: 'UNABLE_TO_PUBLISH_FIX_DESTINATION_PROPERTY', PublishingFailureStartTimestamp: record.PublishingFailureStartTimestamp ?? Date.now() };
}

export const createPublishingDestination: OperationHandler = async (ctx, input) => {
  const detector = await requireDetector(ctx, input.DetectorId);
  const properties = checkedProperties(input.DestinationProperties);
  const scope = callerScope(ctx);
  const record = await verified(ctx.store, scope, detector.DetectorId, {
    DestinationId: newId(),
    DestinationType: 'S3',
    DestinationProperties: properties,
    Status: 'PENDING_VERIFICATION',
    Tags: { ...((input.Tags as Tags | undefined) ?? {}) },
    ExportedUpTo: new Date().toISOString(),
  });
  await ctx.store.transaction(async (tx) => {
    if ((await tx.list(scope, KIND.destination, { limit: 1 })).items.length > 0) throw destinationExists();
    await tx.put(scope, KIND.destination, record.DestinationId, record);
  });
  return { DestinationId: record.DestinationId };
};

async function requireDestination(ctx: RequestContext, input: OperationInput): Promise<DestinationRecord> {
  await requireDetector(ctx, input.DetectorId);
  const id = storeKey(input.DestinationId);
  const record = id === undefined ? undefined : (await ctx.store.get<DestinationRecord>(callerScope(ctx), KIND.destination, id))?.value;
  if (!record) throw noSuchResource();
  return record;
}

export const describePublishingDestination: OperationHandler = async (ctx, input) => {
  const record = await requireDestination(ctx, input);
  return {
    DestinationId: record.DestinationId,
    DestinationType: record.DestinationType,
    Status: record.Status,
    PublishingFailureStartTimestamp: record.PublishingFailureStartTimestamp ?? 0,
    DestinationProperties: record.DestinationProperties,
    Tags: record.Tags,
  };
};

export const updatePublishingDestination: OperationHandler = async (ctx, input) => {
  const current = await requireDestination(ctx, input);
  const record = input.DestinationProperties === undefined ? current : await verified(ctx.store, callerScope(ctx), input.DetectorId as string, { ...current, DestinationProperties: checkedProperties(input.DestinationProperties) });
  await ctx.store.put(callerScope(ctx), KIND.destination, record.DestinationId, record);
  return {};
};

export const deletePublishingDestination: OperationHandler = async (ctx, input) => {
  const record = await requireDestination(ctx, input);
  await ctx.store.delete(callerScope(ctx), KIND.destination, record.DestinationId);
  return {};
};

export const listPublishingDestinations: OperationHandler = async (ctx, input) => {
  await requireDetector(ctx, input.DetectorId);
  const records = (await ctx.store.list<DestinationRecord>(callerScope(ctx), KIND.destination)).items.map((i) => i.value);
  const { page, NextToken } = paginate(records, input.MaxResults, input.NextToken);
  return { Destinations: page.map((d) => ({ DestinationId: d.DestinationId, DestinationType: d.DestinationType, Status: d.Status })), ...(NextToken && { NextToken }) };
};
