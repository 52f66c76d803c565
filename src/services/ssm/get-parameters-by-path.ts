/**
 * GetParametersByPath: the parameters one level below a path (`/a` → `/a/b`), or every level
 * with Recursive, with values (SecureStrings decrypted with WithDecryption and the caller's
 * kms:Decrypt), ParameterFilters Type, KeyId and Label, MaxResults ≤ 10 (default 10) and
 * NextToken. With a Label filter, the version carrying one of the labels is returned;
 * parameters without such a version are left out.
 *
 * Authorization is on the path, not on each parameter, as in AWS: a caller allowed the path
 * `/a` reads everything below it.
 */
import type { OperationHandler, RequestContext } from '../types.js';
import { parameterArn, ssmScope, type ParameterRecord, type ParameterVersion } from './common.js';
import { parseStringFilters } from './filters.js';
import { scanParameters } from './listing.js';
import { isUnder, normalizePath } from './names.js';
import { parameterOutput, valueOf } from './outputs.js';
import { selectVersion } from './versions.js';

const DEFAULT_MAX_RESULTS = 10;

/** The version a Label filter picks (undefined: the parameter has none of the labels). */
async function labeledVersion(ctx: RequestContext, record: ParameterRecord, labels: readonly string[]): Promise<ParameterVersion | undefined> {
  const entry = record.Labels.find((l) => labels.includes(l.Label));
  if (!entry) return undefined;
  return selectVersion(ctx.store, ssmScope(ctx), record, { version: entry.Version, text: String(entry.Version) });
}

export const getParametersByPath: OperationHandler = async (ctx, input) => {
  const path = normalizePath(input.Path as string);
  const recursive = input.Recursive === true;
  const withDecryption = input.WithDecryption === true;
  const filters = parseStringFilters('GetParametersByPath', input.ParameterFilters);
  const labels = filters.labels;
  if (labels) filters.predicates.push((r) => r.Labels.some((l) => labels.includes(l.Label)));
  filters.predicates.push((r) => isUnder(r.Name, path, recursive));
  const scope = ssmScope(ctx);
  const page = await scanParameters(ctx.store, scope, {
    prefix: path === '/' ? '/' : `${path}/`,
    predicates: filters.predicates,
    limit: typeof input.MaxResults === 'number' ? input.MaxResults : DEFAULT_MAX_RESULTS,
    token: input.NextToken,
  });
  const Parameters: Record<string, unknown>[] = [];
  for (const record of page.records) {
    const version = labels ? await labeledVersion(ctx, record, labels) : record;
    if (!version) continue;
    const arn = parameterArn(scope, record.Name);
    Parameters.push(parameterOutput(version, arn, await valueOf(ctx, version, arn, withDecryption)));
  }
  const out: Record<string, unknown> = { Parameters };
  if (page.NextToken !== undefined) out.NextToken = page.NextToken;
  return out;
};
