/**
 * NextToken pagination of GuardDuty's list calls: the token is an opaque position in the
 * freshly computed list; one that does not decode answers "the parameter nextToken has an
 * invalid value". The default page is 50, the API's maximum.
 */
import { invalidParameter } from './errors.js';

const PREFIX = 'gd1:';
export const DEFAULT_PAGE = 50;

export function paginate<T>(items: readonly T[], maxResults: unknown, nextToken: unknown, defaultMax = DEFAULT_PAGE): { page: T[]; NextToken?: string } {
  const max = typeof maxResults === 'number' && maxResults > 0 ? maxResults : defaultMax;
  let start = 0;
  if (typeof nextToken === 'string' && nextToken !== '') {
    const decoded = Buffer.from(nextToken, 'base64url').toString('utf8');
    if (!decoded.startsWith(PREFIX) || !/^\d{1,9}$/.test(decoded.slice(PREFIX.length))) throw invalidParameter('nextToken');
    start = Number(decoded.slice(PREFIX.length));
  }
  const page = items.slice(start, start + max);
  const end = start + page.length;
  return end < items.length ? { page, NextToken: Buffer.from(`${PREFIX}${end}`, 'utf8').toString('base64url') } : { page };
}
