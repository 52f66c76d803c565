import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { SCENARIOS } from './scenarios.js';
import { rssMb, startBulwarkTarget } from './targets.js';

/**
 * `npm run bench:s3-large [-- --mib 1024] [--single]`
 * A large object through Bulwark (on-disk store, its own process): uploaded with the SDK's
 * `@aws-sdk/lib-storage` Upload (multipart, 8 MiB parts, 4 at a time) — or with `--single`, one
 * streamed PutObject — from a generated stream,
 * downloaded with GetObject as a stream; prints the throughput both ways, the SHA-256 of both
 * sides, and the server's resident memory high-water mark (VmHWM) — the target is < 250 MB.
 */
const { values } = parseArgs({ options: { mib: { type: 'string', default: '1024' }, single: { type: 'boolean', default: false } } });
const total = Number(values.mib) * 1024 * 1024;
const CHUNK = 1024 * 1024;

const target = await startBulwarkTarget(24688, SCENARIOS[0]!.request);
try {
  const s3 = new S3Client({ endpoint: target.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await s3.send(new CreateBucketCommand({ Bucket: 'large' }));
  const sent = createHash('sha256');
  async function* generate(): AsyncGenerator<Buffer> {
    const block = Buffer.alloc(CHUNK);
    for (let offset = 0; offset < total; offset += CHUNK) {
      block.fill(offset / CHUNK % 251);
      block.writeUInt32BE(offset / CHUNK, 0);
      const chunk = Buffer.from(block.subarray(0, Math.min(CHUNK, total - offset)));
      sent.update(chunk);
      yield chunk;
    }
  }
  const up0 = performance.now();
  if (values.single) await s3.send(new PutObjectCommand({ Bucket: 'large', Key: 'big.bin', Body: Readable.from(generate()), ContentLength: total }));
  else await new Upload({ client: s3, params: { Bucket: 'large', Key: 'big.bin', Body: Readable.from(generate()) }, partSize: 8 * 1024 * 1024, queueSize: 4 }).done();
  const upSeconds = (performance.now() - up0) / 1000;
  const afterUpload = rssMb(target.pid, true);
  const down0 = performance.now();
  const got = await s3.send(new GetObjectCommand({ Bucket: 'large', Key: 'big.bin' }));
  const received = createHash('sha256');
  let size = 0;
  for await (const chunk of got.Body as AsyncIterable<Uint8Array>) {
    received.update(chunk);
    size += chunk.length;
  }
  const downSeconds = (performance.now() - down0) / 1000;
  const mib = total / 1024 / 1024;
  const same = sent.digest('hex') === received.digest('hex') && size === total;
  console.log(`| object | upload ${values.single ? '(one PutObject)' : '(multipart)'} MiB/s | download MiB/s | round trip intact | server peak RSS after upload | after download |`);
  console.log(`|---|---|---|---|---|---|`);
  console.log(
    `| ${mib} MiB | ${(mib / upSeconds).toFixed(1)} | ${(mib / downSeconds).toFixed(1)} | ${same ? 'yes (SHA-256 equal)' : 'NO'} | ${afterUpload?.toFixed(0)} MB | ${rssMb(target.pid, true)?.toFixed(0)} MB |`,
  );
  if (!same) process.exitCode = 1;
} finally {
  await target.stop();
}
