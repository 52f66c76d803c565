/**
 * One interface for every condition-operator family. A family only says how one policy value
 * is checked and precompiled and whether one context value matches it; negation, `…IfExists`,
 * `ForAnyValue:`/`ForAllValues:`, multiple values and missing keys are handled once, in
 * ../condition.ts.
 */

/** Returned by `compile` for a value the operator cannot accept. */
export const INVALID: unique symbol = Symbol('invalid condition value');

export interface OperatorSpec<T = unknown> {
  /** Canonical operator name, e.g. `StringNotLike`. */
  readonly name: string;
  /** True for the Not… variants: the result is the negation of the positive match. */
  readonly negated: boolean;
  /** Whether `${…}` policy variables are substituted in the values. */
  readonly variables: boolean;
  /** Whether `*` and `?` in the values are wildcards. */
  readonly wildcards: boolean;
  /** Null only: the operator tests presence, not values. */
  readonly presence?: boolean;
  /** Precompile one policy value (sentinel form when `wildcards`), or INVALID. */
  compile(value: string): T | typeof INVALID;
  /** Whether one context value matches one compiled policy value (the positive sense). */
  test(contextValue: string, compiled: T): boolean;
}

/** Helper for families that define a positive operator and its Not… twin. */
export function pair<T>(base: Omit<OperatorSpec<T>, 'name' | 'negated'>, name: string, notName: string): OperatorSpec<T>[] {
  return [
    { ...base, name, negated: false },
    { ...base, name: notName, negated: true },
  ];
}
