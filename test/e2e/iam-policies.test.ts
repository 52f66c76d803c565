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
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DeleteUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListEntitiesForPolicyCommand,
  ListPolicyTagsCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SetDefaultPolicyVersionCommand,
} from '@aws-sdk/client-iam';
import { pythonToolsMissing, runBoto3, suiteServer } from '../support/server.js';
import { iam, rejectsWith } from '../support/aws-clients.js';

const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
/** A valid document of about `size` non-whitespace characters. */
const sized = (size: number) => {
  const withSid = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
  return withSid('x'.repeat(size - withSid('').length));
};
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const ARN = 'arn:aws:iam::000000000000:policy/team/read';

describe('IAM managed policies and versions', () => {
  const bulwark = suiteServer();

  test('CreatePolicy returns an ANPA id, v1 default, zero attachments', async () => {
    const out = await iam(bulwark.endpoint).send(new CreatePolicyCommand({ PolicyName: 'read', Path: '/team/', PolicyDocument: doc('s3:Get*'), Description: 'reads' }));
    const p = out.Policy!;
    assert.match(p.PolicyId!, /^ANPA[A-Z2-7]{17}$/);
    assert.equal(p.Arn, ARN);
    assert.equal(p.DefaultVersionId, 'v1');
    assert.equal(p.AttachmentCount, 0);
    assert.equal(p.IsAttachable, true);
  });

  test('CreatePolicy errors: duplicate name, malformed, too large', async () => {
    const client = iam(bulwark.endpoint);
    await rejectsWith(client.send(new CreatePolicyCommand({ PolicyName: 'read', PolicyDocument: doc('s3:*') })), 'EntityAlreadyExistsException', 409, 'A policy called read already exists. Duplicate names are not allowed.');
    await rejectsWith(client.send(new CreatePolicyCommand({ PolicyName: 'bad', PolicyDocument: '{"Version":' })), 'MalformedPolicyDocumentException', 400, 'Syntax errors in policy.');
    await rejectsWith(client.send(new CreatePolicyCommand({ PolicyName: 'big', PolicyDocument: sized(6200) })), 'LimitExceededException', 409, 'Cannot exceed quota for PolicySize: 6144');
    // whitespace does not count
    const spaced = sized(6000).replace(/,/g, ',' + ' '.repeat(200));
    await client.send(new CreatePolicyCommand({ PolicyName: 'spaced', PolicyDocument: spaced }));
    await client.send(new DeletePolicyCommand({ PolicyArn: 'arn:aws:iam::000000000000:policy/spaced' }));
  });

  test('GetPolicy; a missing or foreign ARN → NoSuchEntity', async () => {
    const client = iam(bulwark.endpoint);
    const out = await client.send(new GetPolicyCommand({ PolicyArn: ARN }));
    assert.equal(out.Policy!.Description, 'reads');
    const missing = 'arn:aws:iam::000000000000:policy/nope';
    await rejectsWith(client.send(new GetPolicyCommand({ PolicyArn: missing })), 'NoSuchEntityException', 404, `Policy ${missing} was not found.`);
    await rejectsWith(client.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::000000000000:policy/read' })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::111111111111:policy/team/read' })), 'NoSuchEntityException', 404);
  });

  test('versions: create (SetAsDefault), get (URL-encoded), list, set default, delete; limits and conflicts', async () => {
    const client = iam(bulwark.endpoint);
    const v2 = await client.send(new CreatePolicyVersionCommand({ PolicyArn: ARN, PolicyDocument: doc('s3:List*'), SetAsDefault: true }));
    assert.deepEqual([v2.PolicyVersion!.VersionId, v2.PolicyVersion!.IsDefaultVersion], ['v2', true]);
    const got = await client.send(new GetPolicyVersionCommand({ PolicyArn: ARN, VersionId: 'v2' }));
    assert.equal(got.PolicyVersion!.Document, encodeURIComponent(doc('s3:List*')));
    assert.equal((await client.send(new GetPolicyCommand({ PolicyArn: ARN }))).Policy!.DefaultVersionId, 'v2');
    for (let i = 3; i <= 5; i++) await client.send(new CreatePolicyVersionCommand({ PolicyArn: ARN, PolicyDocument: doc(`s3:v${i}`) }));
    await rejectsWith(
      client.send(new CreatePolicyVersionCommand({ PolicyArn: ARN, PolicyDocument: doc('s3:v6') })),
      'LimitExceededException',
      409,
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    );
    const listed = await client.send(new ListPolicyVersionsCommand({ PolicyArn: ARN }));
    assert.deepEqual(listed.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion]), [['v5', false], ['v4', false], ['v3', false], ['v2', true], ['v1', false]]);
    assert.equal(listed.Versions![0]!.Document, undefined);
    await rejectsWith(client.send(new DeletePolicyVersionCommand({ PolicyArn: ARN, VersionId: 'v2' })), 'DeleteConflictException', 409, 'Cannot delete the default version of a policy.');
    await client.send(new SetDefaultPolicyVersionCommand({ PolicyArn: ARN, VersionId: 'v1' }));
    await client.send(new DeletePolicyVersionCommand({ PolicyArn: ARN, VersionId: 'v2' }));
    await rejectsWith(
      client.send(new GetPolicyVersionCommand({ PolicyArn: ARN, VersionId: 'v2' })),
      'NoSuchEntityException',
      404,
      `Policy ${ARN} version v2 does not exist or is not attachable.`,
    );
    await rejectsWith(client.send(new SetDefaultPolicyVersionCommand({ PolicyArn: ARN, VersionId: 'v9' })), 'NoSuchEntityException', 404);
    const v6 = await client.send(new CreatePolicyVersionCommand({ PolicyArn: ARN, PolicyDocument: doc('s3:v6') }));
    assert.equal(v6.PolicyVersion!.VersionId, 'v6'); // numbers are never reused
    await rejectsWith(client.send(new CreatePolicyVersionCommand({ PolicyArn: ARN, PolicyDocument: 'nope' })), 'MalformedPolicyDocumentException', 400);
  });

  test('DeletePolicy with non-default versions → DeleteConflict', async () => {
    await rejectsWith(iam(bulwark.endpoint).send(new DeletePolicyCommand({ PolicyArn: ARN })), 'DeleteConflictException', 409, /more than one version/);
  });

  test('attach to a user, group and role; list attached; attachment count; OnlyAttached', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'u1' }));
    await client.send(new CreateGroupCommand({ GroupName: 'g1' }));
    await client.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: TRUST }));
    await client.send(new CreatePolicyCommand({ PolicyName: 'unused', PolicyDocument: doc('s3:*') }));
    await client.send(new AttachUserPolicyCommand({ UserName: 'u1', PolicyArn: ARN }));
    await client.send(new AttachUserPolicyCommand({ UserName: 'u1', PolicyArn: ARN })); // twice: no-op
    await client.send(new AttachGroupPolicyCommand({ GroupName: 'g1', PolicyArn: ARN }));
    await client.send(new AttachRolePolicyCommand({ RoleName: 'r1', PolicyArn: ARN }));
    const expected = [{ PolicyName: 'read', PolicyArn: ARN }];
    assert.deepEqual((await client.send(new ListAttachedUserPoliciesCommand({ UserName: 'u1' }))).AttachedPolicies, expected);
    assert.deepEqual((await client.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'g1' }))).AttachedPolicies, expected);
    assert.deepEqual((await client.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r1' }))).AttachedPolicies, expected);
    assert.deepEqual((await client.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r1', PathPrefix: '/other/' }))).AttachedPolicies, []);
    assert.equal((await client.send(new GetPolicyCommand({ PolicyArn: ARN }))).Policy!.AttachmentCount, 3);
    const attached = await client.send(new ListPoliciesCommand({ Scope: 'Local', OnlyAttached: true }));
    assert.deepEqual(attached.Policies!.map((p) => p.PolicyName), ['read']);
    const local = await client.send(new ListPoliciesCommand({ Scope: 'Local' }));
    assert.deepEqual(local.Policies!.map((p) => p.PolicyName), ['read', 'unused']);
    // no AWS managed policy is attached here (the catalog itself: iam-aws-managed-policies.test.ts)
    assert.deepEqual((await client.send(new ListPoliciesCommand({ Scope: 'AWS', OnlyAttached: true }))).Policies, []);
    const paged = await client.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 1 }));
    assert.equal(paged.IsTruncated, true);
    const next = await client.send(new ListPoliciesCommand({ Scope: 'Local', Marker: paged.Marker }));
    assert.deepEqual(next.Policies!.map((p) => p.PolicyName), ['unused']);
    assert.deepEqual((await client.send(new ListPoliciesCommand({ PathPrefix: '/team/' }))).Policies!.map((p) => p.PolicyName), ['read']);
  });

  test('attach errors: missing policy or entity → NoSuchEntity; more than 10 → LimitExceeded', async () => {
    const client = iam(bulwark.endpoint);
    await rejectsWith(client.send(new AttachUserPolicyCommand({ UserName: 'u1', PolicyArn: 'arn:aws:iam::000000000000:policy/nope' })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new AttachRolePolicyCommand({ RoleName: 'ghost', PolicyArn: ARN })), 'NoSuchEntityException', 404, 'The role with name ghost cannot be found.');
    await rejectsWith(client.send(new DetachGroupPolicyCommand({ GroupName: 'g1', PolicyArn: 'arn:aws:iam::000000000000:policy/unused' })), 'NoSuchEntityException', 404);
    await client.send(new CreateUserCommand({ UserName: 'collector' }));
    for (let i = 0; i < 10; i++) {
      await client.send(new CreatePolicyCommand({ PolicyName: `p${i}`, Path: '/many/', PolicyDocument: doc('s3:*') }));
      await client.send(new AttachUserPolicyCommand({ UserName: 'collector', PolicyArn: `arn:aws:iam::000000000000:policy/many/p${i}` }));
    }
    await rejectsWith(client.send(new AttachUserPolicyCommand({ UserName: 'collector', PolicyArn: ARN })), 'LimitExceededException', 409, 'Cannot exceed quota for PoliciesPerUser: 10');
  });

  test('ListEntitiesForPolicy lists the users, groups and roles, filtered and paged', async () => {
    const client = iam(bulwark.endpoint);
    const all = await client.send(new ListEntitiesForPolicyCommand({ PolicyArn: ARN }));
    assert.deepEqual(all.PolicyUsers!.map((u) => u.UserName), ['u1']);
    assert.match(all.PolicyUsers![0]!.UserId!, /^AIDA/);
    assert.deepEqual(all.PolicyGroups!.map((g) => g.GroupName), ['g1']);
    assert.deepEqual(all.PolicyRoles!.map((r) => r.RoleName), ['r1']);
    assert.equal(all.IsTruncated, false);
    const roles = await client.send(new ListEntitiesForPolicyCommand({ PolicyArn: ARN, EntityFilter: 'Role' }));
    assert.deepEqual([roles.PolicyUsers, roles.PolicyGroups, roles.PolicyRoles!.map((r) => r.RoleName)], [[], [], ['r1']]);
    const first = await client.send(new ListEntitiesForPolicyCommand({ PolicyArn: ARN, MaxItems: 2 }));
    assert.equal(first.IsTruncated, true);
    const rest = await client.send(new ListEntitiesForPolicyCommand({ PolicyArn: ARN, Marker: first.Marker }));
    const count = (o: typeof all) => o.PolicyUsers!.length + o.PolicyGroups!.length + o.PolicyRoles!.length;
    assert.deepEqual([count(first), count(rest)], [2, 1]);
    await rejectsWith(client.send(new ListEntitiesForPolicyCommand({ PolicyArn: 'arn:aws:iam::000000000000:policy/nope' })), 'NoSuchEntityException', 404);
  });

  test('TagPolicy, UntagPolicy, ListPolicyTags; GetPolicy shows the tags', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new TagPolicyCommand({ PolicyArn: ARN, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await client.send(new UntagPolicyCommand({ PolicyArn: ARN, TagKeys: ['a'] }));
    assert.deepEqual((await client.send(new ListPolicyTagsCommand({ PolicyArn: ARN }))).Tags, [{ Key: 'b', Value: '2' }]);
    assert.deepEqual((await client.send(new GetPolicyCommand({ PolicyArn: ARN }))).Policy!.Tags, [{ Key: 'b', Value: '2' }]);
    await rejectsWith(client.send(new TagPolicyCommand({ PolicyArn: 'arn:aws:iam::000000000000:policy/nope', Tags: [{ Key: 'a', Value: '1' }] })), 'NoSuchEntityException', 404);
  });

  test('DeleteUser/Group/Role with attached policies → DeleteConflict; DeletePolicy while attached → DeleteConflict', async () => {
    const client = iam(bulwark.endpoint);
    const conflict = 'Cannot delete entity, must detach all policies first.';
    await rejectsWith(client.send(new DeleteUserCommand({ UserName: 'u1' })), 'DeleteConflictException', 409, conflict);
    await rejectsWith(client.send(new DeleteGroupCommand({ GroupName: 'g1' })), 'DeleteConflictException', 409, conflict);
    await rejectsWith(client.send(new DeleteRoleCommand({ RoleName: 'r1' })), 'DeleteConflictException', 409, conflict);
    for (const v of ['v3', 'v4', 'v5', 'v6']) await client.send(new DeletePolicyVersionCommand({ PolicyArn: ARN, VersionId: v }));
    await rejectsWith(client.send(new DeletePolicyCommand({ PolicyArn: ARN })), 'DeleteConflictException', 409, 'Cannot delete a policy attached to entities.');
  });

  test('detach, then everything deletes', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new DetachUserPolicyCommand({ UserName: 'u1', PolicyArn: ARN }));
    await client.send(new DetachGroupPolicyCommand({ GroupName: 'g1', PolicyArn: ARN }));
    await client.send(new DetachRolePolicyCommand({ RoleName: 'r1', PolicyArn: ARN }));
    await rejectsWith(client.send(new DetachRolePolicyCommand({ RoleName: 'r1', PolicyArn: ARN })), 'NoSuchEntityException', 404, `Policy ${ARN} was not found.`);
    assert.equal((await client.send(new GetPolicyCommand({ PolicyArn: ARN }))).Policy!.AttachmentCount, 0);
    await client.send(new DeletePolicyCommand({ PolicyArn: ARN }));
    await rejectsWith(client.send(new GetPolicyCommand({ PolicyArn: ARN })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new DeletePolicyCommand({ PolicyArn: ARN })), 'NoSuchEntityException', 404);
    await client.send(new DeleteUserCommand({ UserName: 'u1' }));
    await client.send(new DeleteGroupCommand({ GroupName: 'g1' }));
    await client.send(new DeleteRoleCommand({ RoleName: 'r1' }));
  });
});

describe('IAM inline policies and permissions boundaries', () => {
  const bulwark = suiteServer();

  test('Put/Get/List/Delete UserPolicy; the document comes back URL-encoded', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'iu' }));
    await client.send(new PutUserPolicyCommand({ UserName: 'iu', PolicyName: 'b', PolicyDocument: doc('s3:*') }));
    await client.send(new PutUserPolicyCommand({ UserName: 'iu', PolicyName: 'a', PolicyDocument: doc('sqs:*') }));
    await client.send(new PutUserPolicyCommand({ UserName: 'iu', PolicyName: 'a', PolicyDocument: doc('sns:*') })); // replaces
    const got = await client.send(new GetUserPolicyCommand({ UserName: 'iu', PolicyName: 'a' }));
    assert.deepEqual([got.UserName, got.PolicyName, got.PolicyDocument], ['iu', 'a', encodeURIComponent(doc('sns:*'))]);
    assert.deepEqual((await client.send(new ListUserPoliciesCommand({ UserName: 'iu' }))).PolicyNames, ['a', 'b']);
    const page = await client.send(new ListUserPoliciesCommand({ UserName: 'iu', MaxItems: 1 }));
    assert.deepEqual([page.PolicyNames, page.IsTruncated], [['a'], true]);
    await rejectsWith(client.send(new DeleteUserCommand({ UserName: 'iu' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete policies first.');
    await client.send(new DeleteUserPolicyCommand({ UserName: 'iu', PolicyName: 'a' }));
    await client.send(new DeleteUserPolicyCommand({ UserName: 'iu', PolicyName: 'b' }));
    await rejectsWith(client.send(new GetUserPolicyCommand({ UserName: 'iu', PolicyName: 'a' })), 'NoSuchEntityException', 404, 'The user policy with name a cannot be found.');
    await rejectsWith(client.send(new DeleteUserPolicyCommand({ UserName: 'iu', PolicyName: 'a' })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new PutUserPolicyCommand({ UserName: 'ghost', PolicyName: 'a', PolicyDocument: doc('s3:*') })), 'NoSuchEntityException', 404);
    await client.send(new DeleteUserCommand({ UserName: 'iu' }));
  });

  test('inline size quotas per entity: user 2048, group 5120, role 10240 (all inline policies together)', async () => {
    const client = iam(bulwark.endpoint);
    await client.send(new CreateUserCommand({ UserName: 'su' }));
    await client.send(new CreateGroupCommand({ GroupName: 'sg' }));
    await client.send(new CreateRoleCommand({ RoleName: 'sr', AssumeRolePolicyDocument: TRUST }));
    await rejectsWith(client.send(new PutUserPolicyCommand({ UserName: 'su', PolicyName: 'p', PolicyDocument: sized(2100) })), 'LimitExceededException', 409, 'Maximum policy size of 2048 bytes exceeded for user su');
    await client.send(new PutUserPolicyCommand({ UserName: 'su', PolicyName: 'p1', PolicyDocument: sized(1200) }));
    await rejectsWith(client.send(new PutUserPolicyCommand({ UserName: 'su', PolicyName: 'p2', PolicyDocument: sized(1200) })), 'LimitExceededException', 409);
    await client.send(new PutUserPolicyCommand({ UserName: 'su', PolicyName: 'p1', PolicyDocument: sized(2000) })); // replacing counts once
    await client.send(new PutGroupPolicyCommand({ GroupName: 'sg', PolicyName: 'p', PolicyDocument: sized(5000) }));
    await rejectsWith(client.send(new PutGroupPolicyCommand({ GroupName: 'sg', PolicyName: 'p', PolicyDocument: sized(5200) })), 'LimitExceededException', 409, 'Maximum policy size of 5120 bytes exceeded for group sg');
    await client.send(new PutRolePolicyCommand({ RoleName: 'sr', PolicyName: 'p', PolicyDocument: sized(10000) }));
    await rejectsWith(client.send(new PutRolePolicyCommand({ RoleName: 'sr', PolicyName: 'p', PolicyDocument: sized(10300) })), 'LimitExceededException', 409, 'Maximum policy size of 10240 bytes exceeded for role sr');
    await rejectsWith(client.send(new PutRolePolicyCommand({ RoleName: 'sr', PolicyName: 'q', PolicyDocument: '{' })), 'MalformedPolicyDocumentException', 400, 'Syntax errors in policy.');
  });

  test('group and role inline policies: get, list, delete, and DeleteConflict on the entity', async () => {
    const client = iam(bulwark.endpoint);
    const g = await client.send(new GetGroupPolicyCommand({ GroupName: 'sg', PolicyName: 'p' }));
    assert.equal(g.GroupName, 'sg');
    assert.equal(decodeURIComponent(g.PolicyDocument!), sized(5000));
    const r = await client.send(new GetRolePolicyCommand({ RoleName: 'sr', PolicyName: 'p' }));
    assert.equal(r.RoleName, 'sr');
    assert.deepEqual((await client.send(new ListGroupPoliciesCommand({ GroupName: 'sg' }))).PolicyNames, ['p']);
    assert.deepEqual((await client.send(new ListRolePoliciesCommand({ RoleName: 'sr' }))).PolicyNames, ['p']);
    await rejectsWith(client.send(new DeleteGroupCommand({ GroupName: 'sg' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete policies first.');
    await rejectsWith(client.send(new DeleteRoleCommand({ RoleName: 'sr' })), 'DeleteConflictException', 409, 'Cannot delete entity, must delete policies first.');
    await rejectsWith(client.send(new GetRolePolicyCommand({ RoleName: 'sr', PolicyName: 'x' })), 'NoSuchEntityException', 404, 'The role policy with name x cannot be found.');
    await rejectsWith(client.send(new GetGroupPolicyCommand({ GroupName: 'sg', PolicyName: 'x' })), 'NoSuchEntityException', 404, 'The group policy with name x cannot be found.');
    await client.send(new DeleteGroupPolicyCommand({ GroupName: 'sg', PolicyName: 'p' }));
    await client.send(new DeleteRolePolicyCommand({ RoleName: 'sr', PolicyName: 'p' }));
    await client.send(new DeleteGroupCommand({ GroupName: 'sg' }));
  });

  test('permissions boundaries on users and roles', async () => {
    const client = iam(bulwark.endpoint);
    const arn = (await client.send(new CreatePolicyCommand({ PolicyName: 'boundary', PolicyDocument: doc('s3:*') }))).Policy!.Arn!;
    const expected = { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn };
    await client.send(new PutUserPermissionsBoundaryCommand({ UserName: 'su', PermissionsBoundary: arn }));
    assert.deepEqual((await client.send(new GetUserCommand({ UserName: 'su' }))).User!.PermissionsBoundary, expected);
    await client.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'su' }));
    assert.equal((await client.send(new GetUserCommand({ UserName: 'su' }))).User!.PermissionsBoundary, undefined);
    await client.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'sr', PermissionsBoundary: arn }));
    assert.deepEqual((await client.send(new GetRoleCommand({ RoleName: 'sr' }))).Role!.PermissionsBoundary, expected);
    await client.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'sr' }));
    assert.equal((await client.send(new GetRoleCommand({ RoleName: 'sr' }))).Role!.PermissionsBoundary, undefined);
    const created = await client.send(new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: arn }));
    assert.deepEqual(created.User!.PermissionsBoundary, expected);
    const usage = async () => (await client.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.PermissionsBoundaryUsageCount;
    assert.equal(await usage(), 1);
    const asBoundary = await client.send(new ListPoliciesCommand({ PolicyUsageFilter: 'PermissionsBoundary' }));
    assert.deepEqual(asBoundary.Policies!.map((p) => p.PolicyName), ['boundary']);
    await rejectsWith(client.send(new DeletePolicyCommand({ PolicyArn: arn })), 'DeleteConflictException', 409);
    await client.send(new DeleteUserCommand({ UserName: 'bounded' }));
    assert.equal(await usage(), 0);
    const missing = 'arn:aws:iam::000000000000:policy/nope';
    await rejectsWith(client.send(new PutUserPermissionsBoundaryCommand({ UserName: 'su', PermissionsBoundary: missing })), 'NoSuchEntityException', 404, `Scope ARN: ${missing} does not exist or is not attachable.`);
    await rejectsWith(client.send(new CreateRoleCommand({ RoleName: 'rb', AssumeRolePolicyDocument: TRUST, PermissionsBoundary: missing })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'ghost', PermissionsBoundary: arn })), 'NoSuchEntityException', 404);
    await rejectsWith(client.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'ghost' })), 'NoSuchEntityException', 404);
  });

  test('boto3 decodes the URL-encoded documents', { skip: pythonToolsMissing() }, async () => {
    const code = [
      'iam = client("iam")',
      `iam.put_role_policy(RoleName="sr", PolicyName="b3", PolicyDocument=${JSON.stringify(doc('s3:Get*'))})`,
      'r = iam.get_role_policy(RoleName="sr", PolicyName="b3")',
      'print(json.dumps([r["PolicyDocument"], iam.get_role(RoleName="sr")["Role"]["AssumeRolePolicyDocument"]]))',
    ].join('\n');
    const r = await runBoto3(bulwark.endpoint, code);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [JSON.parse(doc('s3:Get*')), JSON.parse(TRUST)]);
  });
});
