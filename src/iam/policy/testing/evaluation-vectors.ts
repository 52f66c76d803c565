/** Test support (not part of the library). Turns the JSON shape of evaluation vectors (ours and ../shared's) into engine calls. */
import type { PolicySet } from '../evaluator.js';
import type { AuthzRequest } from '../types.js';

/** The policy lists a vector carries: the engine's own PolicySet fields. */
export type VectorPolicies = Pick<PolicySet, 'identity' | 'resource' | 'permissionsBoundary' | 'session' | 'scpLevels' | 'rcpLevels'>;

export interface EvaluationVector {
  name: string;
  expected: 'Allow' | 'ImplicitDeny' | 'ExplicitDeny';
  deniedBy?: string;
  explain?: string;
  request: AuthzRequest & { now?: string | Date };
  policies: VectorPolicies;
  options?: Omit<PolicySet, keyof VectorPolicies>;
}

export function toPolicySet(v: EvaluationVector): PolicySet {
  return { ...v.policies, ...(v.options ?? {}) };
}

export function toRequest(v: EvaluationVector): AuthzRequest {
  const r = v.request;
  return typeof r.now === 'string' ? { ...r, now: new Date(r.now) } : (r as AuthzRequest);
}
