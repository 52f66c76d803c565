import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  PutUserPermissionsBoundaryCommand,
  DeleteUserPermissionsBoundaryCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
  type Policy,
} from '@aws-sdk/client-iam';
import { suiteServer } from '../support/server.js';
import { creds, iam, rejectsWith } from '../support/aws-clients.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const LAMBDA = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

async function listAll(client: IAMClient, input: { Scope?: 'AWS' | 'Local' | 'All'; OnlyAttached?: boolean; PathPrefix?: string; MaxItems?: number }): Promise<Policy[]> {
  const out: Policy[] = [];
  let Marker: string | undefined;
  do {
    const page = await client.send(new ListPoliciesCommand({ ...input, Marker }));
    out.push(...page.Policies!);
    assert.equal(page.IsTruncated, page.Marker !== undefined);
    Marker = page.Marker;
  } while (Marker);
  return out;
}

describe('IAM: the AWS managed policies', () => {
  const bulwark = suiteServer(['--accept-any-key']); // a 12-digit key id is that account's root

  test('GetPolicy: AdministratorAccess, ReadOnlyAccess and a service-role path policy', async () => {
    const client = iam(bulwark.endpoint);
    const admin = (await client.send(new GetPolicyCommand({ PolicyArn: ADMIN }))).Policy!;
    assert.equal(admin.PolicyName, 'AdministratorAccess');
    assert.equal(admin.Arn, ADMIN);
    assert.equal(admin.Path, '/');
    assert.equal(admin.DefaultVersionId, 'v1');
    assert.equal(admin.AttachmentCount, 0);
    assert.equal(admin.IsAttachable, true);
    assert.match(admin.PolicyId!, /^ANPA[A-Z2-7]{17}$/);
    assert.ok(admin.CreateDate instanceof Date && admin.UpdateDate instanceof Date);
    const again = (await client.send(new GetPolicyCommand({ PolicyArn: ADMIN }))).Policy!;
    assert.equal(again.PolicyId, admin.PolicyId, 'the id is stable');

    const ro = (await client.send(new GetPolicyCommand({ PolicyArn: READONLY }))).Policy!;
    assert.equal(ro.PolicyName, 'ReadOnlyAccess');
    assert.match(ro.DefaultVersionId!, /^v\d+$/);

    const lambda = (await client.send(new GetPolicyCommand({ PolicyArn: LAMBDA }))).Policy!;
    assert.equal(lambda.Path, '/service-role/');
    assert.equal(lambda.PolicyName, 'AWSLambdaBasicExecutionRole');
    // the path is part of the ARN
    await rejectsWith(client.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole' })), 'NoSuchEntityException', 404);
    const missing = 'arn:aws:iam::aws:policy/NoSuchAwsPolicy';
    await rejectsWith(client.send(new GetPolicyCommand({ PolicyArn: missing })), 'NoSuchEntityException', 404, `Policy ${missing} was not found.`);
  });

  test('GetPolicyVersion / ListPolicyVersions: the default version and its document', async () => {
    const client = iam(bulwark.endpoint);
    const v = (await client.send(new GetPolicyVersionCommand({ PolicyArn: ADMIN, VersionId: 'v1' }))).PolicyVersion!;
    assert.equal(v.IsDefaultVersion, true);
    assert.deepEqual(JSON.parse(decodeURIComponent(v.Document!)), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const ro = (await client.send(new GetPolicyCommand({ PolicyArn: READONLY }))).Policy!;
    const roVersion = (await client.send(new GetPolicyVersionCommand({ PolicyArn: READONLY, VersionId: ro.DefaultVersionId! }))).PolicyVersion!;
    assert.ok(JSON.parse(decodeURIComponent(roVersion.Document!)).Statement.length > 0);
    const lambda = (await client.send(new GetPolicyVersionCommand({ PolicyArn: LAMBDA, VersionId: 'v1' }))).PolicyVersion!;
    assert.match(decodeURIComponent(lambda.Document!), /logs:PutLogEvents/);
    await rejectsWith(client.send(new GetPolicyVersionCommand({ PolicyArn: ADMIN, VersionId: 'v9' })), 'NoSuchEntityException', 404, `Policy ${ADMIN} version v9 does not exist or is not attachable.`);
    const versions = await client.send(new ListPolicyVersionsCommand({ PolicyArn: READONLY }));
    assert.deepEqual(versions.Versions!.map((x) => [x.VersionId, x.IsDefaultVersion]), [[ro.DefaultVersionId, true]]);
    assert.equal(versions.IsTruncated, false);
  });

  test('ListPolicies Scope=AWS pages through the whole catalog; Local and All', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreatePolicyCommand({ PolicyName: 'mine', PolicyDocument: doc('s3:GetObject') }));
    const first = await client.send(new ListPoliciesCommand({ Scope: 'AWS', MaxItems: 50 }));
    assert.equal(first.Policies!.length, 50);
    assert.equal(first.IsTruncated, true);
    const aws = await listAll(client, { Scope: 'AWS', MaxItems: 300 });
    assert.ok(aws.length > 1000, `${aws.length} AWS managed policies`);
    assert.equal(new Set(aws.map((p) => p.Arn)).size, aws.length, 'no duplicates across pages');
    assert.ok(aws.every((p) => p.Arn!.startsWith('arn:aws:iam::aws:policy/')));
    for (const arn of [ADMIN, READONLY, LAMBDA]) assert.ok(aws.some((p) => p.Arn === arn), arn);
    const names = aws.map((p) => p.PolicyName!.toLowerCase());
    assert.deepEqual(names, [...names].sort());

    const local = await listAll(client, { Scope: 'Local' });
    assert.deepEqual(local.map((p) => p.PolicyName), ['mine']);

    const all = await listAll(client, { MaxItems: 1000 });
    assert.equal(all.length, aws.length + 1);
    assert.equal(all.at(-1)!.PolicyName, 'mine', 'AWS managed first, then local');

    const serviceRole = await listAll(client, { Scope: 'AWS', PathPrefix: '/service-role/' });
    assert.ok(serviceRole.length > 10 && serviceRole.every((p) => p.Path === '/service-role/'));
    assert.ok(serviceRole.some((p) => p.Arn === LAMBDA));
  });

  test('attach/detach to a user and a role; AttachmentCount, ListAttached…, ListEntitiesForPolicy, OnlyAttached', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'alice' }));
    await client.send(new CreateRoleCommand({ RoleName: 'fn', AssumeRolePolicyDocument: TRUST }));
    await client.send(new CreateGroupCommand({ GroupName: 'ops' }));

    await client.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: ADMIN }));
    await client.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: ADMIN })); // twice: no change
    await client.send(new AttachRolePolicyCommand({ RoleName: 'fn', PolicyArn: LAMBDA }));
    await client.send(new AttachRolePolicyCommand({ RoleName: 'fn', PolicyArn: ADMIN }));
    await client.send(new AttachGroupPolicyCommand({ GroupName: 'ops', PolicyArn: READONLY }));

    const userAttached = await client.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }));
    assert.deepEqual(userAttached.AttachedPolicies, [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN }]);
    const roleAttached = await client.send(new ListAttachedRolePoliciesCommand({ RoleName: 'fn' }));
    assert.deepEqual(roleAttached.AttachedPolicies!.map((a) => a.PolicyArn), [ADMIN, LAMBDA]);
    const rolePath = await client.send(new ListAttachedRolePoliciesCommand({ RoleName: 'fn', PathPrefix: '/service-role/' }));
    assert.deepEqual(rolePath.AttachedPolicies!.map((a) => a.PolicyArn), [LAMBDA]);

    assert.equal((await client.send(new GetPolicyCommand({ PolicyArn: ADMIN }))).Policy!.AttachmentCount, 2);
    assert.equal((await client.send(new GetPolicyCommand({ PolicyArn: LAMBDA }))).Policy!.AttachmentCount, 1);

    const entities = await client.send(new ListEntitiesForPolicyCommand({ PolicyArn: ADMIN }));
    assert.deepEqual(entities.PolicyUsers!.map((u) => u.UserName), ['alice']);
    assert.deepEqual(entities.PolicyRoles!.map((r) => r.RoleName), ['fn']);
    assert.deepEqual(entities.PolicyGroups, []);

    const attached = await listAll(client, { Scope: 'AWS', OnlyAttached: true });
    assert.deepEqual(attached.map((p) => [p.PolicyName, p.AttachmentCount]), [
      ['AdministratorAccess', 2],
      ['AWSLambdaBasicExecutionRole', 1],
      ['ReadOnlyAccess', 1],
    ]);
    const attachedAll = await listAll(client, { OnlyAttached: true });
    assert.equal(attachedAll.length, 3, 'the local policy is not attached');

    // AttachmentCount is per account: another account sees none.
    const other = iam(bulwark.endpoint, creds('111111111111'));
    assert.equal((await other.send(new GetPolicyCommand({ PolicyArn: ADMIN }))).Policy!.AttachmentCount, 0);
    assert.deepEqual(await listAll(other, { Scope: 'AWS', OnlyAttached: true }), []);

    await client.send(new DetachUserPolicyCommand({ UserName: 'alice', PolicyArn: ADMIN }));
    await client.send(new DetachRolePolicyCommand({ RoleName: 'fn', PolicyArn: ADMIN }));
    await client.send(new DetachRolePolicyCommand({ RoleName: 'fn', PolicyArn: LAMBDA }));
    await client.send(new DetachGroupPolicyCommand({ GroupName: 'ops', PolicyArn: READONLY }));
    await rejectsWith(client.send(new DetachUserPolicyCommand({ UserName: 'alice', PolicyArn: ADMIN })), 'NoSuchEntityException', 404, `Policy ${ADMIN} was not found.`);
    assert.equal((await client.send(new GetPolicyCommand({ PolicyArn: ADMIN }))).Policy!.AttachmentCount, 0);
    assert.deepEqual((await client.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }))).AttachedPolicies, []);
    assert.deepEqual(await listAll(client, { Scope: 'AWS', OnlyAttached: true }), []);
    const none = await client.send(new ListEntitiesForPolicyCommand({ PolicyArn: ADMIN }));
    assert.deepEqual([none.PolicyUsers, none.PolicyRoles, none.PolicyGroups], [[], [], []]);

    await rejectsWith(client.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchAwsPolicy' })), 'NoSuchEntityException', 404);
  });

  test('an AWS managed policy as a permissions boundary counts its use', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new PutUserPermissionsBoundaryCommand({ UserName: 'alice', PermissionsBoundary: READONLY }));
    assert.equal((await client.send(new GetPolicyCommand({ PolicyArn: READONLY }))).Policy!.PermissionsBoundaryUsageCount, 1);
    await client.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'alice' }));
    assert.equal((await client.send(new GetPolicyCommand({ PolicyArn: READONLY }))).Policy!.PermissionsBoundaryUsageCount, 0);
  });

  test('AWS managed policies cannot be changed: AccessDenied', async () => {
    const client = iam(bulwark.endpoint);
    await rejectsWith(client.send(new DeletePolicyCommand({ PolicyArn: ADMIN })), 'AccessDenied', 403, 'Cannot delete policies outside your own account.');
    await rejectsWith(client.send(new CreatePolicyVersionCommand({ PolicyArn: ADMIN, PolicyDocument: doc('s3:*') })), 'AccessDenied', 403);
    await rejectsWith(client.send(new SetDefaultPolicyVersionCommand({ PolicyArn: ADMIN, VersionId: 'v1' })), 'AccessDenied', 403);
    await rejectsWith(client.send(new DeletePolicyVersionCommand({ PolicyArn: READONLY, VersionId: 'v1' })), 'AccessDenied', 403);
    await rejectsWith(client.send(new TagPolicyCommand({ PolicyArn: ADMIN, Tags: [{ Key: 'k', Value: 'v' }] })), 'AccessDenied', 403);
    await rejectsWith(client.send(new UntagPolicyCommand({ PolicyArn: ADMIN, TagKeys: ['k'] })), 'AccessDenied', 403);
    assert.deepEqual((await client.send(new ListPolicyTagsCommand({ PolicyArn: ADMIN }))).Tags, []);
    // still there, unchanged
    const admin = (await client.send(new GetPolicyCommand({ PolicyArn: ADMIN }))).Policy!;
    assert.equal(admin.DefaultVersionId, 'v1');
    assert.equal(admin.Tags, undefined);
  });
});
