/**
 * TestEventPattern: the pattern is checked as PutRule checks it (InvalidEventPatternException
 * with AWS's reason), the event must be a JSON object with id, account, source, time, region
 * and detail-type (AWS documents resources as required too, but does not require it), and the
 * answer is whether the pattern matches — the same matcher rules use.
 */
import { compileEventPattern } from '../../events/pattern/index.js';
import type { OperationHandler } from '../types.js';
import { validation } from './errors.js';
import { checkEventPattern } from './rules.js';

const REQUIRED_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export const testEventPattern: OperationHandler = (_ctx, input) => {
  const patternText = input.EventPattern as string;
  checkEventPattern(patternText);
  let event: unknown;
  try {
    event = JSON.parse(input.Event as string);
  } catch {
    throw validation('Parameter Event is not valid.');
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event) || REQUIRED_FIELDS.some((f) => !Object.prototype.hasOwnProperty.call(event, f))) {
    throw validation('Parameter Event is not valid.');
  }
  return { Result: compileEventPattern(patternText).matches(event) };
};
