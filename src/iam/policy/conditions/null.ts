/** Null: `true` when the key is absent from the request context, `false` when present. */
import { INVALID, type OperatorSpec } from './operator.js';

export const nullOperators: OperatorSpec<any>[] = [
  {
    name: 'Null',
    negated: false,
    variables: false,
    wildcards: false,
    presence: true,
    compile: (v: string): boolean | typeof INVALID => {
      const l = v.toLowerCase();
      return l === 'true' ? true : l === 'false' ? false : INVALID;
    },
    // Unused: Null is decided on presence alone (see condition.ts).
    test: () => false,
  },
];
