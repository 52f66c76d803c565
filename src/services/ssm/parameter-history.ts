/**
 * GetParameterHistory: every retained version of a parameter, oldest first, each with the
 * metadata it was written with, its labels and its value (a SecureString decrypted only with
 * WithDecryption and the caller's kms:Decrypt), MaxResults ≤ 50 (default 50), NextToken.
 */
import type { OperationHandler } from '../types.js';
import { invalidNextToken, labelsOf, PARAMETER_KIND, parameterArn, parameterNotFound, ssmScope, type ParameterRecord } from './common.js';
import { parseReference } from './names.js';
import { historyOutput, valueOf } from './outputs.js';
import { listVersions } from './versions.js';

const DEFAULT_MAX_RESULTS = 50;
const TOKEN = /^v([0-9]{1,15})$/;

export const getParameterHistory: OperationHandler = async (ctx, input) => {
  const scope = ssmScope(ctx);
  const ref = parseReference(scope, input.Name as string, false);
  let record: ParameterRecord | undefined;
  for (const name of ref?.names ?? []) {
    record = (await ctx.store.get<ParameterRecord>(scope, PARAMETER_KIND, name))?.value;
    if (record) break;
  }
  if (!record) throw parameterNotFound();
  let after: number | undefined;
  if (input.NextToken !== undefined) {
    const m = TOKEN.exec(String(input.NextToken));
    if (!m) throw invalidNextToken();
    after = Number(m[1]);
  }
  const limit = typeof input.MaxResults === 'number' ? input.MaxResults : DEFAULT_MAX_RESULTS;
  const { versions, more } = await listVersions(ctx.store, scope, record.Name, { after, limit });
  const arn = parameterArn(scope, record.Name);
  const withDecryption = input.WithDecryption === true;
  const Parameters: Record<string, unknown>[] = [];
  for (const v of versions) Parameters.push(historyOutput(v, await valueOf(ctx, v, arn, withDecryption), labelsOf(record, v.Version)));
  const out: Record<string, unknown> = { Parameters };
  if (more && versions.length > 0) out.NextToken = `v${versions[versions.length - 1]!.Version}`;
  return out;
};
