/** UpdateSecretVersionStage: moves or removes one staging label (rules in versions.ts). */
import type { OperationHandler } from '../types.js';
import { requireSecret, requireWritable } from './lookup.js';
import { moveStage } from './versions.js';
import { changeSecret } from './writes.js';

export const updateSecretVersionStage: OperationHandler = async (ctx, input) => {
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  requireWritable(found);
  const moveTo = typeof input.MoveToVersionId === 'string' ? input.MoveToVersionId : undefined;
  const removeFrom = typeof input.RemoveFromVersionId === 'string' ? input.RemoveFromVersionId : undefined;
  await changeSecret(ctx, found, (current) => moveStage(current.record, input.VersionStage as string, moveTo, removeFrom));
  return { ARN: found.record.ARN, Name: found.record.Name };
};
