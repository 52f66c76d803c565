/**
 * The one check every policy document passes before IAM stores it: it parses as JSON, fits
 * IAM's size quota for its kind (characters, whitespace not counted), and passes the policy
 * engine's grammar validation (MalformedPolicyDocument with IAM's messages).
 */
import { compilePolicy, PolicyValidationError } from '../../iam/policy/index.js';
import { limitExceeded, malformedPolicy } from './common.js';

export type PolicyDocumentKind = 'managed' | 'user' | 'group' | 'role' | 'trust';

/** IAM's quotas, in characters excluding whitespace. */
export const POLICY_SIZE_LIMITS: Record<PolicyDocumentKind, number> = {
  managed: 6144,
  user: 2048,
  group: 5120,
  role: 10240,
  trust: 2048,
};

/** A document's size as IAM counts it: characters other than whitespace. */
export function policySize(text: string): number {
  return text.replace(/\s/g, '').length;
}

export interface PolicyDocumentContext {
  /** Inline policies: the entity they are embedded in (for the message). */
  entityName?: string;
  /** Inline policies: the size of the entity's other inline policies (the quota is per entity). */
  otherSize?: number;
}

/** Throws MalformedPolicyDocument or LimitExceeded with AWS's messages, else returns. */
export function validatePolicyDocument(text: string, kind: PolicyDocumentKind, context: PolicyDocumentContext = {}): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformedPolicy('Syntax errors in policy.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformedPolicy('Syntax errors in policy.');
  const limit = POLICY_SIZE_LIMITS[kind];
  const size = policySize(text) + (context.otherSize ?? 0);
  if (size <= limit) return checkGrammar(parsed, kind);
  switch (kind) {
    case 'managed':
      throw limitExceeded(`Cannot exceed quota for PolicySize: ${limit}`);
    case 'trust':
      throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${limit}`);
    default:
      throw limitExceeded(`Maximum policy size of ${limit} bytes exceeded for ${kind} ${context.entityName ?? ''}`);
  }
}

/** Documents leave IAM URL-encoded, as AWS returns them (boto3 and the CLI decode them). */
export function encodeDocument(text: string): string {
  return encodeURIComponent(text);
}

/** The policy engine's grammar rules for identity and trust policies. */
function checkGrammar(parsed: object, kind: PolicyDocumentKind): void {
  try {
    compilePolicy(parsed, kind === 'trust' ? 'trust' : 'identity');
  } catch (err) {
    if (err instanceof PolicyValidationError) throw malformedPolicy(err.message);
    throw err;
  }
}
