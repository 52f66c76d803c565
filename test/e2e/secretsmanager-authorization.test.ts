import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretCommand,
  ValidateResourcePolicyCommand,
} from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { clientConfig, creds, iam, keysOf, rejectsWith, sts, userWithKey, type Keys } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * Who may read a secret: identity policies with Secrets Manager's condition keys, the secret's
 * resource policy (another account needs it, an explicit deny in it stops even the root),
 * BlockPublicPolicy, and KMS on the caller's behalf — a customer managed key needs the caller's
 * kms:Decrypt (through Secrets Manager: kms:ViaService), the AWS managed key serves only its own
 * account. CloudTrail records the call without the secret value, and KMS's side invoked by
 * Secrets Manager.
 */
const ACCOUNT = '000000000000';
const OTHER = '111122223333';
const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const KMS_DENIED = 'Access to KMS is not allowed';

describe('Secrets Manager authorization and encryption', () => {
  const bulwark = suiteServer(['--accept-any-key']);
  const sm = (keys?: Keys) => new SecretsManagerClient(clientConfig(bulwark.endpoint, keys));
  const kms = () => new KMSClient(clientConfig(bulwark.endpoint));

  test('another account reads a secret only through its resource policy, and only with a customer managed key', async () => {
    const keyPolicy = policy([
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'kms:Decrypt', Resource: '*' },
    ]);
    const key = (await kms().send(new CreateKeyCommand({ Policy: keyPolicy }))).KeyMetadata!;
    const { ARN } = await sm().send(new CreateSecretCommand({ Name: 'shared', SecretString: 'cross-account', KmsKeyId: key.Arn }));
    const other = sm(creds(OTHER));
    await rejectsWith(
      other.send(new GetSecretValueCommand({ SecretId: ARN })),
      'AccessDeniedException',
      400,
      `User: arn:aws:iam::${OTHER}:root is not authorized to perform: secretsmanager:GetSecretValue on resource: ${ARN} because no resource-based policy allows the secretsmanager:GetSecretValue action`,
    );
    const grant = policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }]);
    await sm().send(new PutResourcePolicyCommand({ SecretId: ARN, ResourcePolicy: grant, BlockPublicPolicy: true }));
    assert.equal((await other.send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString, 'cross-account');
    await rejectsWith(other.send(new DescribeSecretCommand({ SecretId: ARN })), 'AccessDeniedException', 400);
    await rejectsWith(other.send(new GetSecretValueCommand({ SecretId: 'shared' })), 'ResourceNotFoundException', 400, "Secrets Manager can't find the specified secret.");

    const managed = await sm().send(new CreateSecretCommand({ Name: 'shared-default-key', SecretString: 'x' }));
    await sm().send(new PutResourcePolicyCommand({ SecretId: managed.ARN, ResourcePolicy: grant }));
    await rejectsWith(
      other.send(new GetSecretValueCommand({ SecretId: managed.ARN })),
      'InvalidRequestException',
      400,
      "You can't access a secret from a different AWS account if you encrypt the secret with the default KMS service key.",
    );
  });

  test('resource policies: BlockPublicPolicy refuses a public policy; validation reports it; an explicit deny stops the root', async () => {
    const { ARN } = await sm().send(new CreateSecretCommand({ Name: 'guarded', SecretString: 'g' }));
    const everyone = policy([{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }]);
    const limited = policy([{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } }]);
    await rejectsWith(
      sm().send(new PutResourcePolicyCommand({ SecretId: ARN, ResourcePolicy: everyone, BlockPublicPolicy: true })),
      'PublicPolicyException',
      400,
      'The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.',
    );
    assert.equal((await sm().send(new GetResourcePolicyCommand({ SecretId: ARN }))).ResourcePolicy, undefined);
    await sm().send(new PutResourcePolicyCommand({ SecretId: ARN, ResourcePolicy: limited, BlockPublicPolicy: true }));
    assert.equal((await sm().send(new GetResourcePolicyCommand({ SecretId: ARN }))).ResourcePolicy, limited);
    await sm().send(new PutResourcePolicyCommand({ SecretId: ARN, ResourcePolicy: everyone }));
    const check = async (text: string) => sm().send(new ValidateResourcePolicyCommand({ SecretId: ARN, ResourcePolicy: text }));
    assert.equal((await check(limited)).PolicyValidationPassed, true);
    const failed = await check(everyone);
    assert.equal(failed.PolicyValidationPassed, false);
    assert.equal(failed.ValidationErrors!.length, 1);
    await rejectsWith(sm().send(new PutResourcePolicyCommand({ SecretId: ARN, ResourcePolicy: '{"Statement":' })), 'MalformedPolicyDocumentException', 400);
    await rejectsWith(sm().send(new PutResourcePolicyCommand({ SecretId: ARN, ResourcePolicy: policy([{ Effect: 'Maybe', Principal: '*', Action: '*', Resource: '*' }]) })), 'MalformedPolicyDocumentException', 400);

    await sm().send(new PutResourcePolicyCommand({ SecretId: ARN, ResourcePolicy: policy([{ Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }]) }));
    await rejectsWith(
      sm().send(new GetSecretValueCommand({ SecretId: ARN })),
      'AccessDeniedException',
      400,
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: secretsmanager:GetSecretValue on resource: ${ARN} with an explicit deny in a resource-based policy`,
    );
    await sm().send(new DeleteResourcePolicyCommand({ SecretId: ARN }));
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString, 'g');
  });

  test('a role without kms:Decrypt on the secret’s customer managed key cannot read it; the AWS managed key needs no KMS permission', async () => {
    const key = (await kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    const cmk = await sm().send(new CreateSecretCommand({ Name: 'cmk-secret', SecretString: 'behind a cmk', KmsKeyId: key.KeyId }));
    const aws = await sm().send(new CreateSecretCommand({ Name: 'aws-key-secret', SecretString: 'behind aws/secretsmanager' }));
    const trust = policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }]);
    const role = (await iam(bulwark.endpoint).send(new CreateRoleCommand({ RoleName: 'secret-reader', AssumeRolePolicyDocument: trust }))).Role!;
    const readOnly = policy([{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'], Resource: '*' }]);
    await iam(bulwark.endpoint).send(new PutRolePolicyCommand({ RoleName: 'secret-reader', PolicyName: 'sm', PolicyDocument: readOnly }));
    const caller = await userWithKey(bulwark.endpoint, 'assumer', { policy: { name: 'assume', document: policy([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role.Arn }]) } });
    const session = keysOf((await sts(bulwark.endpoint, caller).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'reader' }))).Credentials);
    const asRole = sm(session);
    await rejectsWith(asRole.send(new GetSecretValueCommand({ SecretId: cmk.ARN })), 'AccessDeniedException', 400, KMS_DENIED);
    await rejectsWith(asRole.send(new PutSecretValueCommand({ SecretId: cmk.ARN, SecretString: 'new' })), 'AccessDeniedException', 400, KMS_DENIED);
    assert.equal((await asRole.send(new GetSecretValueCommand({ SecretId: aws.ARN }))).SecretString, 'behind aws/secretsmanager');

    // kms:Decrypt only through Secrets Manager (kms:ViaService) is enough to read.
    const withKms = policy([
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'], Resource: '*' },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: key.Arn, Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } },
    ]);
    await iam(bulwark.endpoint).send(new PutRolePolicyCommand({ RoleName: 'secret-reader', PolicyName: 'sm', PolicyDocument: withKms }));
    assert.equal((await asRole.send(new GetSecretValueCommand({ SecretId: cmk.ARN }))).SecretString, 'behind a cmk');
    await asRole.send(new PutSecretValueCommand({ SecretId: cmk.ARN, SecretString: 'rotated by the role' }));
    assert.equal((await asRole.send(new GetSecretValueCommand({ SecretId: cmk.ARN }))).SecretString, 'rotated by the role');
  });

  test('condition keys: secretsmanager:VersionStage, aws:ResourceTag/…, and the secret ARN with its random suffix', async () => {
    const { ARN } = await sm().send(new CreateSecretCommand({ Name: 'team/red', SecretString: 'r1', Tags: [{ Key: 'team', Value: 'red' }] }));
    await sm().send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'r2' }));
    const blue = await sm().send(new CreateSecretCommand({ Name: 'team/blue', SecretString: 'b', Tags: [{ Key: 'team', Value: 'blue' }] }));
    const user = await userWithKey(bulwark.endpoint, 'conditioned', {
      policy: {
        name: 'p',
        document: policy([
          { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:team/red-??????', Condition: { StringEquals: { 'secretsmanager:VersionStage': 'AWSCURRENT' } } },
          { Effect: 'Allow', Action: 'secretsmanager:DescribeSecret', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'red' } } },
        ]),
      },
    });
    const asUser = sm(user);
    assert.equal((await asUser.send(new GetSecretValueCommand({ SecretId: 'team/red', VersionStage: 'AWSCURRENT' }))).SecretString, 'r2');
    await rejectsWith(asUser.send(new GetSecretValueCommand({ SecretId: 'team/red', VersionStage: 'AWSPREVIOUS' })), 'AccessDeniedException', 400);
    await rejectsWith(asUser.send(new GetSecretValueCommand({ SecretId: 'team/red' })), 'AccessDeniedException', 400);
    await rejectsWith(asUser.send(new GetSecretValueCommand({ SecretId: 'team/blue', VersionStage: 'AWSCURRENT' })), 'AccessDeniedException', 400);
    assert.equal((await asUser.send(new DescribeSecretCommand({ SecretId: ARN }))).Name, 'team/red');
    await rejectsWith(
      asUser.send(new DescribeSecretCommand({ SecretId: 'team/blue' })),
      'AccessDeniedException',
      400,
      `User: ${user.arn} is not authorized to perform: secretsmanager:DescribeSecret on resource: ${blue.ARN} because no identity-based policy allows the secretsmanager:DescribeSecret action`,
    );
  });

  test('a disabled key: DecryptionFailure to read, EncryptionFailure to write; changing the key re-encrypts the current version', async () => {
    const first = (await kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    const second = (await kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    const { ARN } = await sm().send(new CreateSecretCommand({ Name: 'keyed', SecretString: 'k', KmsKeyId: first.KeyId }));
    await kms().send(new DisableKeyCommand({ KeyId: first.KeyId }));
    await rejectsWith(sm().send(new GetSecretValueCommand({ SecretId: ARN })), 'DecryptionFailure', 400, /^Secrets Manager can't decrypt the protected secret text using the provided KMS key\./);
    await rejectsWith(sm().send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'k2' })), 'EncryptionFailure', 400, /^Secrets Manager can't encrypt the protected secret text using the provided KMS key\./);
    await rejectsWith(sm().send(new CreateSecretCommand({ Name: 'no-such-key', SecretString: 'x', KmsKeyId: 'alias/nothing' })), 'EncryptionFailure', 400);
    await kms().send(new EnableKeyCommand({ KeyId: first.KeyId }));
    await sm().send(new UpdateSecretCommand({ SecretId: ARN, KmsKeyId: second.Arn }));
    const versions = (await sm().send(new ListSecretVersionIdsCommand({ SecretId: ARN }))).Versions!;
    assert.deepEqual(versions[0]!.KmsKeyIds, [first.Arn, second.Arn]);
    await kms().send(new DisableKeyCommand({ KeyId: first.KeyId }));
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString, 'k', 'readable with the new key');
    assert.equal((await sm().send(new DescribeSecretCommand({ SecretId: ARN }))).KmsKeyId, second.Arn);
  });

  test('CloudTrail records GetSecretValue without the value, and KMS Decrypt invoked by Secrets Manager', async () => {
    const value = 'never-in-cloudtrail-7f3a9c';
    const { ARN } = await sm().send(new CreateSecretCommand({ Name: 'audited', SecretString: value }));
    await sm().send(new GetSecretValueCommand({ SecretId: ARN }));
    await sm().send(new PutSecretValueCommand({ SecretId: ARN, SecretString: `${value}-2` }));
    const trail = new CloudTrailClient(clientConfig(bulwark.endpoint));
    const events = async (name: string) =>
      ((await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }] }))).Events ?? []).map((e) => e.CloudTrailEvent!);
    const reads = await events('GetSecretValue');
    const read = reads.map((e) => JSON.parse(e)).find((e) => e.requestParameters?.secretId === ARN);
    assert.ok(read, 'GetSecretValue is in event history');
    assert.equal(read.eventSource, 'secretsmanager.amazonaws.com');
    assert.equal(read.responseElements, null);
    const all = [...reads, ...(await events('CreateSecret')), ...(await events('PutSecretValue')), ...(await events('Decrypt')), ...(await events('GenerateDataKey'))];
    assert.ok(all.length >= 5);
    for (const e of all) assert.ok(!e.includes(value), `the secret value must not be recorded: ${e.slice(0, 200)}`);
    const decrypt = (await events('Decrypt')).map((e) => JSON.parse(e)).find((e) => e.requestParameters?.encryptionContext?.SecretARN === ARN);
    assert.ok(decrypt, 'KMS Decrypt on the caller’s behalf is recorded');
    assert.equal(decrypt.userIdentity.invokedBy, 'secretsmanager.amazonaws.com');
    assert.equal(decrypt.eventSource, 'kms.amazonaws.com');
  });
});
