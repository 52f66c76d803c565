import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  GetAccountAuthorizationDetailsCommand,
  AddClientIDToOpenIDConnectProviderCommand,
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateServiceLinkedRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteOpenIDConnectProviderCommand,
  DeleteRoleCommand,
  DeleteSAMLProviderCommand,
  DeleteServiceLinkedRoleCommand,
  GetInstanceProfileCommand,
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  GetSAMLProviderCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  IAMClient,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  ListSAMLProvidersCommand,
  ListSAMLProviderTagsCommand,
  PutRolePolicyCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  TagOpenIDConnectProviderCommand,
  TagSAMLProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { suiteServer } from '../support/server.js';

const ACCOUNT = '000000000000';
const ROOT = { accessKeyId: 'test', secretAccessKey: 'test' };

function iam(endpoint: string): IAMClient {
  return new IAMClient({ endpoint, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 });
}
function sts(endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = ROOT): STSClient {
  return new STSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

async function rejectsWith(promise: Promise<unknown>, code: string, status: number, message?: string | RegExp) {
  await assert.rejects(promise, (err: any) => {
    // Modelled errors surface as their shape name (NoSuchEntityException); the wire code is err.Code.
    assert.equal(err.Code ?? err.name, code, err.message);
    assert.equal(err.$metadata.httpStatusCode, status);
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return true;
  });
}

const EC2_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

const SAML_METADATA = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml" validUntil="2099-01-01T00:00:00Z">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>MIIC${'A'.repeat(600)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

describe('IAM OpenID Connect providers', () => {
  const bulwark = suiteServer();
  const url = 'https://oidc.example.com/tenant/1';
  const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.example.com/tenant/1`;

  test('create, get, list, duplicate', async () => {
    await rejectsWith(iam(bulwark.endpoint).send(new CreateOpenIDConnectProviderCommand({ Url: 'http://oidc.example.com' })), 'InvalidInput', 400);
    const created = await iam(bulwark.endpoint).send(
      new CreateOpenIDConnectProviderCommand({ Url: url, ClientIDList: ['app-1'], ThumbprintList: ['a'.repeat(40)], Tags: [{ Key: 'team', Value: 'sec' }] }),
    );
    assert.equal(created.OpenIDConnectProviderArn, arn);
    assert.deepEqual(created.Tags, [{ Key: 'team', Value: 'sec' }]);
    const got = await iam(bulwark.endpoint).send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.equal(got.Url, 'oidc.example.com/tenant/1');
    assert.deepEqual(got.ClientIDList, ['app-1']);
    assert.deepEqual(got.ThumbprintList, ['a'.repeat(40)]);
    assert.ok(got.CreateDate instanceof Date);
    const list = await iam(bulwark.endpoint).send(new ListOpenIDConnectProvidersCommand({}));
    assert.deepEqual(list.OpenIDConnectProviderList, [{ Arn: arn }]);
    await rejectsWith(iam(bulwark.endpoint).send(new CreateOpenIDConnectProviderCommand({ Url: url })), 'EntityAlreadyExists', 409, `Provider with url ${url} already exists.`);
    // Thumbprints are optional now.
    await iam(bulwark.endpoint).send(new CreateOpenIDConnectProviderCommand({ Url: 'https://other.example.com', ClientIDList: ['x'] }));
  });

  test('client ids, thumbprints and tags', async () => {
    const c = iam(bulwark.endpoint);
    await c.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'app-2' }));
    await c.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'app-2' }));
    await c.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'app-1' }));
    await c.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: ['b'.repeat(40), 'c'.repeat(40)] }));
    await c.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'env', Value: 'prod' }] }));
    await c.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ['team'] }));
    const got = await c.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual(got.ClientIDList, ['app-2']);
    assert.deepEqual(got.ThumbprintList, ['b'.repeat(40), 'c'.repeat(40)]);
    const tags = await c.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual(tags.Tags, [{ Key: 'env', Value: 'prod' }]);
  });

  test('delete is idempotent; a deleted provider is not found', async () => {
    const c = iam(bulwark.endpoint);
    await c.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    await c.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    await rejectsWith(c.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })), 'NoSuchEntity', 404, `OpenIDConnect Provider not found for arn ${arn}`);
    await rejectsWith(c.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'x' })), 'NoSuchEntity', 404);
  });
});

describe('IAM SAML providers', () => {
  const bulwark = suiteServer();
  const arn = `arn:aws:iam::${ACCOUNT}:saml-provider/Corp`;

  test('create, get, list, update, tags, delete', async () => {
    const c = iam(bulwark.endpoint);
    const created = await c.send(new CreateSAMLProviderCommand({ Name: 'Corp', SAMLMetadataDocument: SAML_METADATA, Tags: [{ Key: 'a', Value: '1' }] }));
    assert.equal(created.SAMLProviderArn, arn);
    await rejectsWith(c.send(new CreateSAMLProviderCommand({ Name: 'Corp', SAMLMetadataDocument: SAML_METADATA })), 'EntityAlreadyExists', 409);
    await rejectsWith(c.send(new CreateSAMLProviderCommand({ Name: 'Bad', SAMLMetadataDocument: 'x'.repeat(1200) })), 'InvalidInput', 400);
    const got = await c.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    assert.equal(got.SAMLMetadataDocument, SAML_METADATA);
    assert.equal(got.ValidUntil?.toISOString(), '2099-01-01T00:00:00.000Z');
    assert.match(got.SAMLProviderUUID!, /^p-[0-9a-f]{24}$/);
    const list = await c.send(new ListSAMLProvidersCommand({}));
    assert.equal(list.SAMLProviderList?.length, 1);
    assert.equal(list.SAMLProviderList?.[0]?.Arn, arn);
    const updated = SAML_METADATA.replace('2099-01-01', '2098-01-01');
    assert.equal((await c.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: updated }))).SAMLProviderArn, arn);
    assert.equal((await c.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }))).ValidUntil?.toISOString(), '2098-01-01T00:00:00.000Z');
    await c.send(new TagSAMLProviderCommand({ SAMLProviderArn: arn, Tags: [{ Key: 'b', Value: '2' }] }));
    assert.deepEqual((await c.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn }))).Tags, [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]);
    await c.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn }));
    await rejectsWith(c.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn })), 'NoSuchEntity', 404);
  });
});

describe('IAM instance profiles', () => {
  const bulwark = suiteServer();

  test('create, add one role, list, conflicts, remove, delete', async () => {
    const c = iam(bulwark.endpoint);
    const role = (await c.send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: EC2_TRUST }))).Role!;
    await c.send(new CreateRoleCommand({ RoleName: 'other', AssumeRolePolicyDocument: EC2_TRUST }));
    const created = await c.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-profile', Path: '/app/', Tags: [{ Key: 'k', Value: 'v' }] }));
    const p = created.InstanceProfile!;
    assert.match(p.InstanceProfileId!, /^AIPA[A-Z2-7]{17}$/);
    assert.equal(p.Arn, `arn:aws:iam::${ACCOUNT}:instance-profile/app/web-profile`);
    assert.deepEqual(p.Roles, []);
    await rejectsWith(c.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-profile' })), 'EntityAlreadyExists', 409);

    await c.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'web' }));
    await rejectsWith(c.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'other' })), 'LimitExceeded', 409);
    const details = await c.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    const web = details.RoleDetailList?.find((r) => r.RoleName === 'web');
    assert.deepEqual(web?.InstanceProfileList?.map((p) => p.InstanceProfileName), ['web-profile']);
    const got = (await c.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web-profile' }))).InstanceProfile!;
    assert.equal(got.Roles?.length, 1);
    assert.equal(got.Roles?.[0]?.RoleId, role.RoleId);
    assert.deepEqual(got.Tags, [{ Key: 'k', Value: 'v' }]);

    const forRole = await c.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'web' }));
    assert.deepEqual(forRole.InstanceProfiles?.map((x) => x.InstanceProfileName), ['web-profile']);
    assert.deepEqual((await c.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'other' }))).InstanceProfiles, []);
    await c.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'another' }));
    const all = await c.send(new ListInstanceProfilesCommand({ PathPrefix: '/app/' }));
    assert.deepEqual(all.InstanceProfiles?.map((x) => x.InstanceProfileName), ['web-profile']);
    assert.equal((await c.send(new ListInstanceProfilesCommand({}))).InstanceProfiles?.length, 2);

    await c.send(new TagInstanceProfileCommand({ InstanceProfileName: 'web-profile', Tags: [{ Key: 'k2', Value: 'v2' }] }));
    assert.equal((await c.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'web-profile' }))).Tags?.length, 2);

    await rejectsWith(c.send(new DeleteRoleCommand({ RoleName: 'web' })), 'DeleteConflict', 409, 'Cannot delete entity, must remove roles from instance profile first.');
    await rejectsWith(c.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web-profile' })), 'DeleteConflict', 409);
    await rejectsWith(c.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'other' })), 'NoSuchEntity', 404);
    await c.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'web' }));
    await c.send(new DeleteRoleCommand({ RoleName: 'web' }));
    await c.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web-profile' }));
    await rejectsWith(c.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web-profile' })), 'NoSuchEntity', 404, 'Instance Profile web-profile cannot be found.');
  });
});

describe('IAM service-linked roles', () => {
  const bulwark = suiteServer();

  test('create, duplicate, unknown service, custom suffix, delete and its status', async () => {
    const c = iam(bulwark.endpoint);
    const role = (await c.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticbeanstalk.amazonaws.com', Description: 'EB' }))).Role!;
    assert.equal(role.RoleName, 'AWSServiceRoleForElasticBeanstalk');
    assert.equal(role.Path, '/aws-service-role/elasticbeanstalk.amazonaws.com/');
    assert.equal(role.Arn, `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`);
    assert.equal(role.Description, 'EB');
    const trust = JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!));
    assert.deepEqual(trust.Statement[0].Principal, { Service: ['elasticbeanstalk.amazonaws.com'] });
    await rejectsWith(c.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticbeanstalk.amazonaws.com' })), 'InvalidInput', 400, /has been taken in this account/);
    await rejectsWith(c.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'nonesuch.amazonaws.com' })), 'InvalidInput', 400);
    await rejectsWith(c.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'rds.amazonaws.com', CustomSuffix: 'x' })), 'InvalidInput', 400);
    const suffixed = (await c.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'fleet' }))).Role!;
    assert.equal(suffixed.RoleName, 'AWSServiceRoleForAutoScaling_fleet');

    const { DeletionTaskId } = await c.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk' }));
    assert.match(DeletionTaskId!, /^task\/aws-service-role\/elasticbeanstalk\.amazonaws\.com\/AWSServiceRoleForElasticBeanstalk\/[0-9a-f-]{36}$/);
    assert.equal((await c.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status, 'SUCCEEDED');
    await rejectsWith(c.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForElasticBeanstalk' })), 'NoSuchEntity', 404);
    await c.send(new CreateRoleCommand({ RoleName: 'plain', AssumeRolePolicyDocument: EC2_TRUST }));
    await rejectsWith(c.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'plain' })), 'InvalidInput', 400);
  });
});

// --- AssumeRoleWithWebIdentity -----------------------------------------------------------

const ISSUER = 'https://idp.example.com';
const HOST = 'idp.example.com';
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}`;

function jwt(key: KeyObject, claims: Record<string, unknown>, kid = 'k1'): string {
  const h = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid })).toString('base64url');
  const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), key).toString('base64url')}`;
}

/** The Bulwark JWKS tags: base64url of the JWKS JSON in chunks of 256 characters. */
function jwksTags(publicKey: KeyObject, kid = 'k1'): Array<{ Key: string; Value: string }> {
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] };
  const encoded = Buffer.from(JSON.stringify(jwks)).toString('base64url');
  const tags = [];
  for (let i = 0; i * 256 < encoded.length; i++) tags.push({ Key: i === 0 ? 'bulwark:jwks' : `bulwark:jwks:${i}`, Value: encoded.slice(i * 256, (i + 1) * 256) });
  return tags;
}

describe('STS AssumeRoleWithWebIdentity', () => {
  const bulwark = suiteServer();
  const idp = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = () => Math.floor(Date.now() / 1000);
  const good = () => ({ iss: ISSUER, aud: 'my-app', sub: 'user-42', iat: now(), exp: now() + 600 });
  let roleArn: string;

  const call = (token: string, arn = roleArn) =>
    sts(bulwark.endpoint).send(new AssumeRoleWithWebIdentityCommand({ RoleArn: arn, RoleSessionName: 'web-session', WebIdentityToken: token }));

  test('setup: provider with registered keys and a role trusting it', async () => {
    const c = iam(bulwark.endpoint);
    await c.send(new CreateOpenIDConnectProviderCommand({ Url: ISSUER, ClientIDList: ['my-app'], Tags: jwksTags(idp.publicKey) }));
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${HOST}:aud`]: 'my-app', 'aws:FederatedProvider': PROVIDER_ARN }, StringLike: { [`${HOST}:sub`]: 'user-*' } },
        },
      ],
    };
    roleArn = (await c.send(new CreateRoleCommand({ RoleName: 'WebRole', AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!.Arn!;
  });

  test('a signed, current token for a trusted subject gets credentials that work', async () => {
    const out = await call(jwt(idp.privateKey, good()));
    assert.equal(out.SubjectFromWebIdentityToken, 'user-42');
    assert.equal(out.Audience, 'my-app');
    assert.equal(out.Provider, ISSUER);
    assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/WebRole/web-session`);
    assert.match(out.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z2-7]{17}:web-session$/);
    const c = out.Credentials!;
    assert.match(c.AccessKeyId!, /^ASIA/);
    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const me = await sts(bulwark.endpoint, session).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, out.AssumedRoleUser?.Arn);
    // The session acts with the role's permissions: allowed iam:GetRole, nothing else.
    const allowGetRole = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }] });
    await iam(bulwark.endpoint).send(new PutRolePolicyCommand({ RoleName: 'WebRole', PolicyName: 'read', PolicyDocument: allowGetRole }));
    const asSession = new IAMClient({ endpoint: bulwark.endpoint, region: 'us-east-1', credentials: session, maxAttempts: 1 });
    assert.equal((await asSession.send(new GetRoleCommand({ RoleName: 'WebRole' }))).Role?.Arn, roleArn);
    await rejectsWith(asSession.send(new ListInstanceProfilesCommand({})), 'AccessDenied', 403);
  });

  test('wrong audience', async () => {
    await rejectsWith(call(jwt(idp.privateKey, { ...good(), aud: 'other-app' })), 'InvalidIdentityToken', 400, 'Incorrect token audience');
  });

  test('expired token', async () => {
    await rejectsWith(call(jwt(idp.privateKey, { ...good(), exp: now() - 60 })), 'ExpiredTokenException', 400, /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/);
  });

  test('unknown issuer', async () => {
    await rejectsWith(call(jwt(idp.privateKey, { ...good(), iss: 'https://unknown.example.com' })), 'InvalidIdentityToken', 400, 'No OpenIDConnect provider found in your account for https://unknown.example.com');
  });

  test('bad signature: signed by another key, or tampered', async () => {
    await rejectsWith(call(jwt(attacker.privateKey, good())), 'InvalidIdentityToken', 400, /signature could not be verified/);
    const [h, , s] = jwt(idp.privateKey, good()).split('.');
    const forged = Buffer.from(JSON.stringify({ ...good(), sub: 'user-admin' })).toString('base64url');
    await rejectsWith(call(`${h}.${forged}.${s}`), 'InvalidIdentityToken', 400, /signature could not be verified/);
  });

  test('the trust policy decides on the web identity keys', async () => {
    await rejectsWith(call(jwt(idp.privateKey, { ...good(), sub: 'robot-1' })), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    // A role trusting only the account (AWS principal) does not admit web identities.
    const accountTrust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRoleWithWebIdentity' }] });
    const other = (await iam(bulwark.endpoint).send(new CreateRoleCommand({ RoleName: 'AccountOnly', AssumeRolePolicyDocument: accountTrust }))).Role!.Arn!;
    await rejectsWith(call(jwt(idp.privateKey, good()), other), 'AccessDenied', 403);
  });

  test('without registered keys: refused, unless the provider opts into unverified tokens', async () => {
    const c = iam(bulwark.endpoint);
    const url = 'https://nokeys.example.com';
    const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/nokeys.example.com`;
    await c.send(new CreateOpenIDConnectProviderCommand({ Url: url, ClientIDList: ['app'] }));
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: arn }, Action: 'sts:AssumeRoleWithWebIdentity' }] });
    const role = (await c.send(new CreateRoleCommand({ RoleName: 'NoKeys', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
    const token = jwt(attacker.privateKey, { iss: url, aud: 'app', sub: 'someone', exp: now() + 600 });
    await rejectsWith(call(token, role), 'InvalidIdentityToken', 400, /signature could not be verified.*bulwark:jwks/);
    await c.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'bulwark:insecure-skip-signature', Value: 'true' }] }));
    const out = await call(token, role);
    assert.equal(out.SubjectFromWebIdentityToken, 'someone');
  });
});
