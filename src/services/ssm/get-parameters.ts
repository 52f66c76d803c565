/**
 * GetParameter and GetParameters: a parameter by name or ARN, optionally with a selector
 * (`name:3` a version, `name:prod` a label). A SecureString's value is decrypted only with
 * WithDecryption (and the caller's kms:Decrypt); otherwise the encrypted value is returned, as
 * AWS does. GetParameters takes up to 10 names and lists the ones it cannot find in
 * InvalidParameters, as given. `/aws/reference/secretsmanager/<secret>` reads a Secrets Manager
 * secret (secrets-reference.ts).
 *
 * This is the hot path: one cached record read (parameter-cache.ts, shared with the
 * authorizer), outputs built as explicit objects.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { parameterArn, parameterNotFound, ssmScope, type ParameterVersion } from './common.js';
import { parseReference } from './names.js';
import { parameterOutput, valueOf } from './outputs.js';
import { findCached } from './parameter-cache.js';
import { isSecretsReference } from './reference-names.js';
import { secretsReference } from './secrets-reference.js';
import { selectVersion } from './versions.js';

interface Found {
  version: ParameterVersion;
  arn: string;
  selector?: string;
}

/** The version `given` names; undefined when the parameter does not exist (ParameterVersionNotFound for a selector that names nothing). */
async function readParameter(ctx: RequestContext, given: string): Promise<Found | undefined> {
  const scope = ssmScope(ctx);
  const ref = parseReference(scope, given, true);
  if (!ref) return undefined;
  const cached = await findCached(ctx.store, scope, ref.names);
  if (!cached) return undefined;
  const record = cached.record;
  const version = await selectVersion(ctx.store, scope, record, ref.selector);
  const found: Found = { version, arn: parameterArn(scope, record.Name) };
  if (ref.selector !== undefined) found.selector = `:${ref.selector.text}`;
  return found;
}

async function output(ctx: RequestContext, found: Found, withDecryption: boolean): Promise<Record<string, unknown>> {
  return parameterOutput(found.version, found.arn, await valueOf(ctx, found.version, found.arn, withDecryption), found.selector);
}

export const getParameter: OperationHandler = async (ctx, input) => {
  const name = input.Name as string;
  const withDecryption = input.WithDecryption === true;
  if (isSecretsReference(name)) return { Parameter: await secretsReference(ctx, name, withDecryption) };
  const found = await readParameter(ctx, name);
  if (!found) throw parameterNotFound();
  return { Parameter: await output(ctx, found, withDecryption) };
};

export const getParameters: OperationHandler = async (ctx, input) => {
  const withDecryption = input.WithDecryption === true;
  const Parameters: Record<string, unknown>[] = [];
  const InvalidParameters: string[] = [];
  const seen = new Set<string>();
  for (const name of input.Names as unknown[]) {
    if (typeof name !== 'string' || seen.has(name)) continue;
    seen.add(name);
    try {
      if (isSecretsReference(name)) {
        Parameters.push(await secretsReference(ctx, name, withDecryption));
        continue;
      }
      const found = await readParameter(ctx, name);
      if (found) Parameters.push(await output(ctx, found, withDecryption));
      else InvalidParameters.push(name);
    } catch (err) {
      if (err instanceof AwsError && (err.code === 'ParameterVersionNotFound' || err.code === 'ParameterNotFound')) InvalidParameters.push(name);
      else throw err;
    }
  }
  return { Parameters, InvalidParameters };
};
