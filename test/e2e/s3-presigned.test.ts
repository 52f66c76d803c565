import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateBucketCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { clientConfig, ROOT, userWithKey, type Keys } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * Presigned URLs as the SDKs make them: a GET works without any header until X-Amz-Expires has
 * passed (then S3's `403 AccessDenied: Request has expired`), a PUT presigned for one key
 * uploads, and the URL carries its signer's permissions (a user without s3:GetObject is refused).
 */
describe('S3 presigned URLs', () => {
  const bulwark = suiteServer();

  async function presign(keys: Keys, method: string, path: string, expiresIn: number, signingDate = new Date()): Promise<string> {
    const url = new URL(bulwark.endpoint);
    const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: keys, sha256: Sha256, uriEscapePath: false });
    const request = new HttpRequest({ method, protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path, headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    const signed = await signer.presign(request, { expiresIn, signingDate });
    const query = Object.entries(signed.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
    return `${bulwark.endpoint}${path}?${query}`;
  }

  test('a presigned GET works until it expires; a presigned PUT uploads', async () => {
    const s3 = new S3Client({ ...clientConfig(bulwark.endpoint), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'presigned' }));
    await s3.send(new PutObjectCommand({ Bucket: 'presigned', Key: 'report.txt', Body: 'quarterly numbers' }));

    const ok = await fetch(await presign(ROOT, 'GET', '/presigned/report.txt', 60));
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'quarterly numbers');

    const old = await fetch(await presign(ROOT, 'GET', '/presigned/report.txt', 60, new Date(Date.now() - 120_000)));
    assert.equal(old.status, 403);
    const body = await old.text();
    assert.match(body, /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    assert.match(body, /<X-Amz-Expires>60<\/X-Amz-Expires>/);

    const put = await fetch(await presign(ROOT, 'PUT', '/presigned/upload.txt', 60), { method: 'PUT', body: 'sent by a browser' });
    assert.equal(put.status, 200);
    const back = await fetch(await presign(ROOT, 'GET', '/presigned/upload.txt', 60));
    assert.equal(await back.text(), 'sent by a browser');
  });

  test("a presigned URL carries its signer's permissions", async () => {
    const reader = await userWithKey(bulwark.endpoint, 'no-reader');
    const denied = await fetch(await presign(reader, 'GET', '/presigned/report.txt', 60));
    assert.equal(denied.status, 403);
    const text = (await denied.text()).replaceAll('&quot;', '"');
    assert.match(text, /<Code>AccessDenied<\/Code><Message>User: arn:aws:iam::000000000000:user\/no-reader is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::presigned\/report.txt" because no identity-based policy allows the s3:GetObject action</);
  });

  test('s3:authType tells presigned URLs from header-signed requests: a policy can refuse presigned reads', async () => {
    const s3 = new S3Client({ ...clientConfig(bulwark.endpoint), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'no-presigned' }));
    await s3.send(new PutObjectCommand({ Bucket: 'no-presigned', Key: 'k', Body: 'v' }));
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::no-presigned/*', Condition: { StringEquals: { 's3:authType': 'REST-QUERY-STRING' } } }],
    };
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'no-presigned', Policy: JSON.stringify(policy) }));
    const viaHeader = await s3.send(new GetObjectCommand({ Bucket: 'no-presigned', Key: 'k' }));
    assert.equal(await viaHeader.Body!.transformToString(), 'v');
    const viaQuery = await fetch(await presign(ROOT, 'GET', '/no-presigned/k', 60));
    assert.equal(viaQuery.status, 403);
    assert.match((await viaQuery.text()).replaceAll('&quot;', '"'), /with an explicit deny in a resource-based policy/);
  });
});
