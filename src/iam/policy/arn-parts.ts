/** Splitting ARNs and classifying IAM/STS principal ARNs. */
import type { PrincipalType } from './types.js';

/** The six colon-separated parts (the last keeps its colons), or undefined if not an ARN. */
export function splitArn(arn: string): string[] | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const c = arn.indexOf(':', from);
    if (c === -1) return undefined;
    out.push(arn.slice(from, c));
    from = c + 1;
  }
  out.push(arn.slice(from));
  return out;
}

export interface ParsedPrincipal {
  arn: string;
  type: PrincipalType;
  account: string;
  partition: string;
  /** Users: the user name; sessions: the session name; root: ''. */
  name: string;
  /** Assumed-role sessions: the role's name. */
  roleName?: string;
}

const parsedCache = new Map<string, ParsedPrincipal>();

/** Parse a caller ARN (memoised: callers repeat). Treat the result as read-only. */
export function parsePrincipalArn(arn: string): ParsedPrincipal {
  let hit = parsedCache.get(arn);
  if (hit === undefined) {
    hit = parseUncached(arn);
    if (parsedCache.size >= 10000) parsedCache.clear();
    parsedCache.set(arn, hit);
  }
  return hit;
}

function parseUncached(arn: string): ParsedPrincipal {
  const p = splitArn(arn);
  if (!p) {
    if (/^\d{12}$/.test(arn)) return { arn: `arn:aws:iam::${arn}:root`, type: 'Account', account: arn, partition: 'aws', name: '' };
    return { arn, type: arn === '*' ? 'Anonymous' : 'Service', account: '', partition: 'aws', name: arn };
  }
  const [, partition, service, , account, res] = p;
  const base = { arn, account, partition };
  if (service === 'iam' && res === 'root') return { ...base, type: 'Account', name: '' };
  if (service === 'iam' && res.startsWith('user/')) return { ...base, type: 'User', name: res.slice(res.lastIndexOf('/') + 1) };
  if (service === 'sts' && res.startsWith('assumed-role/')) {
    const [, role = '', ...session] = res.split('/');
    return { ...base, type: 'AssumedRole', name: session.join('/'), roleName: role };
  }
  if (service === 'sts' && res.startsWith('federated-user/')) return { ...base, type: 'FederatedUser', name: res.slice(15) };
  return { ...base, type: 'Service', name: res };
}

/** The role ARN behind an assumed-role session (no path: the session ARN carries none). */
export function roleArnOf(p: ParsedPrincipal): string | undefined {
  return p.type === 'AssumedRole' ? `arn:${p.partition}:iam::${p.account}:role/${p.roleName}` : undefined;
}
