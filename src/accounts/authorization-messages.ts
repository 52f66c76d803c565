/**
 * Encoded authorization-failure messages (what some AWS services, e.g. EC2, return with an
 * AccessDenied, and sts:DecodeAuthorizationMessage turns back into JSON). Bulwark encrypts
 * them with AES-256-GCM under a key made once per process: a message decodes only on the
 * process that encoded it (a restart, or another node sharing the store, cannot read it).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const KEY = randomBytes(32);
const VERSION = 'BWK1';

/** The decoded form AWS documents (DecodeAuthorizationMessage's DecodedMessage, as JSON). */
export interface AuthorizationFailure {
  allowed: boolean;
  explicitDeny: boolean;
  principal: { id: string; arn: string };
  action: string;
  resource: string;
  /** Condition keys of the request and their values. */
  conditions?: Record<string, string | string[]>;
  /** Statements that matched (e.g. the explicit Deny), as AWS lists them. */
  matchedStatements?: Array<{ statementId?: string; effect: 'Allow' | 'Deny'; policyId?: string }>;
}

/** AWS's DecodedMessage JSON for a failure. */
export function decodedMessageJson(f: AuthorizationFailure): string {
  const items = Object.entries(f.conditions ?? {}).map(([key, v]) => ({
    key,
    values: { items: (Array.isArray(v) ? v : [v]).map((value) => ({ value })) },
  }));
  return JSON.stringify({
    allowed: f.allowed,
    explicitDeny: f.explicitDeny,
    matchedStatements: { items: f.matchedStatements ?? [] },
    failures: { items: [] },
    context: { principal: f.principal, action: f.action, resource: f.resource, conditions: { items } },
  });
}

/** The opaque message a service puts after "Encoded authorization failure message: ". */
export function encodeAuthorizationMessage(f: AuthorizationFailure | string): string {
  const text = typeof f === 'string' ? f : decodedMessageJson(f);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  cipher.setAAD(Buffer.from(VERSION));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The DecodedMessage JSON, or undefined when the message was not encoded here (or was altered). */
export function decodeAuthorizationMessage(encoded: string): string | undefined {
  if (!encoded.startsWith(VERSION)) return undefined;
  const raw = Buffer.from(encoded.slice(VERSION.length), 'base64url');
  if (raw.length < 28) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', KEY, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
