import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, CreateUserCommand, DeleteRolePolicyCommand, GetRoleCommand, GetRolePolicyCommand, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, DeletePublicAccessBlockCommand, GetPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { CATALOG } from '../../src/remediation/index.js';
import { iam } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { events } from './events-helpers.js';
import { s3 } from './guardduty-helpers.js';
import { ACCOUNT, assertRemediationIdentity, deadLetters, remediationCalls, remediationRule, settle } from './remediation-helpers.js';

/**
 * Whom remediation acts as, and how it fails: the role Bulwark maintains per account (created
 * on first use, put back when changed), a target's own RoleArn (used when EventBridge may
 * assume it, refused otherwise, its permissions enforced), and the dead letters of actions
 * that cannot run (unknown name, an event they do not take, an event that names nothing for them).
 */
const BPA_RULE = (bucket: string) => ({ source: ['aws.s3'], 'detail-type': ['AWS API Call via CloudTrail'], detail: { eventName: ['DeleteBucketPublicAccessBlock'], requestParameters: { bucketName: [bucket] } } });

const trusting = (principal: object) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
const allowing = (...actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });

describe('remediation roles and failures', () => {
  const bulwark = suiteServer();

  /** Creates `bucket`, has a rule run s3-block-public-access (as `roleArn`) when its Block Public Access is deleted, deletes it; resolves whether it is back on. */
  const openBucket = async (bucket: string, roleArn?: string): Promise<boolean> => {
    const client = s3(bulwark.endpoint);
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await remediationRule(bulwark.endpoint, { name: bucket, pattern: BPA_RULE(bucket), actions: ['s3-block-public-access'], roleArn });
    await client.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
    await settle(bulwark);
    return client.send(new GetPublicAccessBlockCommand({ Bucket: bucket })).then(
      () => true,
      () => false,
    );
  };

  test('the maintained role: /service-role/BulwarkRemediationRole, trusting EventBridge for this account, exactly the catalog\'s actions', async () => {
    assert.equal(await openBucket('roles-first'), true);
    const role = (await iam(bulwark.endpoint).send(new GetRoleCommand({ RoleName: 'BulwarkRemediationRole' }))).Role!;
    assert.equal(role.Path, '/service-role/');
    assert.deepEqual(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)).Statement, [
      { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ]);
    const policy = JSON.parse(decodeURIComponent((await iam(bulwark.endpoint).send(new GetRolePolicyCommand({ RoleName: 'BulwarkRemediationRole', PolicyName: 'BulwarkRemediation' }))).PolicyDocument!));
    const granted = policy.Statement.flatMap((s: { Action: string[] }) => s.Action).sort();
    assert.deepEqual(granted, [...CATALOG.values()].flatMap((a) => a.iamActions).sort());
    assert.ok(policy.Statement.some((s: { Sid: string; Action: string[] }) => s.Sid === 'S3BlockPublicAccess' && s.Action.includes('s3:PutBucketPublicAccessBlock')));
  });

  test('the maintained role is put back when someone changes it, and works again', async () => {
    await iam(bulwark.endpoint).send(new DeleteRolePolicyCommand({ RoleName: 'BulwarkRemediationRole', PolicyName: 'BulwarkRemediation' }));
    await iam(bulwark.endpoint).send(new UpdateAssumeRolePolicyCommand({ RoleName: 'BulwarkRemediationRole', PolicyDocument: trusting({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) }));
    assert.equal(await openBucket('roles-restored'), true);
    const role = (await iam(bulwark.endpoint).send(new GetRoleCommand({ RoleName: 'BulwarkRemediationRole' }))).Role!;
    assert.match(decodeURIComponent(role.AssumeRolePolicyDocument!), /events\.amazonaws\.com/);
    assert.deepEqual(await deadLetters(bulwark, 'roles-restored'), []);
  });

  test("a target's RoleArn: a role EventBridge may assume is used, with its own permissions", async () => {
    await iam(bulwark.endpoint).send(new CreateRoleCommand({ RoleName: 'rem-custom', AssumeRolePolicyDocument: trusting({ Service: 'events.amazonaws.com' }) }));
    await iam(bulwark.endpoint).send(new PutRolePolicyCommand({ RoleName: 'rem-custom', PolicyName: 'bpa', PolicyDocument: allowing('s3:GetBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock') }));
    assert.equal(await openBucket('roles-custom', `arn:aws:iam::${ACCOUNT}:role/rem-custom`), true);
    const [call] = (await remediationCalls(bulwark.endpoint, 'PutBucketPublicAccessBlock')).filter((r) => r.requestParameters?.bucketName === 'roles-custom');
    assertRemediationIdentity(call, 's3-block-public-access', 'rem-custom');
  });

  test("a target's RoleArn EventBridge may not assume, or that lacks the permission, is dead-lettered with NO_PERMISSIONS", async () => {
    await iam(bulwark.endpoint).send(new CreateRoleCommand({ RoleName: 'rem-untrusting', AssumeRolePolicyDocument: trusting({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) }));
    await iam(bulwark.endpoint).send(new PutRolePolicyCommand({ RoleName: 'rem-untrusting', PolicyName: 'all', PolicyDocument: allowing('s3:*') }));
    await iam(bulwark.endpoint).send(new CreateRoleCommand({ RoleName: 'rem-powerless', AssumeRolePolicyDocument: trusting({ Service: 'events.amazonaws.com' }) }));
    await iam(bulwark.endpoint).send(new PutRolePolicyCommand({ RoleName: 'rem-powerless', PolicyName: 'read', PolicyDocument: allowing('s3:GetBucketPublicAccessBlock') }));

    assert.equal(await openBucket('roles-untrusting', `arn:aws:iam::${ACCOUNT}:role/rem-untrusting`), false);
    const [refused] = await deadLetters(bulwark, 'roles-untrusting');
    assert.equal(refused!.MessageAttributes.ERROR_CODE, 'NO_PERMISSIONS');
    assert.match(refused!.MessageAttributes.ERROR_MESSAGE, /EventBridge is not allowed to assume arn:aws:iam::000000000000:role\/rem-untrusting/);

    assert.equal(await openBucket('roles-powerless', `arn:aws:iam::${ACCOUNT}:role/rem-powerless`), false);
    const [denied] = await deadLetters(bulwark, 'roles-powerless');
    assert.equal(denied!.MessageAttributes.ERROR_CODE, 'NO_PERMISSIONS');
    assert.match(denied!.MessageAttributes.ERROR_MESSAGE, /remediation\/s3-block-public-access on bucket roles-powerless: AccessDenied: .*rem-powerless.* is not authorized to perform: s3:PutBucketPublicAccessBlock/);
    assert.equal(denied!.MessageAttributes.EXHAUSTED_RETRY_CONDITION, undefined, 'a refusal is not retried');
  });

  test('actions that cannot run are dead-lettered: an unknown name, an event they do not take, an event naming nothing for them', async () => {
    await remediationRule(bulwark.endpoint, { name: 'roles-unknown', pattern: { source: ['bulwark.test'], 'detail-type': ['unknown action'] }, actions: ['s3-make-everything-fine'] });
    await remediationRule(bulwark.endpoint, { name: 'roles-custom-event', pattern: { source: ['bulwark.test'], 'detail-type': ['custom event'] }, actions: ['s3-block-public-access'] });
    await remediationRule(bulwark.endpoint, { name: 'roles-no-bucket', pattern: { source: ['aws.iam'], detail: { eventName: ['CreateUser'], requestParameters: { userName: ['roles-nobody'] } } }, actions: ['s3-block-public-access'] });
    const bus = events(bulwark.endpoint);
    await bus.send(new PutEventsCommand({ Entries: [{ Source: 'bulwark.test', DetailType: 'unknown action', Detail: '{}' }, { Source: 'bulwark.test', DetailType: 'custom event', Detail: JSON.stringify({ bucketName: 'x' }) }] }));
    await iam(bulwark.endpoint).send(new CreateUserCommand({ UserName: 'roles-nobody' }));
    await settle(bulwark);

    const letter = async (rule: string) => (await deadLetters(bulwark, rule))[0]!.MessageAttributes;
    assert.equal((await letter('roles-unknown')).ERROR_CODE, 'RESOURCE_NOT_FOUND');
    assert.match((await letter('roles-unknown')).ERROR_MESSAGE, /There is no remediation action s3-make-everything-fine; the catalog has s3-block-public-access, /);
    assert.equal((await letter('roles-custom-event')).ERROR_CODE, 'INVALID_PARAMETER');
    assert.match((await letter('roles-custom-event')).ERROR_MESSAGE, /remediation\/s3-block-public-access takes "GuardDuty Finding", .* events, not "custom event" from bulwark\.test/);
    assert.equal((await letter('roles-no-bucket')).ERROR_CODE, 'INVALID_PARAMETER');
    assert.match((await letter('roles-no-bucket')).ERROR_MESSAGE, /found no bucket to act on in the "AWS API Call via CloudTrail" event/);
  });
});
