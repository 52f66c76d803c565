/**
 * The Principal / NotPrincipal element. `{"AWS": …}` entries are accounts (id or root ARN),
 * users, roles, assumed-role sessions and federated users; an account entry covers every
 * principal of the account, a role entry every session of the role.
 */
import { splitArn, type ParsedPrincipal } from './arn-parts.js';
import { stringList } from './action.js';
import { fail } from './errors.js';

/** How a principal matched: exactly (or via `*`), through its role, or through its account. */
export type PrincipalMatch = 'direct' | 'role' | 'account';

export interface PrincipalMatcher {
  wildcard: boolean;
  accounts: Set<string>;
  /** `account/roleName` of role entries. */
  roles: Set<string>;
  /** Exact ARNs of users, sessions, federated users; service, federated and canonical ids. */
  exact: Set<string>;
}

const ACCOUNT_RE = /^\d{12}$/;
const KEYS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

function invalid(key: string, value: string): never {
  return fail(`Invalid principal in policy: "${key}":"${value}"`);
}

function addAws(m: PrincipalMatcher, v: string): void {
  if (v === '*') { m.wildcard = true; return; }
  if (ACCOUNT_RE.test(v)) { m.accounts.add(v); return; }
  const parts = splitArn(v);
  if (!parts || /[*?]/.test(v) || !ACCOUNT_RE.test(parts[4])) invalid('AWS', v);
  const [, , service, , account, res] = parts;
  if (service === 'iam' && res === 'root') m.accounts.add(account);
  else if (service === 'iam' && res.startsWith('role/')) m.roles.add(`${account}/${res.slice(res.lastIndexOf('/') + 1)}`);
  else if (service === 'iam' && res.startsWith('user/')) m.exact.add(v);
  else if (service === 'sts' && (res.startsWith('assumed-role/') || res.startsWith('federated-user/'))) m.exact.add(v);
  else invalid('AWS', v);
}

export function compilePrincipal(v: unknown, field: 'Principal' | 'NotPrincipal'): PrincipalMatcher {
  const m: PrincipalMatcher = { wildcard: false, accounts: new Set(), roles: new Set(), exact: new Set() };
  if (v === '*') { m.wildcard = true; return m; }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(`Invalid principal in policy: ${field} must be "*" or an object`);
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) fail('Invalid principal in policy');
  for (const [key, raw] of entries) {
    if (!KEYS.has(key)) fail(`Invalid principal in policy: unknown principal type "${key}"`);
    const list = stringList(raw, field);
    for (const s of list) {
      if (key === 'AWS') addAws(m, s);
      else if (s === '' || (s === '*' && key !== 'CanonicalUser')) invalid(key, s);
      else if (s === '*') m.wildcard = true;
      else m.exact.add(s);
    }
  }
  return m;
}

/** How `p` is named by the element, or undefined if it is not. */
export function principalMatch(m: PrincipalMatcher, p: ParsedPrincipal): PrincipalMatch | undefined {
  if (m.wildcard || m.exact.has(p.arn)) return 'direct';
  if (p.type === 'AssumedRole' && m.roles.has(`${p.account}/${p.roleName}`)) return 'role';
  if (p.account && m.accounts.has(p.account)) return p.type === 'Account' ? 'direct' : 'account';
  return undefined;
}

/**
 * NotPrincipal excludes a caller only when every identity it acts as is listed: its account,
 * its role (sessions) and itself — as AWS evaluates a request as coming from each of them.
 */
export function notPrincipalExcludes(m: PrincipalMatcher, p: ParsedPrincipal): boolean {
  if (m.wildcard) return true;
  if (p.type === 'Anonymous' || p.type === 'Service') return m.exact.has(p.arn);
  if (!m.accounts.has(p.account)) return false;
  if (p.type === 'Account') return true;
  if (p.type === 'AssumedRole' && !m.roles.has(`${p.account}/${p.roleName}`)) return false;
  return m.exact.has(p.arn);
}

