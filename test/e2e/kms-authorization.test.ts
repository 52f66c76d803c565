import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateGrantCommand, CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { clientConfig, creds, iam, keysOf, rejectsWith, sts, userWithKey, type Keys } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * Key policies and grants decide KMS calls through the policy engine, as AWS does: a key
 * policy that leaves out the account principal blocks even an IAM administrator; a grant lets
 * a role decrypt only with its granted encryption context; cross-account use needs both the
 * key policy and the caller's own identity policy.
 */
const ACCOUNT = '000000000000';
const OTHER = '222233334444';
const kms = (endpoint: string, keys?: Keys) => new KMSClient(clientConfig(endpoint, keys));
const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ADMIN = { name: 'admin', document: policy([{ Effect: 'Allow', Action: '*', Resource: '*' }]) };

describe('KMS key policies and grants', () => {
  const bulwark = suiteServer(['--accept-any-key']);

  test('the default key policy delegates to IAM: identity policies decide, with AWS wording', async () => {
    const root = kms(bulwark.endpoint);
    const key = (await root.send(new CreateKeyCommand({}))).KeyMetadata!;
    const allowed = await userWithKey(bulwark.endpoint, 'encrypter', {
      policy: { name: 'enc', document: policy([{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: key.Arn }]) },
    });
    const out = await kms(bulwark.endpoint, allowed).send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('hello') }));
    assert.equal(out.KeyId, key.Arn);
    await rejectsWith(
      kms(bulwark.endpoint, allowed).send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob })),
      'AccessDeniedException',
      400,
      `User: ${allowed.arn} is not authorized to perform: kms:Decrypt on resource: ${key.Arn} because no identity-based policy allows the kms:Decrypt action`,
    );
  });

  test('a key policy without the account principal blocks an IAM administrator (and the root)', async () => {
    const admin = await userWithKey(bulwark.endpoint, 'kms-admin', { policy: ADMIN });
    const only = await userWithKey(bulwark.endpoint, 'key-user');
    const keyPolicy = policy([{ Effect: 'Allow', Principal: { AWS: only.arn }, Action: 'kms:*', Resource: '*' }]);
    const root = kms(bulwark.endpoint);
    const key = (await root.send(new CreateKeyCommand({ Policy: keyPolicy, BypassPolicyLockoutSafetyCheck: true }))).KeyMetadata!;
    await rejectsWith(
      kms(bulwark.endpoint, admin).send(new DescribeKeyCommand({ KeyId: key.Arn })),
      'AccessDeniedException',
      400,
      /^User: arn:aws:iam::000000000000:user\/kms-admin is not authorized to perform: kms:DescribeKey on resource: arn:aws:kms:us-east-1:000000000000:key\/[-0-9a-f]+ because no resource-based policy allows the kms:DescribeKey action$/,
    );
    await rejectsWith(root.send(new DescribeKeyCommand({ KeyId: key.Arn })), 'AccessDeniedException', 400);
    // Named directly in the key policy, the user needs no identity policy in the key's account.
    const described = await kms(bulwark.endpoint, only).send(new DescribeKeyCommand({ KeyId: key.KeyId }));
    assert.equal(described.KeyMetadata!.Arn, key.Arn);
  });

  test('the lockout safety check refuses a policy that would lock the caller out', async () => {
    const root = kms(bulwark.endpoint);
    const key = (await root.send(new CreateKeyCommand({}))).KeyMetadata!;
    const other = policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/nobody` }, Action: 'kms:*', Resource: '*' }]);
    await rejectsWith(
      root.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default', Policy: other })),
      'MalformedPolicyDocumentException',
      400,
      'The new key policy will not allow you to update the key policy in the future.',
    );
  });

  test('a grant lets a role decrypt only with the granted encryption context', async () => {
    const endpoint = bulwark.endpoint;
    const trust = policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }]);
    const role = (await iam(endpoint).send(new CreateRoleCommand({ RoleName: 'decrypter', AssumeRolePolicyDocument: trust }))).Role!;
    const caller = await userWithKey(endpoint, 'role-caller', { policy: { name: 'assume', document: policy([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role.Arn }]) } });
    const session = keysOf((await sts(endpoint, caller).send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 's1' }))).Credentials);
    const root = kms(endpoint);
    const key = (await root.send(new CreateKeyCommand({}))).KeyMetadata!;
    const context = { purpose: 'game-day' };
    const sealed = (await root.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('s3cret'), EncryptionContext: context }))).CiphertextBlob!;
    const other = (await root.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('s3cret'), EncryptionContext: { purpose: 'other' } }))).CiphertextBlob!;
    const asRole = kms(endpoint, session);
    await rejectsWith(asRole.send(new DecryptCommand({ CiphertextBlob: sealed, EncryptionContext: context })), 'AccessDeniedException', 400);
    await root.send(
      new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: role.Arn, Operations: ['Decrypt'], Constraints: { EncryptionContextEquals: context } }),
    );
    const plain = await asRole.send(new DecryptCommand({ CiphertextBlob: sealed, EncryptionContext: context }));
    assert.equal(Buffer.from(plain.Plaintext!).toString(), 's3cret');
    await rejectsWith(asRole.send(new DecryptCommand({ CiphertextBlob: other, EncryptionContext: { purpose: 'other' } })), 'AccessDeniedException', 400);
    await rejectsWith(asRole.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x'), EncryptionContext: context })), 'AccessDeniedException', 400);
  });

  test('cross-account use needs both the key policy and the caller identity policy', async () => {
    const endpoint = bulwark.endpoint;
    const root = kms(endpoint);
    const shared = (
      await root.send(
        new CreateKeyCommand({
          Policy: policy([
            { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
            { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' },
          ]),
        }),
      )
    ).KeyMetadata!;
    const unshared = (await root.send(new CreateKeyCommand({}))).KeyMetadata!;
    const otherRoot = creds(OTHER, 'x');
    const encryptAnything = policy([{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' }]);
    const withPolicy = await userWithKey(endpoint, 'partner-app', { root: otherRoot, policy: { name: 'p', document: encryptAnything } });
    const without = await userWithKey(endpoint, 'partner-idle', { root: otherRoot });
    const encrypt = (keys: Keys, arn: string) => kms(endpoint, keys).send(new EncryptCommand({ KeyId: arn, Plaintext: Buffer.from('x') }));
    const ok = await encrypt(withPolicy, shared.Arn!);
    assert.equal(ok.KeyId, shared.Arn);
    await rejectsWith(encrypt(without, shared.Arn!), 'AccessDeniedException', 400, /because no identity-based policy allows the kms:Encrypt action$/);
    await rejectsWith(encrypt(withPolicy, unshared.Arn!), 'AccessDeniedException', 400, /because no resource-based policy allows the kms:Encrypt action$/);
  });

  test('kms:ResourceAliases: an identity policy can allow keys by their aliases (ABAC)', async () => {
    const root = kms(bulwark.endpoint);
    const finance = (await root.send(new CreateKeyCommand({}))).KeyMetadata!;
    const other = (await root.send(new CreateKeyCommand({}))).KeyMetadata!;
    await root.send(new CreateAliasCommand({ AliasName: 'alias/finance-ledger', TargetKeyId: finance.KeyId }));
    const user = await userWithKey(bulwark.endpoint, 'alias-abac', {
      policy: {
        name: 'abac',
        document: policy([{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*', Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/finance-*' } } }]),
      },
    });
    const out = await kms(bulwark.endpoint, user).send(new EncryptCommand({ KeyId: finance.KeyId, Plaintext: Buffer.from('x') }));
    assert.equal(out.KeyId, finance.Arn);
    await rejectsWith(kms(bulwark.endpoint, user).send(new EncryptCommand({ KeyId: other.KeyId, Plaintext: Buffer.from('x') })), 'AccessDeniedException', 400);
  });
});
