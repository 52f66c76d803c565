/** StringEquals, StringNotEquals, …IgnoreCase, StringLike, StringNotLike. */
import { compileGlob, globMatch, type Glob } from '../glob.js';
import { pair, type OperatorSpec } from './operator.js';

const exact = { variables: true, wildcards: false, compile: (v: string) => v, test: (c: string, p: string) => c === p };
const ignoreCase = {
  variables: true,
  wildcards: false,
  compile: (v: string) => v.toLowerCase(),
  test: (c: string, p: string) => c.length === p.length && c.toLowerCase() === p,
};
const like = {
  variables: true,
  wildcards: true,
  compile: (v: string): Glob => compileGlob(v),
  test: (c: string, p: Glob) => globMatch(p, c),
};

export const stringOperators: OperatorSpec<any>[] = [
  ...pair<string>(exact, 'StringEquals', 'StringNotEquals'),
  ...pair<string>(ignoreCase, 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'),
  ...pair<Glob>(like, 'StringLike', 'StringNotLike'),
];
