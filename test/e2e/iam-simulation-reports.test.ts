import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  GetCredentialReportCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { suiteServer } from '../support/server.js';

function client(endpoint: string) {
  return new IAMClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

async function rejectsWith(promise: Promise<unknown>, code: string, status: number) {
  await assert.rejects(promise, (err: any) => {
    assert.equal(err.name, code, err.message);
    assert.equal(err.$metadata.httpStatusCode, status);
    return true;
  });
}

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ACCOUNT = '000000000000';

describe('IAM policy simulator', () => {
  const bulwark = suiteServer();

  test('SimulateCustomPolicy: an Allow names the matched statement and its position', async () => {
    const iam = client(bulwark.endpoint);
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}\n  ]\n}';
    const out = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [text], ActionNames: ['s3:GetObject', 's3:PutObject'] }));
    assert.equal(out.EvaluationResults?.length, 2);
    const [get, put] = out.EvaluationResults!;
    assert.equal(get!.EvalActionName, 's3:GetObject');
    assert.equal(get!.EvalResourceName, '*');
    assert.equal(get!.EvalDecision, 'allowed');
    assert.deepEqual(get!.MatchedStatements, [
      { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 4, Column: 5 }, EndPosition: { Line: 4, Column: 67 } },
    ]);
    assert.equal(get!.EvalDecisionDetails, undefined);
    assert.equal(put!.EvalDecision, 'implicitDeny');
    assert.deepEqual(put!.MatchedStatements ?? [], []);
  });

  test('SimulateCustomPolicy: an explicit deny lists only the denying statement', async () => {
    const iam = client(bulwark.endpoint);
    const allow = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const deny = policy({ Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::prod/*' });
    const out = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [allow, deny],
        ActionNames: ['s3:DeleteObject'],
        ResourceArns: ['arn:aws:s3:::prod/a', 'arn:aws:s3:::dev/a'],
      }),
    );
    const [prod, dev] = out.EvaluationResults!;
    assert.equal(prod!.EvalResourceName, 'arn:aws:s3:::prod/a');
    assert.equal(prod!.EvalDecision, 'explicitDeny');
    assert.equal(prod!.MatchedStatements?.length, 1);
    assert.equal(prod!.MatchedStatements![0]!.SourcePolicyId, 'PolicyInputList.2');
    assert.equal(prod!.ResourceSpecificResults?.[0]?.EvalResourceDecision, 'explicitDeny');
    assert.equal(dev!.EvalDecision, 'allowed');
    assert.equal(dev!.MatchedStatements![0]!.SourcePolicyId, 'PolicyInputList.1');
  });

  test('SimulateCustomPolicy: a permissions boundary caps the identity policy', async () => {
    const iam = client(bulwark.endpoint);
    const out = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [policy({ Effect: 'Allow', Action: '*', Resource: '*' })],
        PermissionsBoundaryPolicyInputList: [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })],
        ActionNames: ['s3:ListBucket', 'iam:CreateUser'],
      }),
    );
    const [s3, iamCall] = out.EvaluationResults!;
    assert.equal(s3!.EvalDecision, 'allowed');
    assert.deepEqual(s3!.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: true });
    assert.equal(iamCall!.EvalDecision, 'implicitDeny');
    assert.deepEqual(iamCall!.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: false });
  });

  test('SimulateCustomPolicy: context keys decide conditions; missing ones are reported', async () => {
    const iam = client(bulwark.endpoint);
    const text = policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, Bool: { 'aws:SecureTransport': 'true' } } });
    const missing = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [text], ActionNames: ['ec2:RunInstances'] }));
    assert.equal(missing.EvaluationResults![0]!.EvalDecision, 'implicitDeny');
    assert.deepEqual(missing.EvaluationResults![0]!.MissingContextValues, ['aws:SourceIp', 'aws:SecureTransport']);
    const given = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [text],
        ActionNames: ['ec2:RunInstances'],
        ContextEntries: [
          { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.1.2.3'], ContextKeyType: 'ip' },
          { ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['true'], ContextKeyType: 'boolean' },
        ],
      }),
    );
    assert.equal(given.EvaluationResults![0]!.EvalDecision, 'allowed');
    assert.deepEqual(given.EvaluationResults![0]!.MissingContextValues ?? [], []);
    const listKey = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } } });
    const outside = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [listKey],
        ActionNames: ['s3:PutObject'],
        ContextEntries: [{ ContextKeyName: 'aws:TagKeys', ContextKeyValues: ['team', 'owner'], ContextKeyType: 'stringList' }],
      }),
    );
    assert.equal(outside.EvaluationResults![0]!.EvalDecision, 'implicitDeny');
    await rejectsWith(
      iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [text], ActionNames: ['ec2:RunInstances'], ContextEntries: [{ ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['maybe'], ContextKeyType: 'boolean' }] })),
      'InvalidInputException',
      400,
    );
  });

  test('SimulateCustomPolicy: a resource policy with CallerArn; malformed policies; paging', async () => {
    const iam = client(bulwark.endpoint);
    const resourcePolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
    const out = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' })],
        ResourcePolicy: resourcePolicy,
        CallerArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::b/k'],
      }),
    );
    assert.equal(out.EvaluationResults![0]!.EvalDecision, 'allowed');
    assert.equal(out.EvaluationResults![0]!.MatchedStatements![0]!.SourcePolicyType, 'resource');
    // Cross-account (the bucket's owner is another account): both sides must allow.
    const cross = (identityAction: string) =>
      iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [policy({ Effect: 'Allow', Action: identityAction, Resource: '*' })],
          ResourcePolicy: resourcePolicy,
          ResourceOwner: 'arn:aws:iam::111111111111:root',
          CallerArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
          ActionNames: ['s3:GetObject'],
          ResourceArns: ['arn:aws:s3:::b/k'],
        }),
      );
    const both = (await cross('s3:GetObject')).EvaluationResults![0]!;
    assert.equal(both.EvalDecision, 'allowed');
    assert.deepEqual(both.EvalDecisionDetails, { 'IAM Policy': 'allowed', 'Resource Policy': 'allowed' });
    const oneSide = (await cross('sqs:*')).EvaluationResults![0]!;
    assert.equal(oneSide.EvalDecision, 'implicitDeny');
    assert.deepEqual(oneSide.EvalDecisionDetails, { 'IAM Policy': 'implicitDeny', 'Resource Policy': 'allowed' });
    await rejectsWith(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{"Statement": 1'], ActionNames: ['s3:GetObject'] })), 'InvalidInputException', 400);
    await rejectsWith(
      iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy({ Effect: 'Allow', Action: 's3:GetObject' })], ActionNames: ['s3:GetObject'] })),
      'InvalidInputException',
      400,
    );
    const first = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy({ Effect: 'Allow', Action: '*', Resource: '*' })], ActionNames: ['s3:A', 's3:B', 's3:C'], MaxItems: 2 }));
    assert.equal(first.EvaluationResults?.length, 2);
    assert.equal(first.IsTruncated, true);
    const rest = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy({ Effect: 'Allow', Action: '*', Resource: '*' })], ActionNames: ['s3:A', 's3:B', 's3:C'], Marker: first.Marker }));
    assert.deepEqual(rest.EvaluationResults?.map((r) => r.EvalActionName), ['s3:C']);
    assert.equal(rest.IsTruncated, false);
  });

  test('SimulatePrincipalPolicy: a user with group policies, a managed policy and a boundary', async () => {
    const iam = client(bulwark.endpoint);
    await iam.send(new CreateUserCommand({ UserName: 'sim-user' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'sim-readers' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'sim-readers', UserName: 'sim-user' }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'sim-readers', PolicyName: 'read', PolicyDocument: policy({ Effect: 'Allow', Action: ['s3:GetObject', 'dynamodb:GetItem'], Resource: '*' }) }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'sim-user', PolicyName: 'deny-prod', PolicyDocument: policy({ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::prod/*' }) }));
    const managed = await iam.send(new CreatePolicyCommand({ PolicyName: 'sim-sqs', PolicyDocument: policy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }) }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'sim-user', PolicyArn: managed.Policy!.Arn! }));
    const arn = `arn:aws:iam::${ACCOUNT}:user/sim-user`;

    const out = await iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:GetObject', 'sqs:SendMessage', 'iam:CreateUser'], ResourceArns: ['arn:aws:s3:::dev/k', 'arn:aws:s3:::prod/k'] }),
    );
    const by = (action: string, resource: string) => out.EvaluationResults!.find((r) => r.EvalActionName === action && r.EvalResourceName === resource)!;
    const devGet = by('s3:GetObject', 'arn:aws:s3:::dev/k');
    assert.equal(devGet.EvalDecision, 'allowed');
    assert.deepEqual(devGet.MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType]), [['read', 'group']]);
    assert.deepEqual(devGet.EvalDecisionDetails ?? {}, {});
    const prodGet = by('s3:GetObject', 'arn:aws:s3:::prod/k');
    assert.equal(prodGet.EvalDecision, 'explicitDeny');
    assert.deepEqual(prodGet.MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType]), [['deny-prod', 'user']]);
    assert.deepEqual(by('sqs:SendMessage', 'arn:aws:s3:::dev/k').MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType]), [['sim-sqs', 'user-managed']]);
    assert.equal(by('iam:CreateUser', 'arn:aws:s3:::dev/k').EvalDecision, 'implicitDeny');

    // A boundary on the user caps what the group grants.
    const boundary = await iam.send(new CreatePolicyCommand({ PolicyName: 'sim-boundary', PolicyDocument: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }) }));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'sim-user', PermissionsBoundary: boundary.Policy!.Arn! }));
    const capped = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:GetObject', 'sqs:SendMessage'] }));
    assert.equal(capped.EvaluationResults![0]!.EvalDecision, 'implicitDeny');
    assert.deepEqual(capped.EvaluationResults![0]!.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: false });
    assert.equal(capped.EvaluationResults![1]!.EvalDecision, 'allowed');

    // Extra policies in the request join the stored ones; a group simulates its own policies.
    const extra = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:group/sim-readers`, PolicyInputList: [policy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' })], ActionNames: ['dynamodb:GetItem', 'kms:Decrypt', 'sqs:SendMessage'] }));
    assert.deepEqual(extra.EvaluationResults!.map((r) => r.EvalDecision), ['allowed', 'allowed', 'implicitDeny']);

    await rejectsWith(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/nobody`, ActionNames: ['s3:GetObject'] })), 'NoSuchEntityException', 404);
  });

  test('SimulatePrincipalPolicy for a role; GetContextKeysFor*Policy', async () => {
    const iam = client(bulwark.endpoint);
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await iam.send(new CreateRoleCommand({ RoleName: 'sim-role', AssumeRolePolicyDocument: trust }));
    const conditioned = policy({ Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-west-2:000000000000:table/${aws:username}', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2015-08-16T12:00:00Z' } } });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'sim-role', PolicyName: 'tables', PolicyDocument: conditioned }));
    const out = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/sim-role`, ActionNames: ['dynamodb:GetItem'], ResourceArns: ['arn:aws:dynamodb:us-west-2:000000000000:table/bob'], ContextEntries: [{ ContextKeyName: 'aws:username', ContextKeyValues: ['bob'], ContextKeyType: 'string' }, { ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2020-01-01T00:00:00Z'], ContextKeyType: 'date' }] }));
    assert.equal(out.EvaluationResults![0]!.EvalDecision, 'allowed');
    assert.equal(out.EvaluationResults![0]!.MatchedStatements![0]!.SourcePolicyType, 'role');

    const custom = await iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [conditioned] }));
    assert.deepEqual(custom.ContextKeyNames, ['aws:username', 'aws:CurrentTime']);
    const principal = await iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/sim-role`, PolicyInputList: [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 's3:prefix': 'home/' } } })] }));
    assert.deepEqual(principal.ContextKeyNames, ['aws:username', 'aws:CurrentTime', 's3:prefix']);
    await rejectsWith(iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/none` })), 'NoSuchEntityException', 404);
  });
});

describe('IAM GetAccountAuthorizationDetails and the credential report', () => {
  const bulwark = suiteServer();

  test('GetAccountAuthorizationDetails lists users, groups, roles and policies with URL-encoded documents', async () => {
    const iam = client(bulwark.endpoint);
    const readDoc = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    await iam.send(new CreateUserCommand({ UserName: 'ada', Tags: [{ Key: 'team', Value: 'core' }] }));
    await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'ada' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'ada', PolicyName: 'inline', PolicyDocument: readDoc }));
    const local = await iam.send(new CreatePolicyCommand({ PolicyName: 'local-read', PolicyDocument: readDoc }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: local.Policy!.Arn! }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'ada', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await iam.send(new CreateRoleCommand({ RoleName: 'svc', AssumeRolePolicyDocument: trust }));

    const all = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    assert.equal(all.IsTruncated, false);
    const ada = all.UserDetailList!.find((u) => u.UserName === 'ada')!;
    assert.deepEqual(ada.GroupList, ['devs']);
    assert.deepEqual(ada.Tags, [{ Key: 'team', Value: 'core' }]);
    assert.equal(ada.UserPolicyList![0]!.PolicyName, 'inline');
    assert.equal(ada.UserPolicyList![0]!.PolicyDocument, encodeURIComponent(readDoc));
    assert.deepEqual(ada.AttachedManagedPolicies, [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]);
    const devs = all.GroupDetailList!.find((g) => g.GroupName === 'devs')!;
    assert.deepEqual(devs.AttachedManagedPolicies, [{ PolicyName: 'local-read', PolicyArn: local.Policy!.Arn }]);
    const svc = all.RoleDetailList!.find((r) => r.RoleName === 'svc')!;
    assert.equal(svc.AssumeRolePolicyDocument, encodeURIComponent(trust));
    assert.deepEqual(svc.InstanceProfileList, []);
    const names = all.Policies!.map((p) => p.PolicyName);
    assert.ok(names.includes('local-read') && names.includes('ReadOnlyAccess'), names.join());
    const localDetail = all.Policies!.find((p) => p.PolicyName === 'local-read')!;
    assert.equal(localDetail.PolicyVersionList![0]!.Document, encodeURIComponent(readDoc));
    assert.equal(localDetail.PolicyVersionList![0]!.IsDefaultVersion, true);
    assert.equal(localDetail.AttachmentCount, 1);

    const onlyRoles = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    assert.deepEqual(onlyRoles.UserDetailList ?? [], []);
    assert.deepEqual(onlyRoles.RoleDetailList!.map((r) => r.RoleName), ['svc']);
    const onlyLocal = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'] }));
    assert.deepEqual(onlyLocal.Policies!.map((p) => p.PolicyName), ['local-read']);

    const page1 = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 2 }));
    assert.equal(page1.IsTruncated, true);
    assert.equal((page1.UserDetailList?.length ?? 0) + (page1.GroupDetailList?.length ?? 0), 2);
    const page2 = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 100, Marker: page1.Marker }));
    assert.equal(page2.IsTruncated, false);
    assert.deepEqual(page2.RoleDetailList!.map((r) => r.RoleName), ['svc']);
  });

  test('credential report: ReportNotPresent, STARTED then COMPLETE, CSV in AWS columns', async () => {
    const iam = client(bulwark.endpoint);
    await rejectsWith(iam.send(new GetCredentialReportCommand({})), 'CredentialReportNotPresentException', 410);
    await iam.send(new CreateUserCommand({ UserName: 'carol' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'carol', Password: 'Sup3r-secret!' }));
    const k1 = await iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }));
    await new Promise((r) => setTimeout(r, 5));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }));
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'carol', AccessKeyId: k1.AccessKey!.AccessKeyId!, Status: 'Inactive' }));

    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE');
    const report = await iam.send(new GetCredentialReportCommand({}));
    assert.equal(report.ReportFormat, 'text/csv');
    assert.ok(report.GeneratedTime instanceof Date);
    const lines = Buffer.from(report.Content!).toString('utf8').split('\n');
    assert.equal(
      lines[0],
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
    );
    const header = lines[0]!.split(',');
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    const root = rows[0]!;
    assert.equal(root.user, '<root_account>');
    assert.equal(root.arn, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(root.password_enabled, 'not_supported');
    assert.equal(root.access_key_1_active, 'false');
    const carol = rows.find((r) => r.user === 'carol')!;
    assert.equal(carol.arn, `arn:aws:iam::${ACCOUNT}:user/carol`);
    assert.match(carol.user_creation_time!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    assert.equal(carol.password_enabled, 'true');
    assert.equal(carol.password_last_used, 'no_information');
    assert.match(carol.password_last_changed!, /\+00:00$/);
    assert.equal(carol.password_next_rotation, 'N/A');
    assert.equal(carol.mfa_active, 'false');
    assert.equal(carol.access_key_1_active, 'false');
    assert.match(carol.access_key_1_last_rotated!, /\+00:00$/);
    assert.equal(carol.access_key_1_last_used_date, 'N/A');
    assert.equal(carol.access_key_2_active, 'true');
    assert.equal(carol.cert_1_active, 'false');
    assert.equal(carol.cert_2_last_rotated, 'N/A');
    for (const r of rows) assert.equal(Object.keys(r).length, 22);
  });
});
