/** ArnEquals, ArnLike, ArnNotEquals, ArnNotLike: each of the six ARN parts matched on its own. */
import { compileGlob, globMatch, type Glob } from '../glob.js';
import { splitArn } from '../arn-parts.js';
import { INVALID, type OperatorSpec } from './operator.js';

/** Per-part matchers; a value that is not an ARN (e.g. `*`) is one whole-string matcher. */
export type ArnPattern = Glob[];

export function compileArnPattern(v: string): ArnPattern {
  const parts = splitArn(v);
  return parts ? parts.map(compileGlob) : [compileGlob(v)];
}

export function arnMatches(p: ArnPattern, value: string): boolean {
  if (p.length === 1) return globMatch(p[0], value);
  const parts = splitArn(value);
  if (!parts) return false;
  for (let i = 0; i < 6; i++) if (!globMatch(p[i], parts[i])) return false;
  return true;
}

function arn(name: string, negated: boolean): OperatorSpec<ArnPattern> {
  return {
    name,
    negated,
    variables: true,
    wildcards: true,
    compile: (v) => (v === '' ? INVALID : compileArnPattern(v)),
    test: (c, p) => arnMatches(p, c),
  };
}

export const arnOperators: OperatorSpec<any>[] = [
  arn('ArnEquals', false),
  arn('ArnLike', false),
  arn('ArnNotEquals', true),
  arn('ArnNotLike', true),
];
