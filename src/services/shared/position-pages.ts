import type { AwsError } from '../../core/aws-error.js';

/**
 * NextToken pagination over a freshly computed list: the token is an opaque position in it
 * (`prefix` + index, base64url); a token that does not decode answers the service's error.
 */
export function pageByPosition<T>(
  items: readonly T[],
  request: { maxResults: unknown; nextToken: unknown; defaultMax: number },
  token: { prefix: string; invalid: () => AwsError },
): { page: T[]; NextToken?: string } {
  const max = typeof request.maxResults === 'number' && request.maxResults > 0 ? request.maxResults : request.defaultMax;
  let start = 0;
  if (typeof request.nextToken === 'string' && request.nextToken !== '') {
    const decoded = Buffer.from(request.nextToken, 'base64url').toString('utf8');
    if (!decoded.startsWith(token.prefix) || !/^\d{1,9}$/.test(decoded.slice(token.prefix.length))) throw token.invalid();
    start = Number(decoded.slice(token.prefix.length));
  }
  const page = items.slice(start, start + max);
  const end = start + page.length;
  return end < items.length ? { page, NextToken: Buffer.from(`${token.prefix}${end}`, 'utf8').toString('base64url') } : { page };
}
