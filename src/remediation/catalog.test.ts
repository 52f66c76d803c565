import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { actionInfo } from '../authz/iam-catalog.js';
import { targetKind } from '../events/targets/target-kind.js';
import { compilePolicy } from '../iam/policy/index.js';
import { packageRoot } from '../models/index.js';
import { CATALOG } from './catalog.js';
import { permissionsPolicy, trustPolicy } from './role.js';
import { DETAIL_TYPES } from './subjects/index.js';

const docs = readFileSync(new URL('docs/REMEDIATION.md', packageRoot), 'utf8');

test('every action is named as a remediation target ARN can name it, once', () => {
  assert.equal(CATALOG.size, 8);
  for (const [name, action] of CATALOG) {
    assert.equal(action.name, name);
    assert.deepEqual(targetKind(`arn:aws:bulwark:us-east-1:123456789012:remediation/${name}`), { kind: 'remediation', scope: { region: 'us-east-1', account: '123456789012' }, name });
    assert.ok(action.accepts.length > 0, name);
    assert.ok(action.description.endsWith('.'), name);
  }
});

test("every IAM action an action calls is an IAM action AWS defines, spelled as AWS spells it", async () => {
  for (const action of CATALOG.values()) {
    for (const iamAction of action.iamActions) {
      const [prefix, name] = iamAction.split(':') as [string, string];
      const info = await actionInfo(prefix, name);
      assert.equal(info.known, true, `${action.name}: ${iamAction}`);
      assert.equal(info.action, iamAction, `${action.name}: spelled ${info.action}`);
    }
  }
});

test("the maintained role's documents are valid: a trust policy, and one identity statement per action", () => {
  compilePolicy(trustPolicy('123456789012'), 'trust');
  const policy = permissionsPolicy(CATALOG.values());
  compilePolicy(policy, 'identity');
  const statements = JSON.parse(policy).Statement as Array<{ Sid: string; Action: string[]; Resource: string }>;
  assert.deepEqual(statements.map((s) => s.Sid), ['S3BlockPublicAccess', 'S3RemovePublicPolicyStatements', 'IamDeactivateAccessKey', 'IamQuarantinePrincipal', 'CloudtrailStartLogging', 'KmsCancelKeyDeletion', 'SecretsmanagerRotateSecret', 'SecurityhubResolveFinding']);
  assert.deepEqual(statements[0], { Sid: 'S3BlockPublicAccess', Effect: 'Allow', Action: ['s3:GetBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock'], Resource: '*' });
});

test('docs/REMEDIATION.md documents every action: its section, the events it takes, its IAM actions', () => {
  for (const action of CATALOG.values()) {
    const start = docs.indexOf(`### \`${action.name}\``);
    assert.ok(start >= 0, `no section for ${action.name}`);
    const end = docs.indexOf('\n### ', start + 1);
    const section = docs.slice(start, end < 0 ? undefined : end);
    for (const kind of action.accepts) for (const type of DETAIL_TYPES[kind]) assert.ok(section.includes(type), `${action.name}: ${type}`);
    for (const iamAction of action.iamActions) assert.ok(section.includes(`\`${iamAction}\``), `${action.name}: ${iamAction}`);
  }
});
