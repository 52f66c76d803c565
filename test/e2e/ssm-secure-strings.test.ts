import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateAliasCommand, CreateKeyCommand, DecryptCommand, DisableKeyCommand, KMSClient, ListAliasesCommand } from '@aws-sdk/client-kms';
import { DescribeParametersCommand, GetParameterCommand, GetParameterHistoryCommand, GetParametersByPathCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig, rejectsWith, userWithKey, type Keys } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * SecureString parameters through Bulwark's KMS, as AWS's Parameter Store uses KMS: the value
 * is stored only encrypted (a KMS ciphertext blob with the encryption context
 * {"PARAMETER_ARN": …}, or an envelope for the advanced tier); reading without WithDecryption
 * returns the ciphertext; writing and decrypting need the caller's kms:Encrypt /
 * kms:GenerateDataKey / kms:Decrypt through the key policy (kms:ViaService), else AWS's relayed
 * AccessDeniedException; KMS failures are InvalidKeyId; CloudTrail records the KMS calls as the
 * caller's, invoked by ssm.amazonaws.com, and never a value.
 */
const ACCOUNT = '000000000000';
const ARN = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter`;
const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const KMS_SUFFIX = / \(Service: AWSKMS; Status Code: 400; Error Code: (\w+); Request ID: [-0-9a-f]{36}; Proxy: null\)$/;

describe('SSM SecureString parameters and KMS', () => {
  const bulwark = suiteServer();
  const ssm = (keys?: Keys) => new SSMClient(clientConfig(bulwark.endpoint, keys));
  const kms = () => new KMSClient(clientConfig(bulwark.endpoint));

  test('the AWS managed key alias/aws/ssm is created on first use; the value is stored only encrypted', async () => {
    await ssm().send(new PutParameterCommand({ Name: '/sec/default', Value: 'hunter2-the-plaintext', Type: 'SecureString' }));
    const aliases = (await kms().send(new ListAliasesCommand({}))).Aliases!;
    assert.ok(aliases.some((a) => a.AliasName === 'alias/aws/ssm' && a.TargetKeyId), 'alias/aws/ssm exists');
    const meta = (await ssm().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/sec/default'] }] }))).Parameters![0]!;
    assert.equal(meta.KeyId, 'alias/aws/ssm');
    assert.equal(meta.Type, 'SecureString');
    const encrypted = (await ssm().send(new GetParameterCommand({ Name: '/sec/default' }))).Parameter!;
    assert.notEqual(encrypted.Value, 'hunter2-the-plaintext');
    assert.ok(!Buffer.from(encrypted.Value!, 'base64').toString('latin1').includes('hunter2'));
    assert.equal((await ssm().send(new GetParameterCommand({ Name: '/sec/default', WithDecryption: true }))).Parameter!.Value, 'hunter2-the-plaintext');
    // Nothing in the store holds the plaintext.
    for (const kind of ['ssm:parameter', 'ssm:parameter-version']) {
      const items = (await bulwark.store.list({ account: ACCOUNT, region: 'us-east-1' }, kind)).items;
      assert.ok(items.length > 0);
      for (const item of items) assert.ok(!JSON.stringify(item.value).includes('hunter2'), `${kind} ${item.id} holds no plaintext`);
    }
  });

  test('a customer managed key: the stored ciphertext is a KMS blob bound to the parameter ARN', async () => {
    const key = (await kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    await kms().send(new CreateAliasCommand({ AliasName: 'alias/params', TargetKeyId: key.KeyId }));
    await ssm().send(new PutParameterCommand({ Name: '/sec/cmk', Value: 'cmk-secret', Type: 'SecureString', KeyId: 'alias/params' }));
    const meta = (await ssm().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'KeyId', Values: ['alias/params'] }] }))).Parameters!;
    assert.deepEqual(meta.map((m) => m.Name), ['/sec/cmk']);
    const blob = Buffer.from((await ssm().send(new GetParameterCommand({ Name: '/sec/cmk' }))).Parameter!.Value!, 'base64');
    const opened = await kms().send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { PARAMETER_ARN: `${ARN}/sec/cmk` } }));
    assert.equal(Buffer.from(opened.Plaintext!).toString(), 'cmk-secret');
    assert.equal(opened.KeyId, key.Arn);
    await rejectsWith(kms().send(new DecryptCommand({ CiphertextBlob: blob })), 'InvalidCiphertextException', 400);

    // The advanced tier uses envelope encryption: the ciphertext is no longer a bare KMS blob.
    await ssm().send(new PutParameterCommand({ Name: '/sec/cmk', Value: 'x'.repeat(5000), Type: 'SecureString', KeyId: key.Arn, Overwrite: true, Tier: 'Advanced' }));
    assert.equal((await ssm().send(new GetParameterCommand({ Name: '/sec/cmk', WithDecryption: true }))).Parameter!.Value, 'x'.repeat(5000));
    const history = (await ssm().send(new GetParameterHistoryCommand({ Name: '/sec/cmk', WithDecryption: true }))).Parameters!;
    assert.deepEqual(history.map((h) => [h.Version, h.KeyId, h.Tier, h.Value!.length]), [[1, 'alias/params', 'Standard', 10], [2, key.Arn, 'Advanced', 5000]]);
  });

  test('KMS failures are InvalidKeyId with KMS’s message', async () => {
    await rejectsWith(
      ssm().send(new PutParameterCommand({ Name: '/sec/nokey', Value: 'v', Type: 'SecureString', KeyId: 'alias/does-not-exist' })),
      'InvalidKeyId',
      400,
      /^Alias 'arn:aws:kms:us-east-1:000000000000:alias\/does-not-exist' is not found\. \(Service: AWSKMS; Status Code: 400; Error Code: NotFoundException; /,
    );
    const missing = `arn:aws:kms:us-east-1:${ACCOUNT}:key/00000000-0000-0000-0000-000000000000`;
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/sec/nokey', Value: 'v', Type: 'SecureString', KeyId: missing })), 'InvalidKeyId', 400, new RegExp(`^Key '${missing}' does not exist`));
    const signing = (await kms().send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!;
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/sec/nokey', Value: 'v', Type: 'SecureString', KeyId: signing.KeyId })), 'InvalidKeyId', 400, KMS_SUFFIX);
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/sec/nokey', Value: 'v', Type: 'String', KeyId: signing.KeyId })), 'ValidationException', 400);

    const key = (await kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    await ssm().send(new PutParameterCommand({ Name: '/sec/disabled', Value: 'v', Type: 'SecureString', KeyId: key.KeyId }));
    await kms().send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await rejectsWith(ssm().send(new GetParameterCommand({ Name: '/sec/disabled', WithDecryption: true })), 'InvalidKeyId', 400, new RegExp(`^${key.Arn} is disabled\\. \\(Service: AWSKMS; Status Code: 400; Error Code: DisabledException;`));
    assert.ok((await ssm().send(new GetParameterCommand({ Name: '/sec/disabled' }))).Parameter!.Value, 'the encrypted value needs no KMS');
  });

  test('a user without kms permissions: the AWS managed key works through SSM, a customer managed key does not', async () => {
    const key = (await kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    await ssm().send(new PutParameterCommand({ Name: '/team/db-password', Value: 'p@ss', Type: 'SecureString', KeyId: key.KeyId }));
    const user = await userWithKey(bulwark.endpoint, 'ssm-only', { policy: { name: 'ssm', document: policy([{ Effect: 'Allow', Action: 'ssm:*', Resource: '*' }]) } });
    // Without WithDecryption nothing of KMS is needed: the encrypted value comes back.
    const encrypted = (await ssm(user).send(new GetParameterCommand({ Name: '/team/db-password' }))).Parameter!;
    assert.notEqual(encrypted.Value, 'p@ss');
    await rejectsWith(
      ssm(user).send(new GetParameterCommand({ Name: '/team/db-password', WithDecryption: true })),
      'AccessDeniedException',
      400,
      new RegExp(`^User: ${user.arn} is not authorized to perform: kms:Decrypt on resource: ${key.Arn} because no identity-based policy allows the kms:Decrypt action \\(Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: [-0-9a-f]{36}; Proxy: null\\)$`),
    );
    await rejectsWith(ssm(user).send(new GetParametersByPathCommand({ Path: '/team', WithDecryption: true })), 'AccessDeniedException', 400, /kms:Decrypt/);
    await rejectsWith(
      ssm(user).send(new PutParameterCommand({ Name: '/team/other', Value: 'v', Type: 'SecureString', KeyId: key.Arn })),
      'AccessDeniedException',
      400,
      new RegExp(`^User: ${user.arn} is not authorized to perform: kms:Encrypt on resource: ${key.Arn} because no identity-based policy allows the kms:Encrypt action`),
    );
    // The AWS managed key's policy lets the account's principals use it through SSM.
    await ssm(user).send(new PutParameterCommand({ Name: '/team/managed', Value: 'ok', Type: 'SecureString' }));
    assert.equal((await ssm(user).send(new GetParameterCommand({ Name: '/team/managed', WithDecryption: true }))).Parameter!.Value, 'ok');
  });

  test('kms:ViaService and the PARAMETER_ARN encryption context in the caller’s policy; GenerateDataKey for the advanced tier', async () => {
    const key = (await kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    const user = await userWithKey(bulwark.endpoint, 'ssm-kms', {
      policy: {
        name: 'p',
        document: policy([
          { Effect: 'Allow', Action: 'ssm:*', Resource: '*' },
          { Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: key.Arn, Condition: { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } } },
          { Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:PARAMETER_ARN': `${ARN}/via/locked` } } },
        ]),
      },
    });
    await ssm(user).send(new PutParameterCommand({ Name: '/via/open', Value: 'open-value', Type: 'SecureString', KeyId: key.KeyId }));
    await ssm(user).send(new PutParameterCommand({ Name: '/via/locked', Value: 'locked-value', Type: 'SecureString', KeyId: key.KeyId }));
    assert.equal((await ssm(user).send(new GetParameterCommand({ Name: '/via/open', WithDecryption: true }))).Parameter!.Value, 'open-value');
    await rejectsWith(ssm(user).send(new GetParameterCommand({ Name: '/via/locked', WithDecryption: true })), 'AccessDeniedException', 400, /with an explicit deny in an identity-based policy/);
    // Directly, without SSM, the same user may not decrypt.
    const blob = Buffer.from((await ssm(user).send(new GetParameterCommand({ Name: '/via/open' }))).Parameter!.Value!, 'base64');
    await rejectsWith(new KMSClient(clientConfig(bulwark.endpoint, user)).send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { PARAMETER_ARN: `${ARN}/via/open` } })), 'AccessDeniedException', 400);
    await rejectsWith(
      ssm(user).send(new PutParameterCommand({ Name: '/via/advanced', Value: 'v', Type: 'SecureString', KeyId: key.KeyId, Tier: 'Advanced' })),
      'AccessDeniedException',
      400,
      /kms:GenerateDataKey/,
    );
  });

  test('CloudTrail: GetParameter without the value; the KMS Decrypt is the caller’s, invoked by SSM', async () => {
    const user = await userWithKey(bulwark.endpoint, 'trail-reader', { policy: { name: 'p', document: policy([{ Effect: 'Allow', Action: ['ssm:*', 'cloudtrail:LookupEvents'], Resource: '*' }]) } });
    await ssm(user).send(new PutParameterCommand({ Name: '/trail/secret', Value: 'never-in-a-log', Type: 'SecureString' }));
    assert.equal((await ssm(user).send(new GetParameterCommand({ Name: '/trail/secret', WithDecryption: true }))).Parameter!.Value, 'never-in-a-log');
    const trail = new CloudTrailClient(clientConfig(bulwark.endpoint, user));
    const events = (await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'trail-reader' }] }))).Events!;
    const get = events.find((e) => e.EventName === 'GetParameter')!;
    assert.ok(get, 'GetParameter is in event history');
    const record = JSON.parse(get.CloudTrailEvent!);
    assert.equal(record.eventSource, 'ssm.amazonaws.com');
    assert.deepEqual(record.requestParameters, { name: '/trail/secret', withDecryption: true });
    assert.equal(record.responseElements, null);
    assert.deepEqual(get.Resources, [{ ResourceType: 'AWS::SSM::Parameter', ResourceName: '/trail/secret' }]);
    const decrypt = events.map((e) => JSON.parse(e.CloudTrailEvent!)).find((r) => r.eventName === 'Decrypt')!;
    assert.ok(decrypt, 'the KMS Decrypt SSM made is in event history');
    assert.equal(decrypt.eventSource, 'kms.amazonaws.com');
    assert.equal(decrypt.userIdentity.arn, user.arn);
    assert.equal(decrypt.userIdentity.invokedBy, 'ssm.amazonaws.com');
    assert.deepEqual(decrypt.requestParameters.encryptionContext, { PARAMETER_ARN: `${ARN}/trail/secret` });
    assert.ok(events.some((e) => e.EventName === 'Encrypt'), 'the PutParameter’s Encrypt too');
    for (const e of events) assert.ok(!e.CloudTrailEvent!.includes('never-in-a-log'), `${e.EventName} holds no value`);
  });
});
