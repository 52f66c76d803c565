/**
 * Finding the secret a SecretId names, as AWS resolves it:
 *
 *   name            the secret of that name in the caller's account and Region
 *   full ARN        `…:secret:<name>-<6 characters>` — the secret of that name whose ARN is
 *                   exactly this one (a secret deleted and created again has another suffix)
 *   partial ARN     `…:secret:<name>` — the secret of that name (AWS's "Finding a secret from a
 *                   partial ARN"); a name that itself ends in `-` and six characters is tried
 *                   both ways, the full-ARN reading first
 *
 * An ARN names its account (cross-account access, decided by the resource policy); a Region
 * other than the caller's names nothing here (Secrets Manager is regional).
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { isReplica, SECRET_ARN, SECRET_KIND, type FoundSecret, type SecretRecord } from './common.js';
import { markedForDeletion, replicaReadOnly, secretNotFound } from './errors.js';
import { storable } from './names.js';

interface Candidate {
  scope: Scope;
  name: string;
  /** The exact ARN the record must have. */
  arn?: string;
}

const SUFFIX = /-[A-Za-z0-9]{6}$/;

/** The records a SecretId may name, in the order AWS tries them. */
export function candidates(ctx: Pick<RequestContext, 'account' | 'region'>, secretId: string): Candidate[] {
  const m = SECRET_ARN.exec(secretId);
  if (!m) return secretId.startsWith('arn:') ? [] : [{ scope: { account: ctx.account, region: ctx.region }, name: secretId }];
  const region = m[1] as string;
  if (region !== ctx.region) return [];
  const scope = { account: m[2] as string, region };
  const rest = m[3] as string;
  const out: Candidate[] = [];
  if (SUFFIX.test(rest)) out.push({ scope, name: rest.slice(0, -7), arn: secretId });
  out.push({ scope, name: rest });
  return out;
}

/** The secret a SecretId names, or undefined. */
export async function findSecret(ops: StoreOps, ctx: Pick<RequestContext, 'account' | 'region'>, secretId: string): Promise<FoundSecret | undefined> {
  for (const c of candidates(ctx, secretId)) {
    if (c.name === '' || !storable(c.name)) continue;
    const stored = await ops.get<SecretRecord>(c.scope, SECRET_KIND, c.name);
    if (stored && (c.arn === undefined || stored.value.ARN === c.arn)) return { scope: c.scope, record: stored.value };
  }
  return undefined;
}

/** The secret a SecretId names; ResourceNotFoundException when there is none. */
export async function requireSecret(ops: StoreOps, ctx: Pick<RequestContext, 'account' | 'region'>, secretId: string): Promise<FoundSecret> {
  const found = await findSecret(ops, ctx, secretId);
  if (!found) throw secretNotFound();
  return found;
}

/** The same secret read again inside a transaction (by its scope and name); gone or re-created → ResourceNotFoundException. */
export async function reread(tx: StoreOps, found: FoundSecret): Promise<FoundSecret> {
  const stored = await tx.get<SecretRecord>(found.scope, SECRET_KIND, found.record.Name);
  if (!stored || stored.value.ARN !== found.record.ARN) throw secretNotFound();
  return { scope: found.scope, record: stored.value };
}

/** Writes are refused on a secret marked for deletion and on a replica (its primary's Region writes). */
export function requireWritable(found: FoundSecret): void {
  if (found.record.DeletedDate) throw markedForDeletion();
  if (isReplica(found.record, found.scope)) throw replicaReadOnly();
}

export const saveSecret = (ops: StoreOps, found: FoundSecret): Promise<number> => ops.put(found.scope, SECRET_KIND, found.record.Name, found.record);
