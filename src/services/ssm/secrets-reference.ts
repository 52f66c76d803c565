/**
 * `/aws/reference/secretsmanager/<secret id>` in GetParameter(s): the current value of a
 * Secrets Manager secret, as Parameter Store references it (WithDecryption is required).
 */
import { AwsError } from '../../core/aws-error.js';
import type { RequestContext } from '../types.js';
import { validation } from './common.js';

/** The Parameter a secret reference answers with. */
export async function secretsReference(_ctx: RequestContext, name: string, withDecryption: boolean): Promise<Record<string, unknown>> {
  if (!withDecryption) throw validation('WithDecryption flag must be True for retrieving a Secret Manager secret.');
  throw new AwsError('NotImplemented', `Bulwark does not implement Parameter Store references to Secrets Manager secrets (${name}) yet: Secrets Manager is not available in this build.`, { status: 501 });
}
