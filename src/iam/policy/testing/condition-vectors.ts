/** Test support (not part of the library). Runs the condition vectors of one operator family (vectors/conditions.json) as node:test cases. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { packageRoot } from '../../../models/paths.js';
import { compileConditions, conditionsHold } from '../condition.js';
import { RequestContext } from '../context.js';
import type { ContextValue, PrincipalInfo } from '../types.js';

export interface ConditionVector {
  name: string;
  condition: Record<string, unknown>;
  context: Record<string, ContextValue>;
  expected: boolean;
  principal?: string | PrincipalInfo;
  now?: string;
  version?: string;
}

let all: Record<string, ConditionVector[]> | undefined;

export function conditionVectors(family: string): ConditionVector[] {
  all ??= JSON.parse(readFileSync(new URL('src/iam/policy/vectors/conditions.json', packageRoot), 'utf8')) as Record<string, ConditionVector[]>;
  return all[family] ?? [];
}

/** Evaluate one Condition element against a request context. */
export function holds(v: Omit<ConditionVector, 'name' | 'expected'>): boolean {
  const ctx = new RequestContext({
    principal: v.principal ?? 'arn:aws:iam::111111111111:user/alice',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::b/k',
    context: v.context,
    now: v.now ? new Date(v.now) : undefined,
  });
  return conditionsHold(compileConditions(v.condition, v.version !== '2008-10-17'), ctx);
}

export function runFamily(family: string): void {
  const list = conditionVectors(family);
  test(`${family} condition vectors`, async (t) => {
    assert.ok(list.length > 0, `no vectors for ${family}`);
    for (const v of list) await t.test(v.name, () => assert.equal(holds(v), v.expected));
  });
}
