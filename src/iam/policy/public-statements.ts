/**
 * Whether a resource policy grants public access, as S3 reads it (and Secrets Manager, and
 * GuardDuty's detectors for buckets, keys and trust policies): an Allow statement whose
 * principal is everyone (`*`, a wildcard, or NotPrincipal) and whose condition does not limit
 * the caller to fixed values of the keys that name a network, an organization, an account or
 * an identity.
 */
/** Keys whose fixed values make an Allow statement non-public (lower-cased): S3's list. */
const LIMITING_KEYS = new Set([
  'aws:sourceip',
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalserviceName'.toLowerCase(),
  'aws:userid',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointaccount',
  's3:dataaccesspointarn',
]);

/** Operators that limit to the listed values (negated and existence operators do not). */
const LIMITING_OPERATOR = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)(IfExists)?$/i;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

function isOpenCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash === -1) return false;
  return Number(value.slice(slash + 1)) === 0;
}

/** A condition block limits the statement to fixed callers. */
function conditionLimits(condition: unknown, moreKeys: ReadonlySet<string>): boolean {
  if (!condition || typeof condition !== 'object') return false;
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (!LIMITING_OPERATOR.test(operator) || !block || typeof block !== 'object') continue;
    if (/IfExists$/i.test(operator)) continue; // an absent key passes the condition
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const k = key.toLowerCase();
      if (!LIMITING_KEYS.has(k) && !moreKeys.has(k)) continue;
      const values = list(raw).map(String);
      if (values.length === 0) continue;
      if (k === 'aws:sourceip') {
        if (values.every((v) => !isOpenCidr(v))) return true;
        continue;
      }
      if (values.some((v) => v.includes('*') || v.includes('?') || v === '')) continue;
      if (k === 'aws:userid' && values.some((v) => /^[^:]*:\*$/.test(v))) continue;
      return true;
    }
  }
  return false;
}

/** A Principal element naming everyone (`*`, `{"AWS": "*"}`, a wildcard among a list). */
function principalIsPublic(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  return Object.values(principal as Record<string, unknown>).some((v) => list(v).some((x) => typeof x === 'string' && x.includes('*')));
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * Whether one parsed statement grants public access; `moreLimitingKeys` (lower-cased) are
 * further condition keys that limit the caller for this kind of resource (a KMS key's
 * `kms:calleraccount`).
 */
export function statementIsPublic(statement: Record<string, unknown>, moreLimitingKeys: ReadonlySet<string> = NO_KEYS): boolean {
  if (statement.Effect !== 'Allow') return false;
  const publicPrincipal = statement.NotPrincipal !== undefined || principalIsPublic(statement.Principal);
  return publicPrincipal && !conditionLimits(statement.Condition, moreLimitingKeys);
}

/** The policy (JSON text or parsed) grants public access. */
export function isPublicPolicy(policy: string | Record<string, unknown> | undefined): boolean {
  if (policy === undefined) return false;
  let doc: unknown;
  try {
    doc = typeof policy === 'string' ? JSON.parse(policy) : policy;
  } catch {
    return false;
  }
  const statements = (doc as { Statement?: unknown })?.Statement;
  return list(statements).some((s) => !!s && typeof s === 'object' && statementIsPublic(s as Record<string, unknown>));
}
