/**
 * Detectors: CreateDetector (one per account and Region; a repeated ClientToken answers the same
 * detector), GetDetector, UpdateDetector, DeleteDetector (with everything of the detector:
 * findings, filters, lists, destinations) and ListDetectors.
 */
import type { StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { KIND, newId, nowIso, serviceRoleArn, type DetectorRecord, type MemberRecord, type Tags } from './common.js';
import { applyFeatureInput, dataSourcesOf, defaultFeatures } from './detector-features.js';
import { badRequest, detectorExists } from './errors.js';
import { callerScope, detectorOf, requireDetector } from './lookup.js';
import { paginate } from './pagination.js';

interface StoredDetector extends DetectorRecord {
  ClientToken?: string;
}

/** A new detector record (also made for an organization member its administrator adds). */
export function newDetector(input: Record<string, unknown>, now = nowIso()): StoredDetector {
  return {
    DetectorId: newId(),
    CreatedAt: now,
    UpdatedAt: now,
    Status: input.Enable === false ? 'DISABLED' : 'ENABLED',
    FindingPublishingFrequency: typeof input.FindingPublishingFrequency === 'string' ? input.FindingPublishingFrequency : 'SIX_HOURS',
    Features: applyFeatureInput(defaultFeatures(now), input, now),
    Tags: { ...((input.Tags as Tags | undefined) ?? {}) },
    ...(typeof input.ClientToken === 'string' && input.ClientToken !== '' && { ClientToken: input.ClientToken }),
  };
}

export const createDetector: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const detector = newDetector(input);
  const id = await ctx.store.transaction(async (tx) => {
    const existing = (await detectorOf(tx, scope)) as StoredDetector | undefined;
    if (existing) {
      if (detector.ClientToken !== undefined && existing.ClientToken === detector.ClientToken) return existing.DetectorId;
      throw detectorExists();
    }
    await tx.put(scope, KIND.detector, detector.DetectorId, detector);
    return detector.DetectorId;
  });
  return { DetectorId: id };
};

export const getDetector: OperationHandler = async (ctx, input) => {
  const detector = await requireDetector(ctx, input.DetectorId);
  return {
    CreatedAt: detector.CreatedAt,
    FindingPublishingFrequency: detector.FindingPublishingFrequency,
    ServiceRole: serviceRoleArn(ctx.account),
    Status: detector.Status,
    UpdatedAt: detector.UpdatedAt,
    DataSources: dataSourcesOf(detector.Features, serviceRoleArn(ctx.account)),
    Tags: detector.Tags,
    Features: detector.Features.map((f) => ({ ...f, AdditionalConfiguration: f.AdditionalConfiguration })),
  };
};

export const updateDetector: OperationHandler = async (ctx, input) => {
  await ctx.store.transaction(async (tx) => {
    const detector = await requireDetector(ctx, input.DetectorId, tx);
    const now = nowIso();
    const updated: DetectorRecord = {
      ...detector,
      UpdatedAt: now,
      Status: input.Enable === true ? 'ENABLED' : input.Enable === false ? 'DISABLED' : detector.Status,
      FindingPublishingFrequency: typeof input.FindingPublishingFrequency === 'string' ? input.FindingPublishingFrequency : detector.FindingPublishingFrequency,
      Features: applyFeatureInput(detector.Features, input, now),
    };
    await tx.put(callerScope(ctx), KIND.detector, detector.DetectorId, updated);
  });
  return {};
};

/** Everything a detector's scope holds, deleted with it. */
const DETECTOR_KINDS = [KIND.finding, KIND.filter, KIND.threatIntelSet, KIND.ipSet, KIND.listEntries, KIND.destination, KIND.member, KIND.administrator];

export const deleteDetector: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const detector = await requireDetector(ctx, input.DetectorId, tx);
    const members = (await tx.list<MemberRecord>(scope, KIND.member)).items;
    if (members.some((m) => m.value.RelationshipStatus === 'Invited' || m.value.RelationshipStatus === 'Enabled')) {
      // Unconfirmed wording: AWS's text contains "cannot delete detector while it has invited or associated members".
      throw badRequest('The request is rejected because the current account cannot delete detector while it has invited or associated members.');
    }
    for (const kind of DETECTOR_KINDS) await deleteAll(tx, scope, kind);
    await tx.delete(scope, KIND.detector, detector.DetectorId);
  });
  return {};
};

async function deleteAll(tx: StoreOps, scope: { account: string; region: string }, kind: string): Promise<void> {
  for (const item of (await tx.list(scope, kind)).items) await tx.delete(scope, kind, item.id);
}

export const listDetectors: OperationHandler = async (ctx, input) => {
  const detector = await detectorOf(ctx.store, callerScope(ctx));
  const { page, NextToken } = paginate(detector ? [detector.DetectorId] : [], input.MaxResults, input.NextToken);
  return { DetectorIds: page, ...(NextToken && { NextToken }) };
};
