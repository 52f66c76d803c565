/** Test support (not part of the library). Turns the JSON shape of evaluation vectors (ours and ../shared's) into engine calls. */
import type { PolicyInput } from '../document.js';
import type { PolicyLevel, PolicySet } from '../evaluator.js';
import type { AuthzRequest } from '../types.js';

export interface VectorPolicies {
  identity?: PolicyInput[];
  resource?: PolicyInput;
  permissionsBoundary?: PolicyInput;
  session?: PolicyInput | PolicyInput[];
  scpLevels?: Array<PolicyLevel | PolicyInput[]>;
  rcpLevels?: Array<PolicyLevel | PolicyInput[]>;
}

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
