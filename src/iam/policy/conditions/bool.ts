/** Bool: `true` / `false`, compared case-insensitively. */
import type { OperatorSpec } from './operator.js';

export const boolOperators: OperatorSpec<any>[] = [
  {
    name: 'Bool',
    negated: false,
    variables: true,
    wildcards: false,
    compile: (v: string) => v.toLowerCase(),
    test: (c: string, p: string) => c.toLowerCase() === p,
  },
];
