import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  StopReplicationToReplicaCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
  ValidateResourcePolicyCommand,
} from '@aws-sdk/client-secrets-manager';
import { clientConfig, userWithKey } from '../support/aws-clients.js';
import { rawJsonClient, type RawCommand } from '../support/raw-json.js';
import { serverErrors } from '../support/robustness.js';
import { pythonToolsMissing, runAwsCli, runBoto3, suiteServer } from '../support/server.js';

/**
 * Secrets Manager as the AWS CLI v1 and boto3 use it, and hostile input — NUL, lone surrogates,
 * other services' ARNs, huge strings, wrong JSON types — through the authorizer (as root and as
 * an IAM user) and every handler: always a 4xx, never a 500.
 */
const NASTY = ['', '\u0000', 'lone\ud800surrogate', 'a'.repeat(5000)];
const ARN_PREFIX = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:';
const HOSTILE = [
  ...NASTY,
  'x',
  '-AbCdEf',
  ...NASTY.map((n) => `${ARN_PREFIX}${n}`),
  `${ARN_PREFIX}\u0000-AbCdEf`,
  `${ARN_PREFIX}-AbCdEf`,
  'arn:aws:secretsmanager:eu-west-1:000000000000:secret:x-AbCdEf',
  'arn:aws:kms:us-east-1:000000000000:key/\u0000',
  'alias/aws/secretsmanager',
  'arn:',
];

describe('Secrets Manager with real clients', () => {
  const bulwark = suiteServer();

  test('boto3 creates, reads (string and binary), pages and gets AWS errors', { skip: pythonToolsMissing() }, async () => {
    const r = await runBoto3(
      bulwark.endpoint,
      `
sm = client("secretsmanager")
arn = sm.create_secret(Name="boto/secret", SecretString="from boto3")["ARN"]
text = sm.get_secret_value(SecretId=arn)["SecretString"]
sm.put_secret_value(SecretId="boto/secret", SecretBinary=b"\\x00\\x01bin")
binary = sm.get_secret_value(SecretId="boto/secret")["SecretBinary"]
previous = sm.get_secret_value(SecretId="boto/secret", VersionStage="AWSPREVIOUS")["SecretString"]
for i in range(3):
    sm.create_secret(Name="boto/page-%d" % i)
names = []
for page in sm.get_paginator("list_secrets").paginate(PaginationConfig={"PageSize": 2}):
    names += [s["Name"] for s in page["SecretList"]]
pw = sm.get_random_password(PasswordLength=12, ExcludePunctuation=True)["RandomPassword"]
try:
    sm.get_secret_value(SecretId="boto/none")
    missing = "found"
except sm.exceptions.ResourceNotFoundException as e:
    missing = e.response["Error"]["Message"]
print(json.dumps({"arn": arn, "text": text, "binary": list(binary), "previous": previous, "names": names, "pw": pw, "missing": missing}))
`,
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.match(out.arn, /^arn:aws:secretsmanager:us-east-1:000000000000:secret:boto\/secret-[A-Za-z0-9]{6}$/);
    assert.equal(out.text, 'from boto3');
    assert.deepEqual(out.binary, [0, 1, 98, 105, 110]);
    assert.equal(out.previous, 'from boto3');
    assert.deepEqual(out.names, ['boto/secret', 'boto/page-0', 'boto/page-1', 'boto/page-2']);
    assert.match(out.pw, /^[A-Za-z0-9]{12}$/);
    assert.equal(out.missing, "Secrets Manager can't find the specified secret.");
  });

  test('the AWS CLI v1 manages a secret end to end', { skip: pythonToolsMissing() }, async () => {
    const cli = (...args: string[]) => runAwsCli(bulwark.endpoint, ['secretsmanager', ...args]);
    const created = await cli('create-secret', '--name', 'cli/secret', '--secret-string', '{"user":"admin"}', '--tags', 'Key=team,Value=ops');
    assert.equal(created.status, 0, created.stderr);
    const arn = JSON.parse(created.stdout).ARN;
    const got = await cli('get-secret-value', '--secret-id', 'cli/secret');
    assert.equal(got.status, 0, got.stderr);
    assert.equal(JSON.parse(got.stdout).SecretString, '{"user":"admin"}');
    assert.equal((await cli('update-secret', '--secret-id', arn, '--description', 'from the cli')).status, 0);
    const described = JSON.parse((await cli('describe-secret', '--secret-id', arn)).stdout);
    assert.equal(described.Description, 'from the cli');
    assert.deepEqual(described.Tags, [{ Key: 'team', Value: 'ops' }]);
    const listed = JSON.parse((await cli('list-secrets', '--filters', 'Key=tag-key,Values=team')).stdout);
    assert.deepEqual(listed.SecretList.map((s: { Name: string }) => s.Name), ['cli/secret']);
    const deleted = await cli('delete-secret', '--secret-id', arn, '--force-delete-without-recovery');
    assert.equal(deleted.status, 0, deleted.stderr);
    const gone = await cli('get-secret-value', '--secret-id', arn);
    assert.notEqual(gone.status, 0);
    assert.match(gone.stderr, /ResourceNotFoundException/);
  });

  test('no hostile SecretId, name, version, label, key, filter, token or policy yields a 500', { timeout: 120_000 }, async () => {
    const user = await userWithKey(bulwark.endpoint, 'fuzzer', {
      policy: { name: 'all', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:*', 'kms:*'], Resource: '*' }] }) },
    });
    const clients = [new SecretsManagerClient(clientConfig(bulwark.endpoint)), new SecretsManagerClient(clientConfig(bulwark.endpoint, user))];
    const existing = (await clients[0]!.send(new CreateSecretCommand({ Name: 'fuzz-target', SecretString: 'x' }))).ARN!;
    const token = (v: string) => (v + '0'.repeat(32)).slice(0, Math.max(32, Math.min(64, v.length)));
    const calls = (v: string) => [
      new CreateSecretCommand({ Name: v, SecretString: v || 'x', KmsKeyId: v, Tags: [{ Key: v || 'k', Value: v }] }),
      new CreateSecretCommand({ Name: 'fuzz-created', SecretString: 'x', KmsKeyId: v, AddReplicaRegions: [{ Region: 'us-west-2', KmsKeyId: v }] }),
      new GetSecretValueCommand({ SecretId: v || 'x', VersionId: token(v), VersionStage: v || 's' }),
      new GetSecretValueCommand({ SecretId: existing, VersionId: token(v), VersionStage: v || 's' }),
      new PutSecretValueCommand({ SecretId: v || 'x', SecretString: 'x', VersionStages: [v || 's'] }),
      new PutSecretValueCommand({ SecretId: existing, SecretString: v || 'x', ClientRequestToken: token(v), VersionStages: [v || 's'] }),
      new UpdateSecretCommand({ SecretId: v || 'x', KmsKeyId: v, Description: v }),
      new UpdateSecretCommand({ SecretId: existing, KmsKeyId: v, Description: v }),
      new UpdateSecretVersionStageCommand({ SecretId: existing, VersionStage: v || 's', MoveToVersionId: token(v), RemoveFromVersionId: token(v) }),
      new DescribeSecretCommand({ SecretId: v || 'x' }),
      new ListSecretVersionIdsCommand({ SecretId: existing, NextToken: v || 'x' }),
      new TagResourceCommand({ SecretId: v || existing, Tags: [{ Key: v || 'k', Value: v }] }),
      new UntagResourceCommand({ SecretId: v || existing, TagKeys: [v || 'k'] }),
      new PutResourcePolicyCommand({ SecretId: existing, ResourcePolicy: v || '{}', BlockPublicPolicy: true }),
      new PutResourcePolicyCommand({
        SecretId: existing,
        ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: v }, Action: 'secretsmanager:GetSecretValue', Resource: v, Condition: { StringEquals: { [v || 'k']: v } } }] }),
      }),
      new GetResourcePolicyCommand({ SecretId: v || 'x' }),
      new ValidateResourcePolicyCommand({ ResourcePolicy: v || 'x', SecretId: v || undefined }),
      new ListSecretsCommand({ Filters: [{ Key: 'all', Values: [v] }], NextToken: v || undefined }),
      new BatchGetSecretValueCommand({ SecretIdList: [v || 'x', existing] }),
      new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: [v] }], NextToken: v || undefined }),
      new GetRandomPasswordCommand({ ExcludeCharacters: v, PasswordLength: 40 }),
      new ReplicateSecretToRegionsCommand({ SecretId: v || 'x', AddReplicaRegions: [{ Region: v || 'x', KmsKeyId: v }] }),
      new RemoveRegionsFromReplicationCommand({ SecretId: existing, RemoveReplicaRegions: [v || 'x'] }),
      new StopReplicationToReplicaCommand({ SecretId: v || 'x' }),
      new RestoreSecretCommand({ SecretId: v || 'x' }),
      new DeleteResourcePolicyCommand({ SecretId: v || 'x' }),
      new DeleteSecretCommand({ SecretId: v || 'x', RecoveryWindowInDays: 7 }),
    ];
    assert.deepEqual(await serverErrors(clients, HOSTILE, calls), []);
    // The target survived everything thrown at it.
    assert.ok((await clients[0]!.send(new DescribeSecretCommand({ SecretId: existing }))).ARN);
  });

  test('raw JSON of the wrong types: a 4xx, never a 500', async () => {
    const client = rawJsonClient(new SecretsManagerClient(clientConfig(bulwark.endpoint)));
    const bodies: Array<[RawCommand, unknown]> = [
      [CreateSecretCommand, { Name: 'raw', SecretString: 5 }],
      [CreateSecretCommand, { Name: 'raw', SecretBinary: '!!! not base64 !!!' }],
      [CreateSecretCommand, { Name: 'raw-token', SecretString: 'x' }],
      [CreateSecretCommand, { Name: ['list'], Tags: 'x' }],
      [GetSecretValueCommand, { SecretId: { a: 1 } }],
      [GetSecretValueCommand, {}],
      [PutSecretValueCommand, { SecretId: 'raw', SecretString: 'x', VersionStages: [1, 2] }],
      [ListSecretsCommand, { Filters: [{ Key: 'bogus', Values: ['x'] }] }],
      [ListSecretsCommand, { Filters: [{}], MaxResults: -1 }],
      [BatchGetSecretValueCommand, { SecretIdList: [] }],
      [BatchGetSecretValueCommand, { SecretIdList: Array.from({ length: 21 }, (_, i) => `s${i}`) }],
      [GetRandomPasswordCommand, { PasswordLength: 'long' }],
      [DeleteSecretCommand, { SecretId: 'raw', RecoveryWindowInDays: 1e30 }],
      [UpdateSecretVersionStageCommand, { SecretId: 'raw', VersionStage: 'x' }],
    ];
    assert.deepEqual(await client.notRefused(bodies), []);
    // The raw body is what the server got: a well-formed one creates the secret it names.
    await client.send(CreateSecretCommand, { Name: 'raw-ok', SecretString: 'x', ClientRequestToken: '0123456789abcdef0123456789abcdef' });
    assert.equal(((await client.send(GetSecretValueCommand, { SecretId: 'raw-ok' })) as { SecretString?: string }).SecretString, 'x');
  });
});
