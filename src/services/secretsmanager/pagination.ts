/**
 * NextToken pagination of Secrets Manager's list calls; a token that does not decode answers
 * InvalidNextTokenException.
 */
import { pageByPosition } from '../shared/position-pages.js';
import { invalidNextToken } from './errors.js';

export function paginate<T>(items: T[], maxResults: unknown, nextToken: unknown, defaultMax: number): { page: T[]; NextToken?: string } {
  return pageByPosition(items, { maxResults, nextToken, defaultMax }, { prefix: 'bw1:', invalid: invalidNextToken });
}
