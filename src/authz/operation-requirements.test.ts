import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadServiceModel } from '../models/index.js';
import { packageRoot } from '../models/paths.js';
import { iamPrefix, operationRequirements, type ResolveEnv } from './operation-requirements.js';

const env: ResolveEnv = { account: '123456789012', region: 'eu-west-1' };
const req = (service: string, op: string, input: Record<string, unknown> = {}, e: ResolveEnv = env) => operationRequirements(service, op, input, e);

test('IAM prefixes come from the model signing names', () => {
  assert.equal(iamPrefix('accessanalyzer'), 'access-analyzer');
  assert.equal(iamPrefix('s3control'), 's3');
  assert.equal(iamPrefix('cognito-idp'), 'cognito-idp');
  assert.equal(iamPrefix('secretsmanager'), 'secretsmanager');
});

test('IAM: the entity ARN from the input, with its stored path; List* name the path prefix', async () => {
  const { supportedKeys, ...created } = await req('iam', 'CreateUser', { UserName: 'alice', Path: '/ops/' });
  assert.ok(supportedKeys.has('iam:permissionsboundary') && supportedKeys.has('aws:resourcetag/${tagkey}'));
  assert.deepEqual(created, {
    action: 'iam:CreateUser',
    resources: ['arn:aws:iam::123456789012:user/ops/alice'],
    context: {},
    isWrite: true,
    alwaysAllowed: false,
  });
  const withPath: ResolveEnv = { ...env, entityPath: async (type, name) => (type === 'user' && name === 'bob' ? '/x/' : undefined) };
  assert.deepEqual((await req('iam', 'GetUser', { UserName: 'bob' }, withPath)).resources, ['arn:aws:iam::123456789012:user/x/bob']);
  assert.deepEqual((await req('iam', 'GetUser', {}, { ...env, callerName: 'me' })).resources, ['arn:aws:iam::123456789012:user/me']);
  assert.deepEqual((await req('iam', 'ListUsers')).resources, ['arn:aws:iam::123456789012:user/']);
  assert.deepEqual((await req('iam', 'ListRoles', { PathPrefix: '/app/' })).resources, ['arn:aws:iam::123456789012:role/app/']);
  assert.equal((await req('iam', 'ListUsers')).isWrite, false);
  // The policy ARN is not the resource of AttachUserPolicy: the user is.
  assert.deepEqual((await req('iam', 'AttachUserPolicy', { UserName: 'a', PolicyArn: 'arn:aws:iam::123456789012:policy/p' })).resources, [
    'arn:aws:iam::123456789012:user/a',
  ]);
  assert.deepEqual((await req('iam', 'GetPolicy', { PolicyArn: 'arn:aws:iam::123456789012:policy/team/p' })).resources, ['arn:aws:iam::123456789012:policy/team/p']);
});

test('S3: documented action names and bucket/object ARNs', async () => {
  const list = await req('s3', 'ListObjectsV2', { Bucket: 'b' });
  assert.equal(list.action, 's3:ListBucket');
  assert.deepEqual(list.resources, ['arn:aws:s3:::b']);
  assert.deepEqual(await req('s3', 'GetObject', { Bucket: 'b', Key: 'k/1.txt' }).then((r) => [r.action, r.resources]), ['s3:GetObject', ['arn:aws:s3:::b/k/1.txt']]);
  assert.equal((await req('s3', 'HeadObject', { Bucket: 'b', Key: 'k' })).action, 's3:GetObject');
  assert.deepEqual(await req('s3', 'ListBuckets').then((r) => [r.action, r.resources]), ['s3:ListAllMyBuckets', ['*']]);
  assert.equal((await req('s3', 'GetBucketCors', { Bucket: 'b' })).action, 's3:GetBucketCORS');
});

test('KMS, Secrets Manager, STS: ARNs from ids or given ARNs; region and account from the request', async () => {
  assert.deepEqual((await req('kms', 'Decrypt', { KeyId: '1234abcd' })).resources, ['arn:aws:kms:eu-west-1:123456789012:key/1234abcd']);
  const arn = 'arn:aws:kms:us-east-1:111122223333:key/abcd';
  assert.deepEqual((await req('kms', 'DescribeKey', { KeyId: arn })).resources, [arn]);
  assert.equal((await req('kms', 'ReEncrypt', {})).action, 'kms:ReEncryptFrom');
  assert.deepEqual((await req('secretsmanager', 'GetSecretValue', { SecretId: 'db' })).resources, ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db']);
  const gci = await req('sts', 'GetCallerIdentity');
  assert.equal(gci.alwaysAllowed, true);
  assert.deepEqual((await req('sts', 'AssumeRole', { RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 's' })).resources, ['arn:aws:iam::123456789012:role/r']);
});

test('aws:RequestTag/… and aws:TagKeys from Tags as a list or a map', async () => {
  assert.deepEqual((await req('iam', 'CreateUser', { UserName: 'u', Tags: [{ Key: 'team', Value: 'blue' }] })).context, {
    'aws:TagKeys': ['team'],
    'aws:RequestTag/team': 'blue',
  });
  assert.deepEqual((await req('guardduty', 'CreateDetector', { Enable: true, Tags: { env: 'prod' } })).context, { 'aws:TagKeys': ['env'], 'aws:RequestTag/env': 'prod' });
});

test('every modelled operation of every service yields an action and at least one resource', async () => {
  const index = JSON.parse(readFileSync(new URL('src/models/generated/index.json', packageRoot), 'utf8')) as Record<string, unknown>;
  let count = 0;
  for (const service of Object.keys(index)) {
    const model = loadServiceModel(service);
    for (const op of model.operations.keys()) {
      const r = await req(service, op, {});
      assert.match(r.action, /^[a-z0-9-]+:[A-Za-z0-9]+$/, `${service}:${op}`);
      assert.ok(r.resources.length > 0, `${service}:${op}`);
      count++;
    }
  }
  assert.ok(count > 1000);
});
