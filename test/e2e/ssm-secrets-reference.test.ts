import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig, rejectsWith, userWithKey, type Keys } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * `/aws/reference/secretsmanager/<secret>` reads a Secrets Manager secret through Parameter
 * Store, as AWS documents: WithDecryption required, the current value (or a version stage / id
 * selector) as a SecureString with Version 0, SourceResult and the secret's ARN; the caller also
 * needs secretsmanager:GetSecretValue; errors relayed from Secrets Manager.
 */
const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const REF = '/aws/reference/secretsmanager/';

describe('SSM references to Secrets Manager secrets', () => {
  const bulwark = suiteServer();
  const ssm = (keys?: Keys) => new SSMClient(clientConfig(bulwark.endpoint, keys));
  const secrets = () => new SecretsManagerClient(clientConfig(bulwark.endpoint));

  test('GetParameter returns the secret’s current value; selectors pick a stage or version', async () => {
    const created = await secrets().send(new CreateSecretCommand({ Name: 'db/creds', SecretString: '{"user":"app","password":"first"}' }));
    const got = (await ssm().send(new GetParameterCommand({ Name: `${REF}db/creds`, WithDecryption: true }))).Parameter!;
    assert.equal(got.Name, `${REF}db/creds`);
    assert.equal(got.Type, 'SecureString');
    assert.equal(got.Value, '{"user":"app","password":"first"}');
    assert.equal(got.Version, 0);
    assert.equal(got.ARN, created.ARN);
    const source = JSON.parse(got.SourceResult!);
    assert.equal(source.Name, 'db/creds');
    assert.equal(source.SecretString, '{"user":"app","password":"first"}');
    assert.deepEqual(source.VersionStages, ['AWSCURRENT']);
    assert.equal(source.VersionId, created.VersionId);

    await secrets().send(new PutSecretValueCommand({ SecretId: 'db/creds', SecretString: 'second' }));
    assert.equal((await ssm().send(new GetParameterCommand({ Name: `${REF}db/creds`, WithDecryption: true }))).Parameter!.Value, 'second');
    const previous = (await ssm().send(new GetParameterCommand({ Name: `${REF}db/creds:AWSPREVIOUS`, WithDecryption: true }))).Parameter!;
    assert.equal(previous.Value, '{"user":"app","password":"first"}');
    assert.equal(previous.Selector, ':AWSPREVIOUS');
    assert.equal((await ssm().send(new GetParameterCommand({ Name: `${REF}db/creds:${created.VersionId}`, WithDecryption: true }))).Parameter!.Value, '{"user":"app","password":"first"}');
    assert.equal((await ssm().send(new GetParameterCommand({ Name: `${REF}${created.ARN}`, WithDecryption: true }))).Parameter!.Value, 'second');
  });

  test('WithDecryption is required; a missing secret is ParameterNotFound; GetParameters mixes both kinds', async () => {
    await secrets().send(new CreateSecretCommand({ Name: 'api-key', SecretString: 'k-123' }));
    await rejectsWith(ssm().send(new GetParameterCommand({ Name: `${REF}api-key` })), 'ValidationException', 400, 'WithDecryption flag must be True for retrieving a Secret Manager secret.');
    await rejectsWith(ssm().send(new GetParameterCommand({ Name: `${REF}nope`, WithDecryption: true })), 'ParameterNotFound', 400, /^Secrets Manager can't find the specified secret\. \(Service: AWSSecretsManager;/);
    await ssm().send(new PutParameterCommand({ Name: '/plain/p', Value: 'plain', Type: 'String' }));
    const out = await ssm().send(new GetParametersCommand({ Names: ['/plain/p', `${REF}api-key`, `${REF}nope`], WithDecryption: true }));
    assert.deepEqual(out.Parameters!.map((p) => [p.Name, p.Value]), [['/plain/p', 'plain'], [`${REF}api-key`, 'k-123']]);
    assert.deepEqual(out.InvalidParameters, [`${REF}nope`]);
  });

  test('the caller needs secretsmanager:GetSecretValue on the secret too', async () => {
    await secrets().send(new CreateSecretCommand({ Name: 'guarded', SecretString: 'g' }));
    const ssmOnly = await userWithKey(bulwark.endpoint, 'ref-ssm-only', { policy: { name: 'p', document: policy([{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' }]) } });
    await rejectsWith(ssm(ssmOnly).send(new GetParameterCommand({ Name: `${REF}guarded`, WithDecryption: true })), 'AccessDeniedException', 400, /is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:000000000000:secret:guarded-/);
    const both = await userWithKey(bulwark.endpoint, 'ref-both', { policy: { name: 'p', document: policy([{ Effect: 'Allow', Action: ['ssm:GetParameter', 'secretsmanager:GetSecretValue'], Resource: '*' }]) } });
    assert.equal((await ssm(both).send(new GetParameterCommand({ Name: `${REF}guarded`, WithDecryption: true }))).Parameter!.Value, 'g');
    // CloudTrail: the GetSecretValue SSM made is the caller's, invoked by SSM; no value anywhere.
    const events = (await new CloudTrailClient(clientConfig(bulwark.endpoint)).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'ref-both' }] }))).Events!;
    const read = events.map((e) => JSON.parse(e.CloudTrailEvent!)).find((r) => r.eventName === 'GetSecretValue')!;
    assert.ok(read, 'the GetSecretValue is in event history');
    assert.equal(read.eventSource, 'secretsmanager.amazonaws.com');
    assert.equal(read.userIdentity.invokedBy, 'ssm.amazonaws.com');
    assert.equal(read.userIdentity.arn, both.arn);
    assert.ok(events.some((e) => e.EventName === 'GetParameter'));
    for (const e of events) assert.ok(!JSON.parse(e.CloudTrailEvent!).responseElements?.SecretString, `${e.EventName} holds no value`);
    const noSsm = await userWithKey(bulwark.endpoint, 'ref-no-ssm', { policy: { name: 'p', document: policy([{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }]) } });
    await rejectsWith(ssm(noSsm).send(new GetParameterCommand({ Name: `${REF}guarded`, WithDecryption: true })), 'AccessDeniedException', 400, /ssm:GetParameter on resource: arn:aws:ssm:us-east-1:000000000000:parameter\/aws\/reference\/secretsmanager\/guarded /);
  });
});
