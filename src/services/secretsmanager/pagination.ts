/**
 * NextToken pagination of Secrets Manager's list calls: the token is an opaque position in the
 * (freshly computed) list; a token that does not decode answers InvalidNextTokenException.
 */
import { invalidNextToken } from './errors.js';

const PREFIX = 'bw1:';

export function paginate<T>(items: T[], maxResults: unknown, nextToken: unknown, defaultMax: number): { page: T[]; NextToken?: string } {
  const max = typeof maxResults === 'number' && maxResults > 0 ? maxResults : defaultMax;
  let start = 0;
  if (typeof nextToken === 'string') {
    const decoded = Buffer.from(nextToken, 'base64url').toString('utf8');
    if (!decoded.startsWith(PREFIX) || !/^\d{1,9}$/.test(decoded.slice(PREFIX.length))) throw invalidNextToken();
    start = Number(decoded.slice(PREFIX.length));
  }
  const page = items.slice(start, start + max);
  const end = start + page.length;
  return end < items.length ? { page, NextToken: Buffer.from(`${PREFIX}${end}`, 'utf8').toString('base64url') } : { page };
}
