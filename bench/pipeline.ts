/**
 * In-process micro-benchmark of the request pipeline (no HTTP): `npm run bench:pipeline`.
 * Builds the pipeline the way src/app.ts does (in-memory store, credential directory, every
 * protocol codec, IAM enforcement) and drives it with one SigV4-signed request, as the HTTP
 * listener would hand it over: a fresh HttpRequest (header strings made anew and lower-cased,
 * a body Buffer) per call. Prints µs per request for a few rounds, then the median.
 *
 * Options (environment): BENCH_SCENARIO — `sts:GetCallerIdentity` (default, as the root user),
 * `kms:Encrypt` or `kms:Decrypt` (64 bytes, as an IAM user whose identity policy allows it on
 * a key with the default key policy: SigV4, both policies and the cryptography on every call),
 * `s3:GetObject` or `s3:PutObject` (4 KiB, SSE-S3, as an IAM user allowed them on the bucket);
 * BENCH_CLOUDTRAIL=1 records every call (journal in a temporary directory, no event history);
 * BENCH_ROUNDS (5), BENCH_ITERATIONS per round (50000). `node --cpu-prof` on
 * dist/bench/pipeline.js profiles just this. verifySigV4 alone: `node dist/src/auth/sigv4.bench.js`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournal } from '../src/cloudtrail/journal.js';
import type { CloudTrailRecord } from '../src/cloudtrail/record.js';
import { createRecorder } from '../src/cloudtrail/recorder.js';
import { EventBus } from '../src/core/event-bus.js';
import { BlobStore } from '../src/store/blob-store.js';
import { MasterKey } from '../src/crypto/master-key.js';
import { performance } from 'node:perf_hooks';
import { CredentialDirectory } from '../src/accounts/credential-directory.js';
import { sessionInfo } from '../src/accounts/sessions.js';
import { protocolCodecs } from '../src/protocol/index.js';
import type { HttpRequest } from '../src/protocol/http.js';
import { createLogger } from '../src/server/logger.js';
import { createPipeline } from '../src/server/pipeline.js';
import { createAuthorization } from '../src/server/steps/authorize.js';
import { openStore } from '../src/store/index.js';
import { SCENARIOS } from './scenarios.js';
import { iamCall, kmsCall } from './side-by-side.js';
import { sign, type Credentials, type UnsignedRequest } from './sign.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 50_000);
const SCENARIO = process.env.BENCH_SCENARIO ?? 'sts:GetCallerIdentity';
const ENDPOINT = 'http://127.0.0.1:45660';

const store = await openStore({ inMemory: true });
const masterKey = MasterKey.random();
const logger = createLogger('warn');
const authorization = createAuthorization({ mode: 'enforce', logger, sessions: sessionInfo });
const credentials = new CredentialDirectory(store, masterKey, {
  accountId: '000000000000',
  root: { accessKeyId: 'test', secretAccessKey: 'test' },
  acceptAnyKey: false,
  generation: () => authorization.cache.currentGeneration,
});
const journalDir = mkdtempSync(join(tmpdir(), 'bulwark-bench-journal-'));
process.on('exit', () => rmSync(journalDir, { recursive: true, force: true }));
const recorder = process.env.BENCH_CLOUDTRAIL === '1' ? createRecorder(new FileJournal(journalDir, 'bench'), new EventBus<CloudTrailRecord>(), credentials) : undefined;
const pipeline = createPipeline({
  store,
  masterKey,
  blobs: await BlobStore.open(undefined, store), // small objects as store rows, as src/app.ts does
  credentials,
  codecs: protocolCodecs,
  authorize: authorization.authorize,
  defaultRegion: 'us-east-1',
  logger,
  observers: [authorization.observer],
  recorder,
});

/** The request the HTTP listener would build from these signed bytes (header strings made anew). */
async function requestMaker(unsigned: UnsignedRequest, keys?: Credentials): Promise<() => HttpRequest> {
  const signed = await sign(ENDPOINT, unsigned, 'us-east-1', keys);
  const body = Buffer.from(signed.body, 'utf8');
  const rawHeaders = [...Object.entries(signed.headers).flat(), 'Content-Length', String(body.length)];
  const headerBlock = Buffer.from(rawHeaders.join(''), 'latin1');
  const headerEnds: number[] = [];
  for (let i = 0, end = 0; i < rawHeaders.length; i++) headerEnds.push((end += rawHeaders[i]!.length));
  return () => {
    const headers: Record<string, string> = {};
    for (let i = 0; i < headerEnds.length; i += 2) {
      const name = headerBlock.toString('latin1', i === 0 ? 0 : headerEnds[i - 1], headerEnds[i]).toLowerCase();
      headers[name] = headerBlock.toString('latin1', headerEnds[i], headerEnds[i + 1]);
    }
    return { method: signed.method, path: signed.path, rawQuery: '', headers, body: Buffer.from(body), sourceIp: '127.0.0.1', secure: false };
  };
}

/** Sends one request through the pipeline; its body as text, or an error unless it succeeded. */
async function send(unsigned: UnsignedRequest, keys?: Credentials): Promise<string> {
  const res = await pipeline((await requestMaker(unsigned, keys))());
  const text = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : String(res.body);
  if (res.status !== 200) throw new Error(`${unsigned.body.slice(0, 60)}: ${res.status} ${text}`);
  return text;
}

/** The measured request, and who signs it. */
async function prepare(): Promise<{ unsigned: UnsignedRequest; keys?: Credentials }> {
  const gci = SCENARIOS.find((s) => s.name === 'sts:GetCallerIdentity')!.request;
  if (SCENARIO === 'sts:GetCallerIdentity') return { unsigned: gci };
  if (SCENARIO === 's3:GetObject' || SCENARIO === 's3:PutObject') return prepareS3();
  if (SCENARIO !== 'kms:Encrypt' && SCENARIO !== 'kms:Decrypt') throw new Error(`unknown BENCH_SCENARIO ${SCENARIO}`);
  const key = (JSON.parse(await send(kmsCall('CreateKey', {}))) as { KeyMetadata: { KeyId: string; Arn: string } }).KeyMetadata;
  const keys = await benchUser({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: key.Arn }] });
  const encrypt = kmsCall('Encrypt', { KeyId: key.KeyId, Plaintext: Buffer.alloc(64, 7).toString('base64') });
  if (SCENARIO === 'kms:Encrypt') return { unsigned: encrypt, keys };
  const blob = (JSON.parse(await send(encrypt, keys)) as { CiphertextBlob: string }).CiphertextBlob;
  return { unsigned: kmsCall('Decrypt', { CiphertextBlob: blob }), keys };
}

/** An IAM user `bench` with `policy` inline, and its access key. */
async function benchUser(policy: object): Promise<Credentials> {
  await send(iamCall('Action=CreateUser&UserName=bench'));
  await send(iamCall(`Action=PutUserPolicy&UserName=bench&PolicyName=p&PolicyDocument=${encodeURIComponent(JSON.stringify(policy))}`));
  const xml = await send(iamCall('Action=CreateAccessKey&UserName=bench'));
  const pick = (tag: string) => new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml)?.[1] ?? '';
  return { accessKeyId: pick('AccessKeyId'), secretAccessKey: pick('SecretAccessKey') };
}

async function prepareS3(): Promise<{ unsigned: UnsignedRequest; keys?: Credentials }> {
  const s3 = (method: string, path: string, body = ''): UnsignedRequest => ({ service: 's3', method, path, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body });
  await send(s3('PUT', '/bench-bucket'));
  const keys = await benchUser({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: 'arn:aws:s3:::bench-bucket/*' }] });
  const put = s3('PUT', '/bench-bucket/object-4k', 'x'.repeat(4096));
  await send(put, keys);
  return { unsigned: SCENARIO === 's3:PutObject' ? put : s3('GET', '/bench-bucket/object-4k'), keys };
}

const prepared = await prepare();
const request = await requestMaker(prepared.unsigned, prepared.keys);
const first = await pipeline(request());
if (first.status !== 200) {
  console.error(`unexpected answer ${first.status}: ${String(first.body)}`);
  process.exit(1);
}

async function round(iterations: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await pipeline(request());
  return ((performance.now() - start) * 1000) / iterations;
}

await round(Math.min(ITERATIONS, 20_000)); // warm-up
const results: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const micros = await round(ITERATIONS);
  results.push(micros);
  console.log(`round ${r + 1}: ${micros.toFixed(2)} µs/request`);
}
results.sort((a, b) => a - b);
const buildStart = performance.now();
for (let i = 0; i < ITERATIONS; i++) request();
const buildMicros = ((performance.now() - buildStart) * 1000) / ITERATIONS;
console.log(
  `${SCENARIO} pipeline: median ${results[Math.floor(results.length / 2)].toFixed(2)} µs/request (best ${results[0].toFixed(2)}; ` +
    `building the request object is ${buildMicros.toFixed(2)} of it)`,
);
await store.close();
