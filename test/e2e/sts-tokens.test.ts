import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CreatePolicyCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  DecodeAuthorizationMessageCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials,
} from '@aws-sdk/client-sts';
import { encodeAuthorizationMessage } from '../../src/accounts/authorization-messages.js';
import { ACCESS_KEY_KIND, ACCESS_KEY_SCOPE, type AccessKeyRecord } from '../../src/accounts/credential-directory.js';
import { sessionInfo } from '../../src/accounts/sessions.js';
import { assumeRoleWithWebIdentity } from '../../src/services/sts/web-identity.js';
import { suiteServer } from '../support/server.js';
import { iam, keysOf, rejectsWith, sts, userWithKey, type UserKeys } from '../support/aws-clients.js';

const ACCOUNT = '000000000000';
function lifetime(c: Credentials | undefined): number {
  return c!.Expiration!.getTime() - Date.now();
}
async function stored(bulwark: { store: any }, id: string): Promise<AccessKeyRecord> {
  return (await bulwark.store.get(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, id))!.value as AccessKeyRecord;
}

const ALLOW_STS = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }] });

describe('STS GetSessionToken, GetFederationToken, GetAccessKeyInfo, DecodeAuthorizationMessage, AssumeRoleWithWebIdentity', () => {
  const bulwark = suiteServer();
  let bob: UserKeys;

  test('setup: a user with keys allowed sts:*', async () => {
    bob = await userWithKey(bulwark.endpoint, 'bob', { policy: { name: 'sts', document: ALLOW_STS } });
  });

  test('GetSessionToken: the user stays the principal; 12 h default; MFA recorded', async () => {
    const out = await sts(bulwark.endpoint, bob).send(new GetSessionTokenCommand({}));
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA/);
    assert.ok(lifetime(out.Credentials) > 43190_000 && lifetime(out.Credentials) <= 43201_000);
    const me = await sts(bulwark.endpoint, keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([me.Arn, me.UserId], [bob.arn, bob.id]);
    assert.equal((await stored(bulwark, out.Credentials!.AccessKeyId!)).principal.sessionContext!.mfaAuthenticated, false);

    const mfa = await sts(bulwark.endpoint, bob).send(new GetSessionTokenCommand({ DurationSeconds: 900, SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/bob`, TokenCode: '123456' }));
    assert.ok(lifetime(mfa.Credentials) <= 901_000);
    const record = await stored(bulwark, mfa.Credentials!.AccessKeyId!);
    assert.equal(record.principal.type, 'IAMUser');
    assert.equal(record.principal.sessionContext!.mfaAuthenticated, true);
    assert.deepEqual(await sessionInfo(bulwark.store, record.principal), { policies: undefined, tags: {}, mfaPresent: true });

    await rejectsWith(sts(bulwark.endpoint, bob).send(new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/bob` })), 'AccessDenied', 403, /MultiFactorAuthentication failed/);
    await rejectsWith(sts(bulwark.endpoint, bob).send(new GetSessionTokenCommand({ DurationSeconds: 129601 })), 'ValidationError', 400, /durationSeconds/);
    await rejectsWith(sts(bulwark.endpoint, keysOf(out.Credentials)).send(new GetSessionTokenCommand({})), 'AccessDenied', 403, 'Cannot call GetSessionToken with session credentials');
  });

  test('GetSessionToken for the root user lasts at most one hour', async () => {
    const out = await sts(bulwark.endpoint).send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    assert.ok(lifetime(out.Credentials) <= 3601_000);
    const me = await sts(bulwark.endpoint, keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, `arn:aws:iam::${ACCOUNT}:root`);
  });

  test('session credentials from GetSessionToken chain into AssumeRole (capped at one hour)', async () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: bob.arn }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] });
    const role = (await iam(bulwark.endpoint).send(new CreateRoleCommand({ RoleName: 'NeedsMfa', AssumeRolePolicyDocument: trust, MaxSessionDuration: 43200 }))).Role!;
    await rejectsWith(sts(bulwark.endpoint, bob).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'nomfa' })), 'AccessDenied', 403);
    await sts(bulwark.endpoint, bob).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'mfa', SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/bob`, TokenCode: '000000' }));
    const session = keysOf((await sts(bulwark.endpoint, bob).send(new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/bob`, TokenCode: '123456' }))).Credentials);
    await rejectsWith(sts(bulwark.endpoint, session).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'chain', DurationSeconds: 7200 })), 'ValidationError', 400, /1 hour session limit/);
    const out = await sts(bulwark.endpoint, session).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'chain' }));
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/NeedsMfa/chain`);
  });

  test('GetFederationToken: a federated user with the session policies', async () => {
    const managed = await iam(bulwark.endpoint).send(new CreatePolicyCommand({
      PolicyName: 'FedRead',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] }),
    }));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const out = await sts(bulwark.endpoint, bob).send(new GetFederationTokenCommand({ Name: 'carol', Policy: policy, PolicyArns: [{ arn: managed.Policy!.Arn }], DurationSeconds: 129600, Tags: [{ Key: 'dept', Value: 'x' }] }));
    assert.deepEqual(out.FederatedUser, { FederatedUserId: `${ACCOUNT}:carol`, Arn: `arn:aws:sts::${ACCOUNT}:federated-user/carol` });
    assert.ok(out.PackedPolicySize! > 0 && out.PackedPolicySize! <= 100);
    assert.ok(lifetime(out.Credentials) > 129590_000);
    const me = await sts(bulwark.endpoint, keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([me.Arn, me.UserId, me.Account], [`arn:aws:sts::${ACCOUNT}:federated-user/carol`, `${ACCOUNT}:carol`, ACCOUNT]);
    const p = (await stored(bulwark, out.Credentials!.AccessKeyId!)).principal;
    assert.equal(p.type, 'FederatedUser');
    assert.deepEqual([p.sessionContext!.parentUserArn, p.sessionContext!.parentUserId], [bob.arn, bob.id]);
    const info = await sessionInfo(bulwark.store, p);
    assert.deepEqual(info!.policies!.map((x) => x.id), [`arn:aws:sts::${ACCOUNT}:federated-user/carol#session-policy`, managed.Policy!.Arn]);
    assert.deepEqual(info!.tags, { dept: 'x' });

    // Without any session policy the federated session gets no permissions (an empty cap).
    const bare = await sts(bulwark.endpoint, bob).send(new GetFederationTokenCommand({ Name: 'dave' }));
    assert.equal(bare.PackedPolicySize, undefined);
    assert.deepEqual((await sessionInfo(bulwark.store, (await stored(bulwark, bare.Credentials!.AccessKeyId!)).principal))!.policies, []);
    await rejectsWith(sts(bulwark.endpoint, keysOf(bare.Credentials)).send(new GetFederationTokenCommand({ Name: 'eve' })), 'AccessDenied', 403, 'Cannot call GetFederationToken with session credentials');
    await rejectsWith(sts(bulwark.endpoint, bob).send(new GetFederationTokenCommand({ Name: 'x' })), 'ValidationError', 400, /name/);
    await rejectsWith(sts(bulwark.endpoint, bob).send(new GetFederationTokenCommand({ Name: 'carol', Policy: '{"Statement":[]' })), 'MalformedPolicyDocumentException', 400);
  });

  test('GetAccessKeyInfo: the owning account of known keys, else the caller\'s', async () => {
    assert.equal((await sts(bulwark.endpoint).send(new GetAccessKeyInfoCommand({ AccessKeyId: bob.accessKeyId }))).Account, ACCOUNT);
    assert.equal((await sts(bulwark.endpoint, bob).send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIAUNKNOWNKEY000000' }))).Account, ACCOUNT);
    const foreign = 'ASIAFOREIGNKEY000000';
    await bulwark.store.put(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, foreign, {
      accessKeyId: foreign, secretAccessKey: 'x'.repeat(40), principal: { type: 'IAMUser', account: '111122223333', arn: 'arn:aws:iam::111122223333:user/z', userId: 'AIDAZ' },
    });
    assert.equal((await sts(bulwark.endpoint).send(new GetAccessKeyInfoCommand({ AccessKeyId: foreign }))).Account, '111122223333');
    await rejectsWith(sts(bulwark.endpoint).send(new GetAccessKeyInfoCommand({ AccessKeyId: 'short' })), 'ValidationError', 400);
  });

  test('DecodeAuthorizationMessage: decodes what Bulwark encoded, refuses anything else', async () => {
    const encoded = encodeAuthorizationMessage({
      allowed: false, explicitDeny: true, principal: { id: bob.id, arn: bob.arn }, action: 'ec2:RunInstances', resource: 'arn:aws:ec2:us-east-1:000000000000:instance/*',
      conditions: { 'aws:Region': 'us-east-1' },
    });
    const out = await sts(bulwark.endpoint).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
    const decoded = JSON.parse(out.DecodedMessage!);
    assert.equal(decoded.allowed, false);
    assert.equal(decoded.explicitDeny, true);
    assert.equal(decoded.context.action, 'ec2:RunInstances');
    assert.deepEqual(decoded.context.principal, { id: bob.id, arn: bob.arn });
    assert.deepEqual(decoded.context.conditions.items, [{ key: 'aws:Region', values: { items: [{ value: 'us-east-1' }] } }]);
    await rejectsWith(sts(bulwark.endpoint).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: `${encoded.slice(0, -2)}AA` })), 'InvalidAuthorizationMessageException', 400);
    await rejectsWith(sts(bulwark.endpoint).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'garbage' })), 'InvalidAuthorizationMessageException', 400);
  });

  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'https://token.example.com', aud: 'sts.amazonaws.com', sub: 'repo:x', exp: Math.floor(Date.now() / 1000) + 600 })}.c2ln`;
  const webRole = `arn:aws:iam::${ACCOUNT}:role/Web`;

  // The handler itself (the SDK sends this operation unsigned).
  test('AssumeRoleWithWebIdentity: without IAM OIDC providers every token is refused', async () => {
    const ctx = { principal: { type: 'Anonymous', account: ACCOUNT, arn: '*', userId: 'anonymous' }, account: ACCOUNT, store: bulwark.store, receivedAt: new Date() } as any;
    const call = (token: string, roleArn = webRole) => Promise.resolve().then(() => assumeRoleWithWebIdentity(ctx, { RoleArn: roleArn, RoleSessionName: 'web', WebIdentityToken: token }));
    await assert.rejects(call(jwt), { code: 'InvalidIdentityToken', status: 400, message: 'No OpenIDConnect provider found in your account for https://token.example.com' });
    await assert.rejects(call('not-a-jwt'), { code: 'InvalidIdentityToken', message: /not a valid JWT/ });
    await assert.rejects(call(`${b64({ alg: 'none' })}.${b64({ sub: 'x' })}.`), { code: 'InvalidIdentityToken', message: 'Missing a required claim: iss' });
    await assert.rejects(call(jwt, 'arn:aws:iam::000000000000:user/notarole'), { code: 'ValidationError', message: 'Request ARN is invalid' });
  });

  // AWS needs no identity permission for this call (the role's trust policy decides), so the
  // unsigned request reaches the handler and gets its answer.
  test('AssumeRoleWithWebIdentity works unsigned', async () => {
    const anonymous = new STSClient({ endpoint: bulwark.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: '', secretAccessKey: '' }, signer: { sign: async (r: any) => r } as any });
    await rejectsWith(anonymous.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: webRole, RoleSessionName: 'web', WebIdentityToken: jwt })), 'InvalidIdentityTokenException', 400,
      'No OpenIDConnect provider found in your account for https://token.example.com');
  });
});
