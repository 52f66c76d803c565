import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, PutRolePolicyCommand, TagUserCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ACCESS_KEY_KIND, ACCESS_KEY_SCOPE, type StoredAccessKey } from '../../src/accounts/credential-directory.js';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { awsEnv, pythonToolsMissing, runAwsCli, runBoto3, suiteServer } from '../support/server.js';
import { iam, keysOf, rejectsWith, sts, userWithKey, type UserKeys } from '../support/aws-clients.js';

/** The AWS CLI with temporary credentials (AWS_SESSION_TOKEN set). */
function cliWithSession(endpoint: string, args: string[], c: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string }): Promise<{ status: number; stdout: string; stderr: string }> {
  const env = { ...awsEnv(endpoint, c.AccessKeyId, c.SecretAccessKey), AWS_SESSION_TOKEN: c.SessionToken };
  return new Promise((resolve) => {
    execFile('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], { env, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? 1 : 0, stdout, stderr });
    });
  });
}

const ACCOUNT = '000000000000';
const ALLOW_STS = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }] });

function trust(principal: string, condition?: object, actions: string[] = ['sts:AssumeRole']) {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: actions, ...(condition ? { Condition: condition } : {}) }] });
}

async function newRole(endpoint: string, name: string, trustDoc: string, maxSession?: number) {
  const out = await iam(endpoint).send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustDoc, MaxSessionDuration: maxSession }));
  return out.Role!;
}

async function storedSession(bulwark: { store: any }, accessKeyId: string): Promise<StoredAccessKey> {
  return (await bulwark.store.get(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, accessKeyId))!.value as StoredAccessKey;
}

describe('STS AssumeRole', () => {
  const bulwark = suiteServer();
  let alice: UserKeys;

  test('setup: a user with keys', async () => {
    alice = await userWithKey(bulwark.endpoint, 'alice', { policy: { name: 'sts', document: ALLOW_STS } });
  });

  test('assume a role the trust policy grants; the credentials work at once', async () => {
    const role = await newRole(bulwark.endpoint, 'Reader', trust(alice.arn));
    const out = await sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'alice-session' }));
    const c = out.Credentials!;
    assert.match(c.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(c.SecretAccessKey!.length, 40);
    assert.ok(c.SessionToken!.length > 100);
    const lifetime = c.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 3590_000 && lifetime <= 3601_000, `default duration is one hour, got ${lifetime}`);
    assert.equal(out.AssumedRoleUser!.AssumedRoleId, `${role.RoleId}:alice-session`);
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/alice-session`);
    assert.equal(out.PackedPolicySize, undefined);

    const me = await sts(bulwark.endpoint, keysOf(c)).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([me.Arn, me.UserId, me.Account], [out.AssumedRoleUser!.Arn, `${role.RoleId}:alice-session`, ACCOUNT]);
  });

  test('the session record carries the session context for authorization', async () => {
    await iam(bulwark.endpoint).send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'blue' }] }));
    const managed = await iam(bulwark.endpoint).send(new CreatePolicyCommand({
      PolicyName: 'ReadS3',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] }),
    }));
    const role = await newRole(bulwark.endpoint, 'Scoped', trust(alice.arn, { StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']), 7200);
    // The session may chain (sts:AssumeRole) besides reading; the role itself allows sts:* too.
    await iam(bulwark.endpoint).send(new PutRolePolicyCommand({ RoleName: 'Scoped', PolicyName: 'sts', PolicyDocument: ALLOW_STS }));
    const inline = JSON.stringify({ Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
    ] });
    const out = await sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({
      RoleArn: role.Arn,
      RoleSessionName: 's1',
      DurationSeconds: 7200,
      Policy: inline,
      PolicyArns: [{ arn: managed.Policy!.Arn }, { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      Tags: [{ Key: 'project', Value: 'x' }, { Key: 'cost', Value: '42' }],
      TransitiveTagKeys: ['project'],
      SourceIdentity: 'alice-laptop',
      SerialNumber: 'arn:aws:iam::000000000000:mfa/alice',
      TokenCode: '123456',
    }));
    assert.ok(out.PackedPolicySize! > 0 && out.PackedPolicySize! <= 100, String(out.PackedPolicySize));
    assert.equal(out.SourceIdentity, 'alice-laptop');
    const lifetime = out.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 7190_000 && lifetime <= 7201_000);

    const record = await storedSession(bulwark, out.Credentials!.AccessKeyId!);
    // The secret and the token are sealed at rest, never stored in the clear.
    const stored = JSON.stringify(record);
    assert.ok(!stored.includes(out.Credentials!.SecretAccessKey!) && !stored.includes(out.Credentials!.SessionToken!));
    assert.match(record.sealedSecret, /^v1:/);
    assert.match(record.sealedSessionToken!, /^v1:/);
    assert.equal(record.expiration, out.Credentials!.Expiration!.toISOString());
    const p = record.principal;
    assert.deepEqual([p.type, p.account, p.arn, p.userId, p.accessKeyId], ['AssumedRole', ACCOUNT, `arn:aws:sts::${ACCOUNT}:assumed-role/Scoped/s1`, `${role.RoleId}:s1`, out.Credentials!.AccessKeyId]);
    const s = p.sessionContext!;
    assert.equal(s.issuer, 'AssumeRole');
    assert.deepEqual([s.roleId, s.roleArn, s.roleName, s.sessionName], [role.RoleId, role.Arn, 'Scoped', 's1']);
    assert.deepEqual(s.sessionPolicies.map((t) => JSON.parse(t).Statement[0].Action), ['s3:GetObject', 's3:Get*']);
    assert.deepEqual(s.sessionPolicyArns, [managed.Policy!.Arn, 'arn:aws:iam::aws:policy/ReadOnlyAccess']);
    assert.equal(s.hasSessionPolicy, true);
    assert.deepEqual(s.tags, [{ Key: 'project', Value: 'x' }, { Key: 'cost', Value: '42' }]);
    assert.deepEqual(s.transitiveTagKeys, ['project']);
    assert.equal(s.sourceIdentity, 'alice-laptop');
    assert.equal(s.mfaAuthenticated, true);
    assert.equal(s.issuedBy, alice.arn);
    assert.ok(Date.parse(s.issuedAt) <= Date.now() && s.expiresAt === record.expiration);

    // Role chaining: transitive tags, source identity and MFA pass on; at most one hour.
    const chainRole = await newRole(bulwark.endpoint, 'Chained', trust(role.Arn!, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, ['sts:AssumeRole', 'sts:TagSession']), 43200);
    const session = keysOf(out.Credentials);
    await rejectsWith(
      sts(bulwark.endpoint, session).send(new AssumeRoleCommand({ RoleArn: chainRole.Arn, RoleSessionName: 'cc', DurationSeconds: 3601 })),
      'ValidationError', 400, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
    const chained = await sts(bulwark.endpoint, session).send(new AssumeRoleCommand({ RoleArn: chainRole.Arn, RoleSessionName: 'cc', DurationSeconds: 3600 }));
    const cs = (await storedSession(bulwark, chained.Credentials!.AccessKeyId!)).principal.sessionContext!;
    assert.deepEqual(cs.tags, [{ Key: 'project', Value: 'x' }]);
    assert.equal(cs.sourceIdentity, 'alice-laptop');
    assert.equal(cs.mfaAuthenticated, true);
    assert.equal(cs.issuedBy, `arn:aws:sts::${ACCOUNT}:assumed-role/Scoped/s1`);
    assert.equal(chained.SourceIdentity, 'alice-laptop');
  });

  test('ExternalId: required by the trust policy, a mismatch or absence is AccessDenied', async () => {
    const role = await newRole(bulwark.endpoint, 'Vendor', trust(`arn:aws:iam::${ACCOUNT}:root`, { StringEquals: { 'sts:ExternalId': 'ext-123' } }));
    const denied = `User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${role.Arn}`;
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss' })), 'AccessDenied', 403, denied);
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss', ExternalId: 'ext-999' })), 'AccessDenied', 403, denied);
    const ok = await sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss', ExternalId: 'ext-123' }));
    assert.match(ok.AssumedRoleUser!.Arn!, /:assumed-role\/Vendor\/ss$/);
  });

  test('unknown roles, untrusted callers and the root user are AccessDenied', async () => {
    const missing = `arn:aws:iam::${ACCOUNT}:role/Nope`;
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: missing, RoleSessionName: 'ss' })), 'AccessDenied', 403,
      `User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${missing}`);
    const other = await newRole(bulwark.endpoint, 'OnlyBob', trust(`arn:aws:iam::${ACCOUNT}:user/bob`));
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: other.Arn, RoleSessionName: 'ss' })), 'AccessDenied', 403, /is not authorized to perform: sts:AssumeRole/);
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' },
    ] });
    const denyRole = await newRole(bulwark.endpoint, 'DenyAlice', deny);
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: denyRole.Arn, RoleSessionName: 'ss' })), 'AccessDenied', 403);
    await rejectsWith(sts(bulwark.endpoint).send(new AssumeRoleCommand({ RoleArn: other.Arn, RoleSessionName: 'ss' })), 'AccessDenied', 403, 'Roles may not be assumed by root accounts.');
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:s3:::not-a-role-at-all', RoleSessionName: 'ss' })), 'ValidationError', 400, 'Request ARN is invalid');
  });

  test('session tags need sts:TagSession in the trust policy', async () => {
    const role = await newRole(bulwark.endpoint, 'NoTags', trust(alice.arn));
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss', Tags: [{ Key: 'a', Value: 'b' }] })), 'AccessDenied', 403,
      `User: ${alice.arn} is not authorized to perform: sts:TagSession on resource: ${role.Arn}`);
    const tagged = await newRole(bulwark.endpoint, 'Tags', trust(alice.arn, { StringEquals: { 'aws:RequestTag/env': 'dev' } }, ['sts:AssumeRole', 'sts:TagSession']));
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: tagged.Arn, RoleSessionName: 'ss', Tags: [{ Key: 'env', Value: 'prod' }] })), 'AccessDenied', 403);
    await sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: tagged.Arn, RoleSessionName: 'ss', Tags: [{ Key: 'env', Value: 'dev' }] }));
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: tagged.Arn, RoleSessionName: 'ss', Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'ENV', Value: 'dev' }] })), 'ValidationError', 400, /Duplicate tag keys/);
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: tagged.Arn, RoleSessionName: 'ss', Tags: [{ Key: 'env', Value: 'dev' }], TransitiveTagKeys: ['other'] })), 'ValidationError', 400);
  });

  test('DurationSeconds: 900 up to the role maximum; model limits first', async () => {
    const role = await newRole(bulwark.endpoint, 'Short', trust(alice.arn));
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss', DurationSeconds: 3601 })), 'ValidationError', 400,
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss', DurationSeconds: 899 })), 'ValidationError', 400, /durationSeconds/);
    await rejectsWith(sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'bad name!' })), 'ValidationError', 400, /roleSessionName/);
    const out = await sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss', DurationSeconds: 900 }));
    const lifetime = out.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 890_000 && lifetime <= 901_000);
  });

  test('session policies: malformed, too many ARNs, unknown ARN, packed size', async () => {
    const role = await newRole(bulwark.endpoint, 'Policies', trust(alice.arn));
    const call = (extra: object) => sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss', ...extra }));
    await rejectsWith(call({ Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}' }), 'MalformedPolicyDocumentException', 400);
    await rejectsWith(call({ Policy: 'not json' }), 'MalformedPolicyDocumentException', 400);
    const arns = Array.from({ length: 11 }, (_, i) => ({ arn: `arn:aws:iam::aws:policy/P${i}` }));
    await rejectsWith(call({ PolicyArns: arns }), 'ValidationError', 400, /policyArns/);
    await rejectsWith(call({ PolicyArns: [{ arn: `arn:aws:iam::${ACCOUNT}:policy/Missing` }] }), 'MalformedPolicyDocumentException', 400);
    // High-entropy resources compress badly: under 2,048 characters but over the packed budget.
    let noise = '';
    for (let i = 0; noise.length < 1700; i++) noise += createHash('sha256').update(String(i)).digest('base64url');
    noise = noise.slice(0, 1700);
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${noise}` }] });
    assert.ok(big.length <= 2048);
    await rejectsWith(call({ Policy: big }), 'PackedPolicyTooLargeException', 400, /^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/);
    const ok = await call({ Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}' });
    assert.ok(ok.PackedPolicySize! >= 1 && ok.PackedPolicySize! < 20);
  });

  test('expired session credentials are refused with ExpiredToken (403)', async () => {
    const role = await newRole(bulwark.endpoint, 'Expiring', trust(alice.arn));
    const out = await sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss' }));
    const keys = keysOf(out.Credentials);
    await sts(bulwark.endpoint, keys).send(new GetCallerIdentityCommand({}));
    const record = await storedSession(bulwark, keys.accessKeyId);
    await bulwark.store.put(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, keys.accessKeyId, { ...record, expiration: new Date(Date.now() - 1000).toISOString() });
    // Written behind the server's back: its credential cache sees it once the entry expires (1 s).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await rejectsWith(sts(bulwark.endpoint, keys).send(new GetCallerIdentityCommand({})), 'ExpiredToken', 403, 'The security token included in the request is expired');
    // A wrong session token is not accepted either.
    await assert.rejects(sts(bulwark.endpoint, { ...keys, sessionToken: 'x' }).send(new GetCallerIdentityCommand({})));
  });

  test('a role with a managed policy attached is assumable (attachments do not matter to STS)', async () => {
    const role = await newRole(bulwark.endpoint, 'WithPolicy', trust(alice.arn));
    await iam(bulwark.endpoint).send(new AttachRolePolicyCommand({ RoleName: 'WithPolicy', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/ReadS3` }));
    await sts(bulwark.endpoint, alice).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss' }));
  });

  const missing = pythonToolsMissing();
  test('AWS CLI v1: assume a role with an ExternalId and use the credentials', { skip: missing }, async () => {
    const role = await newRole(bulwark.endpoint, 'CliRole', trust(alice.arn, { StringEquals: { 'sts:ExternalId': 'cli-ext' } }));
    const denied = await runAwsCli(bulwark.endpoint, ['sts', 'assume-role', '--role-arn', role.Arn!, '--role-session-name', 'cli', '--external-id', 'wrong'], alice.accessKeyId, alice.secretAccessKey);
    assert.notEqual(denied.status, 0);
    assert.match(denied.stderr, /\(AccessDenied\) when calling the AssumeRole operation.*: User: .* is not authorized to perform: sts:AssumeRole/);
    const r = await runAwsCli(bulwark.endpoint, ['sts', 'assume-role', '--role-arn', role.Arn!, '--role-session-name', 'cli', '--external-id', 'cli-ext'], alice.accessKeyId, alice.secretAccessKey);
    assert.equal(r.status, 0, r.stderr);
    const c = JSON.parse(r.stdout).Credentials;
    assert.match(c.AccessKeyId, /^ASIA/);
    const me = await cliWithSession(bulwark.endpoint, ['sts', 'get-caller-identity'], c);
    assert.equal(me.status, 0, me.stderr);
    assert.equal(JSON.parse(me.stdout).Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/CliRole/cli`);
  });

  test('boto3: assume a role with an ExternalId and use the credentials', { skip: missing }, async () => {
    const role = await newRole(bulwark.endpoint, 'BotoRole', trust(alice.arn, { StringEquals: { 'sts:ExternalId': 'boto-ext' } }));
    const code = [
      `c = client("sts").assume_role(RoleArn=${JSON.stringify(role.Arn)}, RoleSessionName="boto", ExternalId="boto-ext", DurationSeconds=900)["Credentials"]`,
      's = boto3.client("sts", endpoint_url=client("sts").meta.endpoint_url, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])',
      'me = s.get_caller_identity()',
      'try:',
      `    client("sts").assume_role(RoleArn=${JSON.stringify(role.Arn)}, RoleSessionName="boto")`,
      '    err = None',
      'except botocore.exceptions.ClientError as e:',
      '    err = e.response["Error"]["Code"]',
      'print(json.dumps([me["Arn"], me["UserId"].split(":")[1], err, c["AccessKeyId"][:4]]))',
    ].join('\n');
    const r = await runBoto3(bulwark.endpoint, code, alice.accessKeyId, alice.secretAccessKey);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [`arn:aws:sts::${ACCOUNT}:assumed-role/BotoRole/boto`, 'boto', 'AccessDenied', 'ASIA']);
  });
});
