import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePolicy } from './document.js';
import { evaluate } from './evaluator.js';
import { describeMatches, explainDenial } from './explain.js';
import type { AuthzRequest, Decision } from './types.js';

const req: AuthzRequest = {
  principal: 'arn:aws:iam::111111111111:user/alice',
  action: 'kms:Encrypt',
  resource: 'arn:aws:kms:us-east-1:111111111111:key/k1',
};
const head = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: kms:Encrypt on resource: arn:aws:kms:us-east-1:111111111111:key/k1';

test('every deny source has AWS wording', () => {
  const cases: Array<[Decision['decision'], NonNullable<Decision['deniedBy']>, string]> = [
    ['ImplicitDeny', 'identity', 'because no identity-based policy allows the kms:Encrypt action'],
    ['ImplicitDeny', 'resource', 'because no resource-based policy allows the kms:Encrypt action'],
    ['ImplicitDeny', 'scp', 'because no service control policy allows the kms:Encrypt action'],
    ['ImplicitDeny', 'rcp', 'because no resource control policy allows the kms:Encrypt action'],
    ['ImplicitDeny', 'boundary', 'because no permissions boundary allows the kms:Encrypt action'],
    ['ImplicitDeny', 'session', 'because no session policy allows the kms:Encrypt action'],
    ['ExplicitDeny', 'identity', 'with an explicit deny in an identity-based policy'],
    ['ExplicitDeny', 'resource', 'with an explicit deny in a resource-based policy'],
    ['ExplicitDeny', 'scp', 'with an explicit deny in a service control policy'],
    ['ExplicitDeny', 'rcp', 'with an explicit deny in a resource control policy'],
    ['ExplicitDeny', 'boundary', 'with an explicit deny in a permissions boundary'],
    ['ExplicitDeny', 'session', 'with an explicit deny in a session policy'],
  ];
  for (const [decision, deniedBy, tail] of cases) {
    assert.equal(explainDenial(req, { decision, deniedBy, matched: [] }), `${head} ${tail}`);
  }
  assert.equal(explainDenial(req, { decision: 'Allow', matched: [] }), '');
});

test('explain from a real decision, with matched statements described', () => {
  const d = evaluate(req, {
    identity: [{ Version: '2012-10-17', Statement: [{ Sid: 'NoKms', Effect: 'Deny', Action: 'kms:*', Resource: '*' }] }],
    resource: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'kms:*', Resource: '*' }] },
  });
  assert.equal(explainDenial(req, d), `${head} with an explicit deny in an identity-based policy`);
  assert.deepEqual(describeMatches(d), ['Allow by resource policy, statement 0', 'Deny by identity policy, statement 0 (NoKms)']);
});

test('principal given as an object', () => {
  const d = evaluate({ ...req, principal: { arn: 'arn:aws:iam::111111111111:user/alice' } }, {});
  assert.equal(explainDenial({ ...req, principal: { arn: 'arn:aws:iam::111111111111:user/alice' } }, d), `${head} because no resource-based policy allows the kms:Encrypt action`);
});

test('the denying policy ARN can be appended', () => {
  const scp = compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'kms:*', Resource: '*' }] }, 'scp', 'arn:aws:organizations::999999999999:policy/o-1/service_control_policy/p-1');
  const d = evaluate(req, { identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }], scpLevels: [[scp]] });
  assert.equal(explainDenial(req, d, { withPolicyArn: true }), `${head} with an explicit deny in a service control policy: arn:aws:organizations::999999999999:policy/o-1/service_control_policy/p-1`);
  assert.equal(explainDenial(req, d), `${head} with an explicit deny in a service control policy`);
});
