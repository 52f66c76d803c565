import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GetTrailStatusCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { CreateRoleCommand, GetRolePolicyCommand, GetUserCommand, GetUserPolicyCommand, IAMClient, ListAccessKeysCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { CreateBucketCommand, DeletePublicAccessBlockCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BatchImportFindingsCommand, CreateActionTargetCommand, GetFindingsCommand } from '@aws-sdk/client-securityhub';
import { clientConfig, iam, keysOf, rejectsWith, sts, userWithKey } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { s3 } from './guardduty-helpers.js';
import { ACCOUNT, assertRemediationIdentity, deadLetters, enableDetection, loggingTrail, remediationCalls, remediationRule, settle, until } from './remediation-helpers.js';
import { asff, securityhub } from './securityhub-helpers.js';

/**
 * Each action of the remediation catalog through the real chain, with the SDK v3: the
 * situation created, the event it causes (a CloudTrail API call, a GuardDuty finding, a
 * Security Hub import or custom action) matched by an EventBridge rule whose target is the
 * action, the effect seen through the API, and the action's own calls in CloudTrail as the
 * remediation role's session.
 */
const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

const publicAccessBlock = (client: S3Client, bucket: string) =>
  client.send(new GetPublicAccessBlockCommand({ Bucket: bucket })).then(
    (out) => out.PublicAccessBlockConfiguration,
    (err: { name?: string }) => err.name,
  );

/** The SDK with a user agent whose platform token names Kali Linux (GuardDuty's PenTest finding). */
const KALI: Array<[string, string]> = [['md/distrib', 'kali']];

describe('remediation actions', () => {
  const bulwark = suiteServer();

  test('s3-block-public-access on "AWS API Call via CloudTrail": Block Public Access back on, once (its own call ends the chain)', async () => {
    await enableDetection(bulwark.endpoint);
    const client = s3(bulwark.endpoint);
    await client.send(new CreateBucketCommand({ Bucket: 'rem-bpa' }));
    await remediationRule(bulwark.endpoint, {
      name: 'bpa-removed',
      pattern: { source: ['aws.s3'], 'detail-type': ['AWS API Call via CloudTrail'], detail: { eventName: ['DeleteBucketPublicAccessBlock', 'PutBucketPublicAccessBlock'], requestParameters: { bucketName: ['rem-bpa'] } } },
      actions: ['s3-block-public-access'],
    });
    await client.send(new DeletePublicAccessBlockCommand({ Bucket: 'rem-bpa' }));
    await settle(bulwark);

    assert.deepEqual(await publicAccessBlock(client, 'rem-bpa'), ALL_ON);
    const calls = (await remediationCalls(bulwark.endpoint, 'PutBucketPublicAccessBlock')).filter((r) => r.requestParameters?.bucketName === 'rem-bpa');
    assert.equal(calls.length, 1, 'the event of its own PutPublicAccessBlock finds Block Public Access on and writes nothing');
    assertRemediationIdentity(calls[0], 's3-block-public-access');
    assert.deepEqual(await deadLetters(bulwark, 'bpa-removed'), []);
  });

  test('s3-remove-public-policy-statements on a GuardDuty finding: the public statement goes, the others stay', async () => {
    const client = s3(bulwark.endpoint);
    await client.send(new CreateBucketCommand({ Bucket: 'rem-policy' }));
    await client.send(new DeletePublicAccessBlockCommand({ Bucket: 'rem-policy' }));
    await remediationRule(bulwark.endpoint, {
      name: 'anonymous-bucket',
      pattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { type: ['Policy:S3/BucketAnonymousAccessGranted'], resource: { s3BucketDetails: { name: ['rem-policy'] } } } },
      actions: ['s3-remove-public-policy-statements'],
    });
    const partner = { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::rem-policy/*' };
    const everyone = { Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::rem-policy/*' };
    await client.send(new PutBucketPolicyCommand({ Bucket: 'rem-policy', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [partner, everyone] }) }));
    await settle(bulwark);

    const policy = JSON.parse((await client.send(new GetBucketPolicyCommand({ Bucket: 'rem-policy' }))).Policy!);
    assert.deepEqual(policy, { Version: '2012-10-17', Statement: [partner] });
    const [put] = (await remediationCalls(bulwark.endpoint, 'PutBucketPolicy')).filter((r) => r.requestParameters?.bucketName === 'rem-policy');
    assertRemediationIdentity(put, 's3-remove-public-policy-statements');
    assert.deepEqual(await deadLetters(bulwark, 'anonymous-bucket'), []);
  });

  test('iam-deactivate-access-key (GuardDuty finding) and iam-quarantine-principal (Security Hub finding) for a user calling from Kali Linux', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] });
    const keys = await userWithKey(bulwark.endpoint, 'rem-kali', { policy: { name: 'read', document: policy } });
    await remediationRule(bulwark.endpoint, {
      name: 'kali-key',
      pattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { type: ['PenTest:IAMUser/KaliLinux'], resource: { accessKeyDetails: { userName: ['rem-kali'] } } } },
      actions: ['iam-deactivate-access-key'],
    });
    await remediationRule(bulwark.endpoint, {
      name: 'kali-user',
      pattern: {
        source: ['aws.securityhub'],
        'detail-type': ['Security Hub Findings - Imported'],
        detail: { findings: { Types: [{ suffix: 'PenTest:IAMUser-KaliLinux' }], Resources: { Details: { AwsIamAccessKey: { PrincipalName: ['rem-kali'] } } } } },
      },
      actions: ['iam-quarantine-principal'],
    });
    const attacker = new IAMClient({ ...clientConfig(bulwark.endpoint, keys), customUserAgent: KALI });
    await attacker.send(new GetUserCommand({ UserName: 'rem-kali' }));
    await settle(bulwark);

    const [key] = (await iam(bulwark.endpoint).send(new ListAccessKeysCommand({ UserName: 'rem-kali' }))).AccessKeyMetadata!;
    assert.equal(key!.Status, 'Inactive');
    const quarantine = await iam(bulwark.endpoint).send(new GetUserPolicyCommand({ UserName: 'rem-kali', PolicyName: 'BulwarkQuarantine' }));
    assert.deepEqual(JSON.parse(decodeURIComponent(quarantine.PolicyDocument!)).Statement, [{ Sid: 'BulwarkQuarantineDenyAll', Effect: 'Deny', Action: '*', Resource: '*' }]);
    await rejectsWith(attacker.send(new GetUserCommand({ UserName: 'rem-kali' })), 'InvalidClientTokenId', 403);
    const [update] = (await remediationCalls(bulwark.endpoint, 'UpdateAccessKey')).filter((r) => r.requestParameters?.userName === 'rem-kali');
    assertRemediationIdentity(update, 'iam-deactivate-access-key');
    assert.equal(update!.requestParameters.accessKeyId, keys.accessKeyId);
    const [put] = (await remediationCalls(bulwark.endpoint, 'PutUserPolicy')).filter((r) => r.requestParameters?.userName === 'rem-kali');
    assertRemediationIdentity(put, 'iam-quarantine-principal');
    assert.deepEqual([...(await deadLetters(bulwark, 'kali-key')), ...(await deadLetters(bulwark, 'kali-user'))], []);
  });

  test('iam-quarantine-principal on a role session\'s API call: the role gets the deny-all policy, its live session is cut off', async () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });
    await iam(bulwark.endpoint).send(new CreateRoleCommand({ RoleName: 'rem-suspect', AssumeRolePolicyDocument: trust }));
    await iam(bulwark.endpoint).send(new PutRolePolicyCommand({ RoleName: 'rem-suspect', PolicyName: 'buckets', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:CreateBucket', Resource: '*' }] }) }));
    const assumer = await userWithKey(bulwark.endpoint, 'rem-assumer', { policy: { name: 'assume', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) } });
    const session = keysOf((await sts(bulwark.endpoint, assumer).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/rem-suspect`, RoleSessionName: 'intruder' }))).Credentials);
    await remediationRule(bulwark.endpoint, {
      name: 'suspect-role',
      pattern: { 'detail-type': ['AWS API Call via CloudTrail'], detail: { eventName: ['CreateBucket'], userIdentity: { sessionContext: { sessionIssuer: { userName: ['rem-suspect'] } } } } },
      actions: ['iam-quarantine-principal'],
    });
    const asRole = new S3Client({ ...clientConfig(bulwark.endpoint, session), forcePathStyle: true });
    await asRole.send(new CreateBucketCommand({ Bucket: 'rem-suspect-1' }));
    await settle(bulwark);

    const quarantine = await iam(bulwark.endpoint).send(new GetRolePolicyCommand({ RoleName: 'rem-suspect', PolicyName: 'BulwarkQuarantine' }));
    assert.match(decodeURIComponent(quarantine.PolicyDocument!), /"Effect":"Deny","Action":"\*","Resource":"\*"/);
    await rejectsWith(asRole.send(new CreateBucketCommand({ Bucket: 'rem-suspect-2' })), 'AccessDenied', 403);
    const [put] = (await remediationCalls(bulwark.endpoint, 'PutRolePolicy')).filter((r) => r.requestParameters?.roleName === 'rem-suspect');
    assertRemediationIdentity(put, 'iam-quarantine-principal');
  });

  test('cloudtrail-start-logging on a GuardDuty finding: the trail it names logs again', async () => {
    const cloudTrail = await loggingTrail(bulwark.endpoint, 'rem-trail');
    await remediationRule(bulwark.endpoint, {
      name: 'logging-disabled',
      pattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { type: ['Stealth:IAMUser/CloudTrailLoggingDisabled'] } },
      actions: ['cloudtrail-start-logging'],
    });
    await cloudTrail.send(new StopLoggingCommand({ Name: 'rem-trail' }));
    await settle(bulwark);

    assert.equal((await cloudTrail.send(new GetTrailStatusCommand({ Name: 'rem-trail' }))).IsLogging, true);
    const [start] = await remediationCalls(bulwark.endpoint, 'StartLogging');
    assertRemediationIdentity(start, 'cloudtrail-start-logging');
    assert.equal(start!.requestParameters.name, 'rem-trail', 'the trail the finding names (additionalInfo.trailName)');
    assert.deepEqual(await deadLetters(bulwark, 'logging-disabled'), []);
  });

  test('kms-cancel-key-deletion on ScheduleKeyDeletion: the deletion is cancelled and the key enabled again', async () => {
    const kms = new KMSClient(clientConfig(bulwark.endpoint));
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await remediationRule(bulwark.endpoint, {
      name: 'key-deletion',
      pattern: { source: ['aws.kms'], 'detail-type': ['AWS API Call via CloudTrail'], detail: { eventName: ['ScheduleKeyDeletion'], requestParameters: { keyId: [keyId] } } },
      actions: ['kms-cancel-key-deletion'],
    });
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    await settle(bulwark);

    const key = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    assert.equal(key.KeyState, 'Enabled');
    assert.equal(key.DeletionDate, undefined);
    for (const [eventName] of [['CancelKeyDeletion'], ['EnableKey']]) {
      const [call] = await remediationCalls(bulwark.endpoint, eventName!);
      assertRemediationIdentity(call, 'kms-cancel-key-deletion');
    }
  });

  test('secretsmanager-rotate-secret on a read (a rule taking read-only calls): rotated with its own rotation; a secret without one is dead-lettered', async () => {
    const sm = new SecretsManagerClient(clientConfig(bulwark.endpoint));
    await sm.send(new CreateSecretCommand({ Name: 'rem/db', SecretString: 'first' }));
    await sm.send(new CreateSecretCommand({ Name: 'rem/plain', SecretString: 'plain' }));
    await sm.send(new RotateSecretCommand({ SecretId: 'rem/db', RotationLambdaARN: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:bulwark-random-password`, RotateImmediately: false }));
    await remediationRule(bulwark.endpoint, {
      name: 'secret-read',
      state: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      pattern: { source: ['aws.secretsmanager'], 'detail-type': ['AWS API Call via CloudTrail'], detail: { eventName: ['GetSecretValue'], requestParameters: { secretId: ['rem/db', 'rem/plain'] } } },
      actions: ['secretsmanager-rotate-secret'],
    });
    const before = (await sm.send(new GetSecretValueCommand({ SecretId: 'rem/db' }))).VersionId;
    await sm.send(new GetSecretValueCommand({ SecretId: 'rem/plain' }));
    await settle(bulwark);

    const rotated = await until(async () => {
      const d = await sm.send(new DescribeSecretCommand({ SecretId: 'rem/db' }));
      return d.LastRotatedDate ? d : undefined;
    });
    assert.ok(rotated.LastRotatedDate);
    assert.notEqual((await sm.send(new GetSecretValueCommand({ SecretId: 'rem/db' }))).VersionId, before);
    const [rotate] = await remediationCalls(bulwark.endpoint, 'RotateSecret');
    assertRemediationIdentity(rotate, 'secretsmanager-rotate-secret');
    const letters = await deadLetters(bulwark, 'secret-read');
    assert.equal(letters.length, 1);
    assert.equal(letters[0]!.MessageAttributes.ERROR_CODE, 'INVALID_PARAMETER');
    assert.match(letters[0]!.MessageAttributes.ERROR_MESSAGE, /rem\/plain has no rotation function configured/);
  });

  test('a Security Hub custom action on your own ASFF finding: s3-block-public-access on its AwsS3Bucket, securityhub-resolve-finding', async () => {
    const client = s3(bulwark.endpoint);
    await client.send(new CreateBucketCommand({ Bucket: 'rem-asff' }));
    await client.send(new DeletePublicAccessBlockCommand({ Bucket: 'rem-asff' }));
    const hub = securityhub(bulwark.endpoint);
    const finding = asff('rem-scanner-1', { Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::rem-asff', Partition: 'aws', Region: 'us-east-1', Details: { AwsS3Bucket: { Name: 'rem-asff' } } }] });
    assert.equal((await hub.send(new BatchImportFindingsCommand({ Findings: [finding] }))).FailedCount, 0);
    const target = (await hub.send(new CreateActionTargetCommand({ Name: 'Remediate', Description: 'Fix the bucket', Id: 'Remediate' }))).ActionTargetArn!;
    await remediationRule(bulwark.endpoint, {
      name: 'custom-action',
      pattern: { source: ['aws.securityhub'], 'detail-type': ['Security Hub Findings - Custom Action'], resources: [target] },
      actions: ['s3-block-public-access', 'securityhub-resolve-finding'],
    });
    const invoked = await fetch(`${bulwark.endpoint}/_bulwark/securityhub/custom-action`, {
      method: 'POST',
      body: JSON.stringify({ ActionTargetArn: target, FindingIdentifiers: [{ Id: finding.Id, ProductArn: finding.ProductArn }] }),
    });
    assert.equal(invoked.status, 200, await invoked.clone().text());
    await settle(bulwark);

    assert.deepEqual(await publicAccessBlock(client, 'rem-asff'), ALL_ON);
    const [stored] = (await hub.send(new GetFindingsCommand({ Filters: { Id: [{ Value: finding.Id, Comparison: 'EQUALS' }] } }))).Findings!;
    assert.equal(stored!.Workflow?.Status, 'RESOLVED');
    assert.equal(stored!.Note?.UpdatedBy, 'bulwark-remediation');
    const [update] = await remediationCalls(bulwark.endpoint, 'BatchUpdateFindings');
    assertRemediationIdentity(update, 'securityhub-resolve-finding');
    assert.deepEqual(await deadLetters(bulwark, 'custom-action'), []);
  });
});
