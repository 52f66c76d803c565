/**
 * DeleteParameter and DeleteParameters: a parameter goes with every version, label and tag
 * (and its place in the expiry index). DeleteParameters takes up to 10 names and answers which
 * were deleted and which do not exist (InvalidParameters). Names only: AWS takes no ARNs here.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { EXPIRY_KIND, expiryId, PARAMETER_KIND, parameterNotFound, ssmScope, VERSION_KIND, type ParameterRecord } from './common.js';
import { isReadableName } from './names.js';
import { versionIds } from './versions.js';

/** Deletes a parameter's records in `tx`. */
export async function removeParameter(tx: StoreOps, scope: Scope, record: ParameterRecord): Promise<void> {
  for (const id of await versionIds(tx, scope, record.Name)) await tx.delete(scope, VERSION_KIND, id);
  if (record.ExpiresAt !== undefined) await tx.delete(scope, EXPIRY_KIND, expiryId({ Name: record.Name, ExpiresAt: record.ExpiresAt }));
  await tx.delete(scope, PARAMETER_KIND, record.Name);
}

/** Deletes `name`; false when it does not exist. */
async function deleteOne(ops: StoreOps, scope: Scope, name: string): Promise<boolean> {
  if (!isReadableName(name)) return false;
  const stored = await ops.get<ParameterRecord>(scope, PARAMETER_KIND, name);
  if (!stored) return false;
  await removeParameter(ops, scope, stored.value);
  return true;
}

export const deleteParameter: OperationHandler = async (ctx, input) => {
  const scope = ssmScope(ctx);
  const name = input.Name as string;
  const deleted = await ctx.store.transaction((tx) => deleteOne(tx, scope, name));
  if (!deleted) throw parameterNotFound();
  return {};
};

export const deleteParameters: OperationHandler = async (ctx, input) => {
  const scope = ssmScope(ctx);
  const names = [...new Set((input.Names as unknown[]).filter((n): n is string => typeof n === 'string'))];
  // The transaction may run more than once (PostgreSQL retries): its outcome is what it returns.
  return ctx.store.transaction(async (tx) => {
    const DeletedParameters: string[] = [];
    const InvalidParameters: string[] = [];
    for (const name of names) (await deleteOne(tx, scope, name) ? DeletedParameters : InvalidParameters).push(name);
    return { DeletedParameters, InvalidParameters };
  });
};
