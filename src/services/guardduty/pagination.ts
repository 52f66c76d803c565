/**
 * NextToken pagination of GuardDuty's list calls; a token that does not decode answers "the
 * parameter nextToken has an invalid value". The default page is 50, the API's maximum.
 */
import { pageByPosition } from '../shared/position-pages.js';
import { invalidParameter } from './errors.js';

export const DEFAULT_PAGE = 50;

export function paginate<T>(items: readonly T[], maxResults: unknown, nextToken: unknown, defaultMax = DEFAULT_PAGE): { page: T[]; NextToken?: string } {
  return pageByPosition(items, { maxResults, nextToken, defaultMax }, { prefix: 'gd1:', invalid: () => invalidParameter('nextToken') });
}
