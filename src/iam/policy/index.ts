/** Public surface of the IAM policy engine: a pure library (no I/O). */
export { compilePolicy, clearPolicyCache, policyCacheSize, isCompiled, type CompiledPolicy, type PolicyInput } from './document.js';
export { evaluate, prepareRequest, type PolicySet, type PolicyLevel } from './evaluator.js';
export { explainDenial, describeMatches } from './explain.js';
export { PolicyValidationError } from './errors.js';
export { RequestContext } from './context.js';
export { operatorNames } from './conditions/index.js';
export { actionMatches } from './action.js';
export type {
  AuthzRequest,
  ContextLayer,
  ContextValue,
  Decision,
  DecisionValue,
  DenySource,
  MatchedStatement,
  PolicyKind,
  PrincipalInfo,
  PrincipalType,
} from './types.js';
