/**
 * Why a pattern is refused, and where: AWS answers InvalidEventPatternException (HTTP 400)
 * "Event pattern is not valid. Reason: <reason>\n at [Source: (String)"<pattern>"; line: L,
 * column: C]" — the reason of its pattern compiler followed by Jackson's location.
 */
import { AwsError } from '../../core/aws-error.js';

export class PatternError extends Error {
  constructor(
    readonly reason: string,
    /** Jackson's `[Source: …; line: L, column: C]`; absent for reasons AWS gives without one. */
    readonly location?: string,
  ) {
    super(location ? `${reason}\n at ${location}` : reason);
    this.name = 'PatternError';
  }
}

export function invalidEventPattern(err: PatternError): AwsError {
  return new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${err.message}`, { status: 400 });
}
