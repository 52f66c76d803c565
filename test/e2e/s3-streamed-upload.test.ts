import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { clientConfig, ROOT } from '../support/aws-clients.js';
import { pythonToolsMissing, runBoto3, suiteServer } from '../support/server.js';

/**
 * Single PUTs larger than 8 MiB stream to disk instead of being read into memory: the SDK v3's
 * aws-chunked upload with a trailing CRC32, botocore's signed SHA-256 payload, and a body whose
 * declared SHA-256 is wrong (refused with XAmzContentSHA256Mismatch, nothing stored).
 */
describe('S3 streamed single PUTs', () => {
  const bulwark = suiteServer();
  const s3 = () => new S3Client({ ...clientConfig(bulwark.endpoint), forcePathStyle: true });
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  async function download(key: string): Promise<Buffer> {
    const out = await s3().send(new GetObjectCommand({ Bucket: 'streamed', Key: key }));
    return Buffer.from(await out.Body!.transformToByteArray());
  }

  test('SDK v3 PutObject of 12 MiB (aws-chunked with a CRC32 trailer) round-trips', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'streamed' }));
    const body = randomBytes(12 * 1024 * 1024);
    const put = await s3().send(new PutObjectCommand({ Bucket: 'streamed', Key: 'sdk.bin', Body: body, ChecksumAlgorithm: 'CRC32' }));
    assert.equal(put.ETag, `"${createHash('md5').update(body).digest('hex')}"`);
    assert.ok(put.ChecksumCRC32);
    assert.equal(sha(await download('sdk.bin')), sha(body));
    const head = await s3().send(new HeadObjectCommand({ Bucket: 'streamed', Key: 'sdk.bin' }));
    assert.equal(head.ContentLength, body.length);
  });

  test('a signed payload hash that does not match the streamed body is refused, and nothing is stored', async () => {
    const body = Buffer.alloc(9 * 1024 * 1024, 'z');
    const url = new URL(bulwark.endpoint);
    const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: ROOT, sha256: Sha256 });
    const wrong = sha(Buffer.from('something else'));
    const signed = await signer.sign(
      new HttpRequest({ method: 'PUT', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/streamed/bad.bin', headers: { host: url.host, 'x-amz-content-sha256': wrong, 'content-length': String(body.length) }, body }),
    );
    const { host: _host, ...headers } = signed.headers;
    const res = await fetch(`${bulwark.endpoint}/streamed/bad.bin`, { method: 'PUT', headers, body });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /<Code>XAmzContentSHA256Mismatch<\/Code>/);
    await assert.rejects(s3().send(new HeadObjectCommand({ Bucket: 'streamed', Key: 'bad.bin' })), (err: Error) => err.name === 'NotFound');
  });

  test('boto3 put_object of 10 MiB (signed SHA-256 payload) round-trips', { skip: pythonToolsMissing() }, async () => {
    const r = await runBoto3(
      bulwark.endpoint,
      `
import hashlib
s3 = client("s3")
body = bytes(range(256)) * (10 * 4096)
s3.put_object(Bucket="streamed", Key="boto.bin", Body=body)
got = s3.get_object(Bucket="streamed", Key="boto.bin")["Body"].read()
print(json.dumps({"same": hashlib.sha256(got).hexdigest() == hashlib.sha256(body).hexdigest(), "size": len(got)}))
`,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { same: true, size: 10 * 1024 * 1024 });
  });
});
