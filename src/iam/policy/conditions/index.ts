/** The operator registry: every family, looked up case-insensitively by name. */
import { arnOperators } from './arn.js';
import { binaryOperators } from './binary.js';
import { boolOperators } from './bool.js';
import { dateOperators } from './date.js';
import { ipOperators } from './ip.js';
import { nullOperators } from './null.js';
import { numericOperators } from './numeric.js';
import type { OperatorSpec } from './operator.js';
import { stringOperators } from './string.js';

export { INVALID, type OperatorSpec } from './operator.js';

const registry = new Map<string, OperatorSpec>();
for (const op of [
  ...stringOperators,
  ...numericOperators,
  ...dateOperators,
  ...boolOperators,
  ...binaryOperators,
  ...ipOperators,
  ...arnOperators,
  ...nullOperators,
]) registry.set(op.name.toLowerCase(), op);

export function findOperator(name: string): OperatorSpec | undefined {
  return registry.get(name.toLowerCase());
}

export function operatorNames(): string[] {
  return [...registry.values()].map((o) => o.name);
}
