/**
 * Parameter policies (advanced tier): a JSON array of at most 10 policies, each
 * `{"Type", "Version": "1.0", "Attributes"}`:
 *
 *   Expiration              {"Timestamp": ISO 8601}      enforced: housekeeping deletes the
 *                                                        parameter once the time has passed
 *   ExpirationNotification  {"Before": n, "Unit": Days|Hours}   stored and shown
 *   NoChangeNotification    {"After": n, "Unit": Days|Hours}    stored and shown
 *
 * Each type at most once; a notification before expiration needs an Expiration policy. An
 * empty array removes the policies; a request without Policies keeps the current ones.
 */
import { AwsError } from '../../core/aws-error.js';
import type { StoredPolicy } from './common.js';

export const MAX_POLICIES = 10;
const UNITS = new Set(['Days', 'Hours']);

export interface ParsedPolicies {
  policies: StoredPolicy[];
  /** The Expiration policy's time (ISO), when there is one. */
  expiresAt?: string;
}

const attributeError = (message: string): AwsError => new AwsError('InvalidPolicyAttributeException', message);

export function parsePolicies(text: string): ParsedPolicies {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Unconfirmed wording.
    throw attributeError('The parameter policies are not valid JSON. Specify a JSON array of policies.');
  }
  if (!Array.isArray(parsed)) throw attributeError('The parameter policies must be a JSON array of policies.'); // Unconfirmed wording.
  if (parsed.length > MAX_POLICIES) {
    // Unconfirmed wording.
    throw new AwsError('PoliciesLimitExceededException', `You specified more than the maximum number of allowed policies for the parameter. The maximum is ${MAX_POLICIES}.`);
  }
  const seen = new Set<string>();
  const out: ParsedPolicies = { policies: [] };
  for (const item of parsed as unknown[]) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw attributeError('Each parameter policy must be a JSON object with Type, Version and Attributes.'); // Unconfirmed wording.
    const policy = item as Record<string, unknown>;
    const type = policy.Type;
    if (type !== 'Expiration' && type !== 'ExpirationNotification' && type !== 'NoChangeNotification') {
      throw new AwsError('InvalidPolicyTypeException', `The policy type ${typeof type === 'string' ? type : JSON.stringify(type)} is not supported. Parameter Store supports the following policy types: Expiration, ExpirationNotification, and NoChangeNotification.`);
    }
    if (seen.has(type)) {
      throw new AwsError('IncompatiblePolicyException', `There is a conflict in the policies specified for this parameter. You can't specify two ${type} policies for a parameter. Review your policies, and try again.`);
    }
    seen.add(type);
    if (policy.Version !== '1.0') throw attributeError(`The policy version of ${type} must be 1.0.`); // Unconfirmed wording.
    const attributes = policy.Attributes;
    if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) throw attributeError(`The ${type} policy needs Attributes.`); // Unconfirmed wording.
    const a = attributes as Record<string, unknown>;
    if (type === 'Expiration') out.expiresAt = expirationTime(a.Timestamp);
    else checkInterval(type, type === 'ExpirationNotification' ? 'Before' : 'After', a);
    out.policies.push({ PolicyText: JSON.stringify(policy), PolicyType: type, PolicyStatus: 'Pending' });
  }
  if (seen.has('ExpirationNotification') && !seen.has('Expiration')) {
    // Unconfirmed wording.
    throw new AwsError('IncompatiblePolicyException', 'There is a conflict in the policies specified for this parameter. An ExpirationNotification policy needs an Expiration policy. Review your policies, and try again.');
  }
  return out;
}

/** The Timestamp attribute as an ISO instant (any ISO 8601 date-time with a zone, or a date). */
function expirationTime(value: unknown): string {
  const ok = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value);
  const time = ok ? Date.parse(value) : NaN;
  if (!Number.isFinite(time)) throw attributeError(`The Expiration policy Timestamp ${JSON.stringify(value)} is not a valid ISO 8601 timestamp.`); // Unconfirmed wording.
  return new Date(time).toISOString();
}

function checkInterval(type: string, name: string, a: Record<string, unknown>): void {
  const amount = a[name];
  const n = typeof amount === 'string' && /^\d{1,9}$/.test(amount) ? Number(amount) : typeof amount === 'number' ? amount : NaN;
  if (!Number.isInteger(n) || n < 1) throw attributeError(`The ${type} policy attribute ${name} must be a positive whole number.`); // Unconfirmed wording.
  if (typeof a.Unit !== 'string' || !UNITS.has(a.Unit)) throw attributeError(`The ${type} policy attribute Unit must be Days or Hours.`); // Unconfirmed wording.
}
