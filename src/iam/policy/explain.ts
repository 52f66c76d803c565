/** AWS's AccessDenied wording for a decision. */
import type { AuthzRequest, Decision, DenySource } from './types.js';

const NAMES: Record<DenySource, { article: string; implicit: string }> = {
  identity: { article: 'an identity-based policy', implicit: 'identity-based policy' },
  resource: { article: 'a resource-based policy', implicit: 'resource-based policy' },
  scp: { article: 'a service control policy', implicit: 'service control policy' },
  rcp: { article: 'a resource control policy', implicit: 'resource control policy' },
  boundary: { article: 'a permissions boundary', implicit: 'permissions boundary' },
  session: { article: 'a session policy', implicit: 'session policy' },
};

/**
 * `User: <arn> is not authorized to perform: <action> on resource: <arn> because no <type>
 * allows the <action> action` or `… with an explicit deny in <a type>` (optionally followed by
 * `: <policy ARN>` when the denying policy was compiled with an id); '' for an Allow.
 */
export function explainDenial(request: AuthzRequest, decision: Decision, options: { withPolicyArn?: boolean } = {}): string {
  if (decision.decision === 'Allow') return '';
  const who = typeof request.principal === 'string' ? request.principal : request.principal.arn;
  const head = `User: ${who} is not authorized to perform: ${request.action} on resource: ${request.resource}`;
  const by = decision.deniedBy ?? 'identity';
  if (decision.decision === 'ExplicitDeny') {
    // AWS's newer messages name the denying policy (same account / organization only).
    const denier = options.withPolicyArn ? decision.matched.find((m) => m.effect === 'Deny' && m.policyKind === by && m.policyId) : undefined;
    return `${head} with an explicit deny in ${NAMES[by].article}${denier ? `: ${denier.policyId}` : ''}`;
  }
  return `${head} because no ${NAMES[by].implicit} allows the ${request.action} action`;
}

/** One line per matched statement, for logs and the simulator. */
export function describeMatches(decision: Decision): string[] {
  return decision.matched.map((m) => {
    const name = m.policyId ? `${m.policyKind} policy ${m.policyId}` : `${m.policyKind} policy`;
    return `${m.effect} by ${name}, statement ${m.statementIndex}${m.sid ? ` (${m.sid})` : ''}`;
  });
}
