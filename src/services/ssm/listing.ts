/**
 * Paged scans over a scope's parameters (DescribeParameters, GetParametersByPath): records in
 * name order, kept when they pass the predicates, until a page is full. NextToken is opaque to
 * the caller: the last name returned, base64url-encoded behind a version tag; anything else
 * answers InvalidNextToken.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import { invalidNextToken, PARAMETER_KIND, type ParameterRecord } from './common.js';
import type { Predicate } from './filters.js';

const TOKEN_PREFIX = 'bw1.';
const BATCH = 100;

export function encodeToken(lastName: string): string {
  return TOKEN_PREFIX + Buffer.from(lastName, 'utf8').toString('base64url');
}

/** The name a NextToken resumes after; undefined when there is none. */
export function decodeToken(token: unknown): string | undefined {
  if (token === undefined || token === '') return undefined;
  if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX)) throw invalidNextToken();
  const body = token.slice(TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw invalidNextToken();
  const name = Buffer.from(body, 'base64url').toString('utf8');
  if (name === '' || name.includes('\u0000') || encodeToken(name) !== token) throw invalidNextToken();
  return name;
}

export interface ScanPage {
  records: ParameterRecord[];
  NextToken?: string;
}

/** Up to `limit` records (with ids under `prefix`) passing every predicate, after the token's name. */
export async function scanParameters(ops: StoreOps, scope: Scope, options: { prefix?: string; predicates: Predicate[]; limit: number; token?: unknown }): Promise<ScanPage> {
  let after = decodeToken(options.token);
  const records: ParameterRecord[] = [];
  for (;;) {
    const page = await ops.list<ParameterRecord>(scope, PARAMETER_KIND, { prefix: options.prefix, after, limit: BATCH });
    for (const item of page.items) {
      if (!options.predicates.every((p) => p(item.value))) continue;
      records.push(item.value);
      if (records.length === options.limit) {
        const last = item.id;
        const more = item !== page.items[page.items.length - 1] || page.next !== undefined;
        return more ? { records, NextToken: encodeToken(last) } : { records };
      }
    }
    if (page.next === undefined) return { records };
    after = page.next;
  }
}
