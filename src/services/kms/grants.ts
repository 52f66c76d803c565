/**
 * KMS grants: CreateGrant, ListGrants, ListRetirableGrants, RetireGrant and RevokeGrant, the
 * grant-token format, and `grantAllows` — the question the authorizer asks ("does a grant on
 * this key let this principal do this operation with this encryption context?").
 *
 * Store: kind GRANT_KIND, id `<key id>/<grant id>`, in the key's scope.
 *
 * Grant tokens are opaque to clients: base64url of a small JSON array naming the key's scope,
 * the key id, the grant id and a per-request nonce (AWS returns a new token on every
 * CreateGrant, even an idempotent repeat). Bulwark has no propagation delay, so a token is
 * only needed to identify a grant for RetireGrant; tokens passed in GrantTokens are checked
 * for form (InvalidGrantTokenException) and otherwise ignored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import {
  dryRunSucceeded,
  findKey,
  GRANT_KIND,
  keyArn,
  kmsScope,
  limitExceeded,
  notFound,
  nowIso,
  paginate,
  requireNotPendingDeletion,
  validation,
  type GrantConstraints,
  type GrantRecord,
  type KeyRecord,
} from './common.js';

/** AWS's per-key grant quota. */
export const MAX_GRANTS_PER_KEY = 50_000;

const GRANT_ID = /^[0-9a-f]{64}$/;

// --- grant tokens ----------------------------------------------------------------------------

interface TokenParts {
  scope: Scope;
  keyId: string;
  grantId: string;
}

function makeToken(scope: Scope, keyId: string, grantId: string): string {
  return Buffer.from(JSON.stringify([1, scope.account, scope.region, keyId, grantId, randomBytes(12).toString('hex')])).toString('base64url');
}

export function parseGrantToken(token: string): TokenParts | undefined {
  try {
    const parts: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Array.isArray(parts) || parts.length !== 6 || parts[0] !== 1 || !parts.slice(1).every((p) => typeof p === 'string')) return undefined;
    const [, account, region, keyId, grantId] = parts as [number, string, string, string, string];
    if (!/^\d{12}$/.test(account) || !GRANT_ID.test(grantId) || keyId === '') return undefined;
    return { scope: { account, region }, keyId, grantId };
  } catch {
    return undefined;
  }
}

const invalidGrantToken = (): AwsError => new AwsError('InvalidGrantTokenException', 'The grant token is not valid.', { status: 400 }); // Unconfirmed wording

/** GrantTokens on any operation: at most 10 (the model enforces it), each one of ours. */
export function checkGrantTokens(tokens: unknown): void {
  if (!Array.isArray(tokens)) return;
  if (tokens.length > 10) throw validation("1 validation error detected: Value at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10");
  for (const token of tokens) if (typeof token !== 'string' || !parseGrantToken(token)) throw invalidGrantToken();
}

// --- which operations a grant may hold -------------------------------------------------------

/** The grant operations that take an encryption context (the only ones a constraint applies to). */
const CONTEXT_OPERATIONS = new Set([
  'Encrypt',
  'Decrypt',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
]);

const ANY_KEY = ['DescribeKey', 'CreateGrant', 'RetireGrant'];

/** Grant operations that suit a key, per "Grant operations" in the KMS developer guide. */
function operationsFor(record: KeyRecord): Set<string> {
  switch (record.KeyUsage) {
    case 'ENCRYPT_DECRYPT':
      return record.KeySpec === 'SYMMETRIC_DEFAULT'
        ? new Set([...ANY_KEY, ...CONTEXT_OPERATIONS])
        : new Set([...ANY_KEY, 'Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey']);
    case 'SIGN_VERIFY':
      return new Set([...ANY_KEY, 'Sign', 'Verify', 'GetPublicKey']);
    case 'GENERATE_VERIFY_MAC':
      return new Set([...ANY_KEY, 'GenerateMac', 'VerifyMac']);
    case 'KEY_AGREEMENT':
      return new Set([...ANY_KEY, 'DeriveSharedSecret', 'GetPublicKey']);
    default:
      return new Set(ANY_KEY);
  }
}

// --- principals ------------------------------------------------------------------------------

const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(iam|sts)::\d{12}:.+$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
const SESSION_ARN = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

function checkPrincipal(value: string, member: string): void {
  if (!PRINCIPAL_ARN.test(value) && !SERVICE_PRINCIPAL.test(value)) {
    // Unconfirmed wording.
    throw new AwsError('InvalidArnException', `${member} ${value} is not a valid principal ARN or service principal.`, { status: 400 });
  }
}

/**
 * Whether the caller is the principal a grant names: the exact ARN, or an assumed-role session
 * of the named role (`arn:aws:sts::acct:assumed-role/Role/session` ↔ `arn:aws:iam::acct:role[/path]/Role`).
 */
export function principalMatches(grantPrincipal: string | undefined, callerArn: string): boolean {
  if (!grantPrincipal) return false;
  if (grantPrincipal === callerArn) return true;
  const session = SESSION_ARN.exec(callerArn);
  const role = ROLE_ARN.exec(grantPrincipal);
  return !!session && !!role && session[1] === role[1] && session[2] === role[2] && session[3] === role[3];
}

// --- constraints -----------------------------------------------------------------------------

function nonEmpty(map: unknown): Record<string, string> | undefined {
  return map && typeof map === 'object' && Object.keys(map).length > 0 ? (map as Record<string, string>) : undefined;
}

/**
 * AWS: in a grant constraint the context *keys* are compared case-insensitively and the
 * values case-sensitively ("Using grant constraints", KMS developer guide).
 */
function lowerKeys(map: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
}

export function constraintHolds(constraints: GrantConstraints | undefined, context: Record<string, string> | undefined): boolean {
  const equals = nonEmpty(constraints?.EncryptionContextEquals);
  const subset = nonEmpty(constraints?.EncryptionContextSubset);
  const request = lowerKeys(context ?? {});
  if (equals) {
    const wanted = lowerKeys(equals);
    if (wanted.size !== request.size) return false;
    for (const [k, v] of wanted) if (request.get(k) !== v) return false;
  }
  if (subset) {
    for (const [k, v] of lowerKeys(subset)) if (request.get(k) !== v) return false;
  }
  return true;
}

/**
 * True when some grant on the key names the caller as grantee (exact ARN, or an assumed-role
 * session of the granted role), includes `operation` (grant operation names: GenerateDataKey*
 * and ReEncryptFrom/ReEncryptTo are separate) and — for operations that take an encryption
 * context — whose constraint holds for `encryptionContext`.
 */
export async function grantAllows(
  store: StoreOps,
  keyScope: Scope,
  keyId: string,
  principalArn: string,
  operation: string,
  encryptionContext: Record<string, string> | undefined,
): Promise<boolean> {
  const grants = await keyGrants(store, keyScope, keyId);
  return grants.some(
    (g) =>
      g.Operations.includes(operation) &&
      principalMatches(g.GranteePrincipal, principalArn) &&
      (!CONTEXT_OPERATIONS.has(operation) || constraintHolds(g.Constraints, encryptionContext)),
  );
}

async function keyGrants(store: StoreOps, scope: Scope, keyId: string): Promise<GrantRecord[]> {
  const page = await store.list<GrantRecord>(scope, GRANT_KIND, { prefix: `${keyId}/` });
  return page.items.map((i) => i.value);
}

// --- operations ------------------------------------------------------------------------------

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function checkConstraints(record: KeyRecord, input: OperationInput): GrantConstraints | undefined {
  const raw = input.Constraints as GrantConstraints | undefined;
  const equals = nonEmpty(raw?.EncryptionContextEquals);
  const subset = nonEmpty(raw?.EncryptionContextSubset);
  if (!equals && !subset) return undefined;
  if (equals && subset) {
    // Unconfirmed wording: a grant carries one kind of encryption context constraint.
    throw validation('Specify only one of EncryptionContextEquals and EncryptionContextSubset in grant constraints.');
  }
  if (record.KeySpec !== 'SYMMETRIC_DEFAULT') {
    // AWS: encryption context constraints cannot be used with asymmetric or HMAC KMS keys. Unconfirmed wording.
    throw validation(`Grant constraints are not supported for KMS keys with key spec ${record.KeySpec}: its operations do not take an encryption context.`);
  }
  for (const map of [equals, subset]) {
    if (!map) continue;
    if (Object.keys(map).length > 8) throw validation('A grant constraint can include at most 8 encryption context pairs.'); // Unconfirmed wording
    for (const [k, v] of Object.entries(map)) {
      if (k.length + v.length > 384) throw validation('Each encryption context pair in a grant constraint must not exceed 384 characters.'); // Unconfirmed wording
    }
  }
  return equals ? { EncryptionContextEquals: { ...equals } } : { EncryptionContextSubset: { ...subset } };
}

export const createGrant: OperationHandler = async (ctx, input) => {
  checkGrantTokens(input.GrantTokens);
  const found = await findKey(ctx.store, ctx, input.KeyId as string, { allowAlias: false });
  const { record, scope } = found;
  requireNotPendingDeletion(record);
  const grantee = input.GranteePrincipal as string;
  checkPrincipal(grantee, 'GranteePrincipal');
  const retiring = input.RetiringPrincipal as string | undefined;
  if (retiring !== undefined) checkPrincipal(retiring, 'RetiringPrincipal');
  const operations = [...new Set(input.Operations as string[])];
  if (operations.length === 0) throw validation('Operations must include at least one grant operation.'); // Unconfirmed wording
  const allowed = operationsFor(record);
  const unsuitable = operations.filter((op) => !allowed.has(op));
  if (unsuitable.length > 0) {
    // Unconfirmed wording: AWS refuses grant operations the key cannot perform.
    throw validation(`Grant operations ${unsuitable.join(', ')} are not valid for a KMS key with key usage ${record.KeyUsage} and key spec ${record.KeySpec}.`);
  }
  const constraints = checkConstraints(record, input);
  const name = input.Name as string | undefined;
  if (input.DryRun === true) throw dryRunSucceeded();
  const fingerprint = createHash('sha256')
    .update(canonical({ k: record.KeyId, g: grantee, r: retiring, o: [...operations].sort(), c: constraints, n: name }))
    .digest('hex');
  return ctx.store.transaction(async (tx) => {
    const existing = await keyGrants(tx, scope, record.KeyId);
    // Only a named grant is idempotent (CreateGrant's Name parameter); each call returns a fresh token.
    const same = name !== undefined ? existing.find((g) => g.Fingerprint === fingerprint) : undefined;
    if (same) return { GrantId: same.GrantId, GrantToken: makeToken(scope, record.KeyId, same.GrantId) };
    if (existing.length >= MAX_GRANTS_PER_KEY) {
      // Unconfirmed wording.
      throw limitExceeded(`The number of grants on ${record.Arn} has reached the limit of ${MAX_GRANTS_PER_KEY}.`);
    }
    const grantId = createHash('sha256').update(randomBytes(32)).digest('hex');
    const token = makeToken(scope, record.KeyId, grantId);
    const grant: GrantRecord = {
      GrantId: grantId,
      KeyId: record.KeyId,
      KeyArn: record.Arn,
      CreationDate: nowIso(),
      GranteePrincipal: grantee,
      IssuingAccount: `arn:aws:iam::${scope.account}:root`,
      Operations: operations,
      GrantToken: token,
      Fingerprint: fingerprint,
    };
    if (name !== undefined) grant.Name = name;
    if (retiring !== undefined) grant.RetiringPrincipal = retiring;
    if (constraints) grant.Constraints = constraints;
    await tx.put(scope, GRANT_KIND, `${record.KeyId}/${grantId}`, grant);
    return { GrantId: grantId, GrantToken: token };
  });
};

function listEntry(g: GrantRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    KeyId: g.KeyArn,
    GrantId: g.GrantId,
    CreationDate: g.CreationDate,
    GranteePrincipal: g.GranteePrincipal,
    IssuingAccount: g.IssuingAccount,
    Operations: [...g.Operations],
  };
  if (g.Name !== undefined) out.Name = g.Name;
  if (g.RetiringPrincipal !== undefined) out.RetiringPrincipal = g.RetiringPrincipal;
  if (g.Constraints) out.Constraints = g.Constraints;
  return out;
}

function listOutput(grants: GrantRecord[], input: OperationInput): Record<string, unknown> {
  const { page, NextMarker, Truncated } = paginate(grants, (g) => g.GrantId, input, 50);
  const out: Record<string, unknown> = { Grants: page.map(listEntry), Truncated };
  if (NextMarker) out.NextMarker = NextMarker;
  return out;
}

export const listGrants: OperationHandler = async (ctx, input) => {
  const { record, scope } = await findKey(ctx.store, ctx, input.KeyId as string, { allowAlias: false });
  let grants = await keyGrants(ctx.store, scope, record.KeyId);
  if (typeof input.GrantId === 'string') grants = grants.filter((g) => g.GrantId === input.GrantId);
  if (typeof input.GranteePrincipal === 'string') grants = grants.filter((g) => g.GranteePrincipal === input.GranteePrincipal);
  return listOutput(grants, input);
};

export const listRetirableGrants: OperationHandler = async (ctx, input) => {
  const retiring = input.RetiringPrincipal as string;
  checkPrincipal(retiring, 'RetiringPrincipal');
  const page = await ctx.store.list<GrantRecord>(kmsScope(ctx), GRANT_KIND);
  return listOutput(
    page.items.map((i) => i.value).filter((g) => g.RetiringPrincipal === retiring),
    input,
  );
};

const grantNotFound = (grantId: string): AwsError => notFound(`Grant ID ${grantId} not found`); // Unconfirmed wording

function checkGrantId(grantId: string): void {
  // Unconfirmed wording.
  if (!GRANT_ID.test(grantId)) throw new AwsError('InvalidGrantIdException', `Invalid grant ID ${grantId}`, { status: 400 });
}

/** Who may retire: the retiring principal, the grantee when the grant has RetireGrant, the key account's root. */
function mayRetire(ctx: RequestContext, grant: GrantRecord, keyAccount: string): boolean {
  const caller = ctx.principal;
  if (caller.type === 'Root' && caller.account === keyAccount) return true;
  if (principalMatches(grant.RetiringPrincipal, caller.arn)) return true;
  return grant.Operations.includes('RetireGrant') && principalMatches(grant.GranteePrincipal, caller.arn);
}

export const retireGrant: OperationHandler = async (ctx, input) => {
  let scope: Scope;
  let keyId: string;
  let grantId: string;
  if (typeof input.GrantToken === 'string') {
    const parts = parseGrantToken(input.GrantToken);
    if (!parts) throw invalidGrantToken();
    ({ scope, keyId, grantId } = parts);
  } else if (typeof input.KeyId === 'string' && typeof input.GrantId === 'string') {
    checkGrantId(input.GrantId);
    const found = await findKey(ctx.store, ctx, input.KeyId, { allowAlias: false });
    scope = found.scope;
    keyId = found.record.KeyId;
    grantId = input.GrantId;
  } else {
    // Unconfirmed wording.
    throw validation('Specify either GrantToken, or both KeyId and GrantId.');
  }
  const stored = await ctx.store.get<GrantRecord>(scope, GRANT_KIND, `${keyId}/${grantId}`);
  if (!stored) throw grantNotFound(grantId);
  if (!mayRetire(ctx, stored.value, scope.account)) {
    // Unconfirmed wording (AWS's usual AccessDenied form).
    throw new AwsError('AccessDeniedException', `User: ${ctx.principal.arn} is not authorized to perform: kms:RetireGrant on resource: ${keyArn(scope, keyId)}`, { status: 400 });
  }
  if (input.DryRun === true) throw dryRunSucceeded();
  await ctx.store.delete(scope, GRANT_KIND, `${keyId}/${grantId}`);
  return {};
};

export const revokeGrant: OperationHandler = async (ctx, input) => {
  const { record, scope } = await findKey(ctx.store, ctx, input.KeyId as string, { allowAlias: false });
  const grantId = input.GrantId as string;
  checkGrantId(grantId);
  const id = `${record.KeyId}/${grantId}`;
  if (!(await ctx.store.get(scope, GRANT_KIND, id))) throw grantNotFound(grantId);
  if (input.DryRun === true) throw dryRunSucceeded();
  await ctx.store.delete(scope, GRANT_KIND, id);
  return {};
};
