import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  GetBucketAclCommand,
  GetBucketPolicyStatusCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketAclCommand,
  PutBucketTaggingCommand,
  PutObjectTaggingCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { isPublicPolicy } from '../../src/iam/policy/public-statements.js';
import { isPublicAcl } from '../../src/services/s3/public-access.js';
import { canonicalUserId } from '../../src/services/s3/common.js';
import { clientConfig, creds, rejectsWith, userWithKey, type Keys, ROOT } from '../support/aws-clients.js';
import { pythonToolsMissing, runBoto3, suiteServer } from '../support/server.js';

/**
 * Bucket policies, ACLs and Block Public Access decide S3 calls through the policy engine, as
 * in AWS: Block Public Access (on by default for new buckets, or for the whole account through
 * S3 Control) refuses public policies and ACLs; a public policy or ACL lets unsigned callers
 * read; RestrictPublicBuckets and IgnorePublicAcls take that back; cross-account access needs
 * both the bucket policy and the caller's own identity policy.
 */
const ACCOUNT = '000000000000';
const OTHER = '111122223333';
const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const s3 = (endpoint: string, keys: Keys = ROOT) => new S3Client({ ...clientConfig(endpoint, keys), forcePathStyle: true });
const publicRead = (bucket: string) => policy([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }]);

/** An S3 Control call signed as `keys` (the SDK's S3 Control client is not a dependency). */
async function s3control(endpoint: string, method: string, account: string, keys: Keys = ROOT, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL('/v20180820/configuration/publicAccessBlock', endpoint);
  const request = new HttpRequest({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host, 'x-amz-account-id': account, ...(body ? { 'content-type': 'application/xml' } : {}) },
    body,
  });
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: keys, sha256: Sha256 });
  const signed = await signer.sign(request);
  const res = await fetch(url, { method, headers: signed.headers as Record<string, string>, body });
  return { status: res.status, text: await res.text() };
}

const pabXml = (flags: { acls?: boolean; ignore?: boolean; policy?: boolean; restrict?: boolean }) =>
  '<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">' +
  `<BlockPublicAcls>${!!flags.acls}</BlockPublicAcls><IgnorePublicAcls>${!!flags.ignore}</IgnorePublicAcls>` +
  `<BlockPublicPolicy>${!!flags.policy}</BlockPublicPolicy><RestrictPublicBuckets>${!!flags.restrict}</RestrictPublicBuckets>` +
  '</PublicAccessBlockConfiguration>';

/** An unsigned GET in virtual-hosted style (`Host: <bucket>.localhost:<port>`). */
function virtualHostedGet(endpoint: string, bucket: string, key: string): Promise<{ status: number; body: string }> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: `/${key}`, headers: { host: `${bucket}.localhost:${url.port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('S3 authorization: bucket policies, ACLs, Block Public Access', () => {
  const bulwark = suiteServer(['--accept-any-key']);
  const anonymousGet = (bucket: string, key: string) => fetch(`${bulwark.endpoint}/${bucket}/${key}`);

  const bucketWithObject = async (bucket: string, key = 'k.txt', body = 'hello') => {
    const root = s3(bulwark.endpoint);
    await root.send(new CreateBucketCommand({ Bucket: bucket }));
    await root.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    return root;
  };

  test('"public" as AWS defines it: fixed principals and limiting conditions are not public', () => {
    assert.equal(isPublicPolicy(publicRead('b')), true);
    assert.equal(isPublicPolicy(policy([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*' }])), true);
    assert.equal(isPublicPolicy(policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:*', Resource: '*' }])), false);
    const limited = (condition: object) => policy([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: condition }]);
    assert.equal(isPublicPolicy(limited({ IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } })), false);
    assert.equal(isPublicPolicy(limited({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } })), true);
    assert.equal(isPublicPolicy(limited({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } })), false);
    assert.equal(isPublicPolicy(limited({ StringLike: { 'aws:SourceArn': 'arn:aws:sns:*' } })), true);
    assert.equal(isPublicPolicy(limited({ StringNotEquals: { 'aws:SourceAccount': OTHER } })), true);
    assert.equal(isPublicPolicy(limited({ Bool: { 'aws:SecureTransport': 'true' } })), true);
    assert.equal(isPublicPolicy(policy([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }])), false);
    assert.equal(isPublicAcl([{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers' }, Permission: 'READ' }]), true);
    assert.equal(isPublicAcl([{ Grantee: { Type: 'CanonicalUser', ID: 'x' }, Permission: 'FULL_CONTROL' }]), false);
  });

  test('a public policy is refused under the default Block Public Access, then lets anonymous callers read', async () => {
    const root = await bucketWithObject('public-site');
    await rejectsWith(
      root.send(new PutBucketPolicyCommand({ Bucket: 'public-site', Policy: publicRead('public-site') })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::public-site" because public policies are blocked by the BlockPublicPolicy block public access setting`,
    );
    await rejectsWith(root.send(new GetBucketPolicyStatusCommand({ Bucket: 'public-site' })), 'NoSuchBucketPolicy', 404);
    assert.equal((await anonymousGet('public-site', 'k.txt')).status, 403);

    await root.send(new DeletePublicAccessBlockCommand({ Bucket: 'public-site' }));
    await root.send(new PutBucketPolicyCommand({ Bucket: 'public-site', Policy: publicRead('public-site') }));
    assert.equal((await root.send(new GetBucketPolicyStatusCommand({ Bucket: 'public-site' }))).PolicyStatus?.IsPublic, true);
    const res = await anonymousGet('public-site', 'k.txt');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'hello');
    // Unsigned through the SDK as well; the policy covers GetObject only.
    const hosted = await virtualHostedGet(bulwark.endpoint, 'public-site', 'k.txt');
    assert.deepEqual(hosted, { status: 200, body: 'hello' });
    const unsigned = new S3Client({ ...clientConfig(bulwark.endpoint), forcePathStyle: true, signer: { sign: async (r) => r } });
    const out = await unsigned.send(new GetObjectCommand({ Bucket: 'public-site', Key: 'k.txt' }));
    assert.equal(await out.Body!.transformToString(), 'hello');
    // S3 answers anonymous callers a bare "Access Denied" (the generic authorizer's wording is the lead's to align).
    await rejectsWith(unsigned.send(new PutObjectCommand({ Bucket: 'public-site', Key: 'x', Body: 'x' })), 'AccessDenied', 403);

    // RestrictPublicBuckets: the public policy now serves only the owner's account.
    await root.send(new PutPublicAccessBlockCommand({ Bucket: 'public-site', PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } }));
    assert.equal((await anonymousGet('public-site', 'k.txt')).status, 403);
    assert.equal((await root.send(new GetBucketPolicyStatusCommand({ Bucket: 'public-site' }))).PolicyStatus?.IsPublic, true);
    const own = await root.send(new GetObjectCommand({ Bucket: 'public-site', Key: 'k.txt' }));
    assert.equal(await own.Body!.transformToString(), 'hello');
  });

  test('a policy limited to fixed principals is not public', async () => {
    const root = s3(bulwark.endpoint);
    await root.send(new CreateBucketCommand({ Bucket: 'private-share' }));
    const shared = policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::private-share/*' }]);
    await root.send(new PutBucketPolicyCommand({ Bucket: 'private-share', Policy: shared }));
    assert.equal((await root.send(new GetBucketPolicyStatusCommand({ Bucket: 'private-share' }))).PolicyStatus?.IsPublic, false);
  });

  test('account-level Block Public Access (S3 Control) applies to every bucket of the account', async () => {
    const root = await bucketWithObject('account-guarded');
    await root.send(new DeletePublicAccessBlockCommand({ Bucket: 'account-guarded' }));
    const missing = await s3control(bulwark.endpoint, 'GET', ACCOUNT);
    assert.equal(missing.status, 404);
    assert.match(missing.text, /<Code>NoSuchPublicAccessBlockConfiguration<\/Code>/);
    assert.equal((await s3control(bulwark.endpoint, 'PUT', ACCOUNT, ROOT, pabXml({ policy: true }))).status, 200);
    const got = await s3control(bulwark.endpoint, 'GET', ACCOUNT);
    assert.equal(got.status, 200);
    assert.match(got.text, /<BlockPublicPolicy>true<\/BlockPublicPolicy>/);
    assert.match(got.text, /<BlockPublicAcls>false<\/BlockPublicAcls>/);
    // Another account may not read or change it.
    const foreign = await s3control(bulwark.endpoint, 'GET', ACCOUNT, creds(OTHER));
    assert.equal(foreign.status, 403);
    assert.match(foreign.text, /<Code>AccessDenied<\/Code>/);

    await rejectsWith(root.send(new PutBucketPolicyCommand({ Bucket: 'account-guarded', Policy: publicRead('account-guarded') })), 'AccessDenied', 403, /BlockPublicPolicy/);
    assert.ok((await s3control(bulwark.endpoint, 'DELETE', ACCOUNT)).status < 300);
    await root.send(new PutBucketPolicyCommand({ Bucket: 'account-guarded', Policy: publicRead('account-guarded') }));
    assert.equal((await anonymousGet('account-guarded', 'k.txt')).status, 200);
    // Account-level RestrictPublicBuckets takes anonymous access away again.
    await s3control(bulwark.endpoint, 'PUT', ACCOUNT, ROOT, pabXml({ restrict: true }));
    assert.equal((await anonymousGet('account-guarded', 'k.txt')).status, 403);
    await s3control(bulwark.endpoint, 'DELETE', ACCOUNT);
  });

  test('a bucket policy denying unencrypted uploads refuses a plain PUT and accepts one with SSE', async () => {
    const root = s3(bulwark.endpoint);
    await root.send(new CreateBucketCommand({ Bucket: 'encrypted-only' }));
    const denyPlain = policy([
      { Sid: 'DenyNoHeader', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::encrypted-only/*', Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } } },
      { Sid: 'DenyOther', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::encrypted-only/*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } },
    ]);
    await root.send(new PutBucketPolicyCommand({ Bucket: 'encrypted-only', Policy: denyPlain }));
    assert.equal((await root.send(new GetBucketPolicyStatusCommand({ Bucket: 'encrypted-only' }))).PolicyStatus?.IsPublic, false);
    const writer = await userWithKey(bulwark.endpoint, 'uploader', {
      policy: { name: 's3', document: policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]) },
    });
    await rejectsWith(
      s3(bulwark.endpoint, writer).send(new PutObjectCommand({ Bucket: 'encrypted-only', Key: 'plain', Body: 'x' })),
      'AccessDenied',
      403,
      /^User: arn:aws:iam::000000000000:user\/uploader is not authorized to perform: s3:PutObject on resource: "?arn:aws:s3:::encrypted-only\/plain"? with an explicit deny in a resource-based policy/,
    );
    // Even the root: an explicit deny in the bucket policy binds it.
    await rejectsWith(root.send(new PutObjectCommand({ Bucket: 'encrypted-only', Key: 'plain', Body: 'x' })), 'AccessDenied', 403);
    const out = await s3(bulwark.endpoint, writer).send(new PutObjectCommand({ Bucket: 'encrypted-only', Key: 'sealed', Body: 'x', ServerSideEncryption: 'AES256' }));
    assert.equal(out.ServerSideEncryption, 'AES256');
  });

  test('cross-account access needs both the bucket policy and the caller\'s identity policy', async () => {
    await bucketWithObject('shared-data', 'report.csv', 'a,b');
    const root = s3(bulwark.endpoint);
    const otherRoot = creds(OTHER);
    const withPolicy = await userWithKey(bulwark.endpoint, 'reader', {
      root: otherRoot,
      policy: { name: 'read', document: policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-data/*' }]) },
    });
    const without = await userWithKey(bulwark.endpoint, 'nobody', { root: otherRoot });
    const get = (keys: Keys) => s3(bulwark.endpoint, keys).send(new GetObjectCommand({ Bucket: 'shared-data', Key: 'report.csv' }));
    // No bucket policy: the identity policy of the other account is not enough (nor its root).
    await rejectsWith(get(withPolicy), 'AccessDenied', 403, 'Access Denied');
    await rejectsWith(get(otherRoot), 'AccessDenied', 403, 'Access Denied');

    const grant = policy([{ Effect: 'Allow', Principal: { AWS: OTHER }, Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::shared-data/*' }]);
    await root.send(new PutBucketPolicyCommand({ Bucket: 'shared-data', Policy: grant }));
    assert.equal(await (await get(withPolicy)).Body!.transformToString(), 'a,b');
    assert.equal(await (await get(otherRoot)).Body!.transformToString(), 'a,b');
    // The bucket policy alone is not enough for a user without an identity policy.
    await rejectsWith(get(without), 'AccessDenied', 403);
    // Naming the user directly changes nothing across accounts.
    const direct = policy([{ Effect: 'Allow', Principal: { AWS: without.arn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-data/*' }]);
    await root.send(new PutBucketPolicyCommand({ Bucket: 'shared-data', Policy: direct }));
    await rejectsWith(get(without), 'AccessDenied', 403);
    await rejectsWith(get(withPolicy), 'AccessDenied', 403, 'Access Denied');
    // Nothing else was granted: writes from the other account stay refused.
    await rejectsWith(s3(bulwark.endpoint, otherRoot).send(new PutObjectCommand({ Bucket: 'shared-data', Key: 'x', Body: 'x' })), 'AccessDenied', 403);
  });

  test('S3 condition keys: s3:prefix, s3:ExistingObjectTag, s3:RequestObjectTag, aws:ResourceTag', async () => {
    const root = s3(bulwark.endpoint);
    await root.send(new CreateBucketCommand({ Bucket: 'keyed' }));
    await root.send(new PutBucketTaggingCommand({ Bucket: 'keyed', Tagging: { TagSet: [{ Key: 'team', Value: 'blue' }] } }));
    await root.send(new PutObjectCommand({ Bucket: 'keyed', Key: 'home/alice/a.txt', Body: 'a', Tagging: 'class=open' }));
    await root.send(new PutObjectCommand({ Bucket: 'keyed', Key: 'home/bob/b.txt', Body: 'b' }));
    await root.send(new PutObjectTaggingCommand({ Bucket: 'keyed', Key: 'home/bob/b.txt', Tagging: { TagSet: [{ Key: 'class', Value: 'secret' }] } }));
    const alice = await userWithKey(bulwark.endpoint, 'alice', {
      policy: {
        name: 's3',
        document: policy([
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::keyed', Condition: { StringLike: { 's3:prefix': 'home/alice/*' }, StringEquals: { 'aws:ResourceTag/team': 'blue' } } },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::keyed/*', Condition: { StringEquals: { 's3:ExistingObjectTag/class': 'open' } } },
          { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::keyed/*', Condition: { StringEquals: { 's3:RequestObjectTag/class': 'open' } } },
        ]),
      },
    });
    const client = s3(bulwark.endpoint, alice);
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'keyed', Prefix: 'home/alice/' }));
    assert.deepEqual(listed.Contents?.map((o) => o.Key), ['home/alice/a.txt']);
    await rejectsWith(client.send(new ListObjectsV2Command({ Bucket: 'keyed', Prefix: 'home/bob/' })), 'AccessDenied', 403);
    await rejectsWith(client.send(new ListObjectsV2Command({ Bucket: 'keyed' })), 'AccessDenied', 403);
    assert.equal(await (await client.send(new GetObjectCommand({ Bucket: 'keyed', Key: 'home/alice/a.txt' }))).Body!.transformToString(), 'a');
    await rejectsWith(client.send(new GetObjectCommand({ Bucket: 'keyed', Key: 'home/bob/b.txt' })), 'AccessDenied', 403);
    await client.send(new PutObjectCommand({ Bucket: 'keyed', Key: 'home/alice/new.txt', Body: 'n', Tagging: 'class=open' }));
    await rejectsWith(client.send(new PutObjectCommand({ Bucket: 'keyed', Key: 'home/alice/untagged.txt', Body: 'n' })), 'AccessDenied', 403);
  });

  test('ACLs: public-read on an ObjectWriter bucket lets anonymous callers read, unless IgnorePublicAcls', async () => {
    const root = await bucketWithObject('acl-bucket', 'pic.png', 'png');
    // ACLs are disabled by default (BucketOwnerEnforced).
    await rejectsWith(root.send(new PutBucketAclCommand({ Bucket: 'acl-bucket', ACL: 'public-read' })), 'AccessControlListNotSupported', 400, 'The bucket does not allow ACLs');
    await root.send(new PutBucketOwnershipControlsCommand({ Bucket: 'acl-bucket', OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    // BlockPublicAcls (on by default) refuses a public ACL.
    await rejectsWith(root.send(new PutObjectAclCommand({ Bucket: 'acl-bucket', Key: 'pic.png', ACL: 'public-read' })), 'AccessDenied', 403, /BlockPublicAcls/);
    await root.send(new DeletePublicAccessBlockCommand({ Bucket: 'acl-bucket' }));
    await root.send(new PutObjectAclCommand({ Bucket: 'acl-bucket', Key: 'pic.png', ACL: 'public-read' }));
    const acl = await root.send(new GetObjectAclCommand({ Bucket: 'acl-bucket', Key: 'pic.png' }));
    assert.equal(acl.Owner?.ID, canonicalUserId(ACCOUNT));
    assert.deepEqual(
      acl.Grants?.map((g) => [g.Grantee?.Type, g.Grantee?.ID ?? g.Grantee?.URI, g.Permission]),
      [
        ['CanonicalUser', canonicalUserId(ACCOUNT), 'FULL_CONTROL'],
        ['Group', 'http://acs.amazonaws.com/groups/global/AllUsers', 'READ'],
      ],
    );
    const res = await anonymousGet('acl-bucket', 'pic.png');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'png');
    // The bucket's own ACL still says private: listing stays refused.
    assert.equal((await fetch(`${bulwark.endpoint}/acl-bucket`)).status, 403);

    await root.send(new PutPublicAccessBlockCommand({ Bucket: 'acl-bucket', PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }));
    assert.equal((await anonymousGet('acl-bucket', 'pic.png')).status, 403);

    // A grant header to another account's canonical id: its root may then list the bucket.
    await root.send(new PutPublicAccessBlockCommand({ Bucket: 'acl-bucket', PublicAccessBlockConfiguration: {} }));
    await root.send(new PutBucketAclCommand({ Bucket: 'acl-bucket', GrantRead: `id="${canonicalUserId(OTHER)}"`, GrantFullControl: `id="${canonicalUserId(ACCOUNT)}"` }));
    const bucketAcl = await root.send(new GetBucketAclCommand({ Bucket: 'acl-bucket' }));
    assert.equal(bucketAcl.Grants?.length, 2);
    assert.equal((await fetch(`${bulwark.endpoint}/acl-bucket`)).status, 403);
    const listed = await s3(bulwark.endpoint, creds(OTHER)).send(new ListObjectsV2Command({ Bucket: 'acl-bucket' }));
    assert.deepEqual(listed.Contents?.map((o) => o.Key), ['pic.png']);
    // READ on the bucket is not READ on its objects.
    await root.send(new PutObjectAclCommand({ Bucket: 'acl-bucket', Key: 'pic.png', ACL: 'private' }));
    await rejectsWith(s3(bulwark.endpoint, creds(OTHER)).send(new GetObjectCommand({ Bucket: 'acl-bucket', Key: 'pic.png' })), 'AccessDenied', 403, 'Access Denied');
    // An AccessControlPolicy document (xsi:type grantees): everyone may list.
    await root.send(
      new PutBucketAclCommand({
        Bucket: 'acl-bucket',
        AccessControlPolicy: {
          Owner: { ID: canonicalUserId(ACCOUNT) },
          Grants: [
            { Grantee: { Type: 'CanonicalUser', ID: canonicalUserId(ACCOUNT) }, Permission: 'FULL_CONTROL' },
            { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' },
          ],
        },
      }),
    );
    const publicList = await fetch(`${bulwark.endpoint}/acl-bucket?list-type=2`);
    assert.equal(publicList.status, 200);
    assert.match(await publicList.text(), /<Key>pic.png<\/Key>/);
    assert.equal((await root.send(new GetBucketAclCommand({ Bucket: 'acl-bucket' }))).Grants?.[1]?.Grantee?.URI, 'http://acs.amazonaws.com/groups/global/AllUsers');
  });

  test('boto3 sees the same Block Public Access and ACL errors', { skip: pythonToolsMissing() }, async () => {
    const root = s3(bulwark.endpoint);
    await root.send(new CreateBucketCommand({ Bucket: 'boto-bucket' }));
    const result = await runBoto3(
      bulwark.endpoint,
      [
        `ENDPOINT = ${JSON.stringify(bulwark.endpoint)}`,
        's3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1", config=Config(s3={"addressing_style": "path"}))',
        'try:',
        '    s3.put_bucket_policy(Bucket="boto-bucket", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::boto-bucket/*"}]}))',
        'except s3.exceptions.ClientError as e:',
        '    print(e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])',
        'try:',
        '    s3.put_bucket_acl(Bucket="boto-bucket", ACL="public-read")',
        'except s3.exceptions.ClientError as e:',
        '    print(e.response["Error"]["Code"])',
        'print(s3.get_bucket_acl(Bucket="boto-bucket")["Grants"][0]["Permission"])',
      ].join('\n'),
    );
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n'), ['AccessDenied 403', 'AccessControlListNotSupported', 'FULL_CONTROL']);
  });
});
