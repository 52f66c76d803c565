/** NextToken pagination of Security Hub's lists (a token that does not decode is refused). */
import { pageByPosition } from '../shared/position-pages.js';
import { invalidToken } from './errors.js';

export function paginate<T>(items: readonly T[], maxResults: unknown, nextToken: unknown, defaultMax = 100): { page: T[]; NextToken?: string } {
  return pageByPosition(items, { maxResults, nextToken, defaultMax }, { prefix: 'sh1:', invalid: invalidToken });
}
