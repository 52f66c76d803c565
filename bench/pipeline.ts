/**
 * In-process micro-benchmark of the request pipeline (no HTTP): `npm run bench:pipeline`.
 * Builds the pipeline the way src/app.ts does (in-memory store, credential directory, every
 * protocol codec, allowRoot) and drives it with a SigV4-signed STS GetCallerIdentity, as the
 * HTTP listener would hand it over: a fresh HttpRequest (header strings made anew and
 * lower-cased, a body Buffer) per call. Prints µs per request for a few rounds, then the median.
 *
 * Options (environment): BENCH_ROUNDS (5), BENCH_ITERATIONS per round (50000).
 * verifySigV4 alone has its own micro-benchmark: `node dist/src/auth/sigv4.bench.js`.
 */
import { BlobStore } from '../src/store/blob-store.js';
import { MasterKey } from '../src/crypto/master-key.js';
import { performance } from 'node:perf_hooks';
import { CredentialDirectory } from '../src/accounts/credential-directory.js';
import { protocolCodecs } from '../src/protocol/index.js';
import type { HttpRequest } from '../src/protocol/http.js';
import { createLogger } from '../src/server/logger.js';
import { createPipeline } from '../src/server/pipeline.js';
import { allowRoot } from '../src/server/steps/authorize.js';
import { openStore } from '../src/store/index.js';
import { SCENARIOS } from './scenarios.js';
import { sign } from './sign.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 50_000);
const ENDPOINT = 'http://127.0.0.1:45660';

const store = await openStore({ inMemory: true });
const masterKey = MasterKey.random();
const credentials = new CredentialDirectory(store, masterKey, {
  accountId: '000000000000',
  root: { accessKeyId: 'test', secretAccessKey: 'test' },
  acceptAnyKey: false,
});
const pipeline = createPipeline({
  store,
  masterKey,
  blobs: BlobStore.temporarySync(),
  credentials,
  codecs: protocolCodecs,
  authorize: allowRoot,
  defaultRegion: 'us-east-1',
  logger: createLogger('warn'),
  observers: [],
});

const scenario = SCENARIOS.find((s) => s.name === 'sts:GetCallerIdentity')!;
const signed = await sign(ENDPOINT, scenario.request);
const body = Buffer.from(signed.body, 'utf8');
// The header block as node's HTTP parser reads it: every request gets freshly made strings
// (not the same interned ones), as they would arrive from the wire.
const rawHeaders = [...Object.entries(signed.headers).flat(), 'Content-Length', String(body.length)];
const headerBlock = Buffer.from(rawHeaders.join(''), 'latin1');
const headerEnds: number[] = [];
for (let i = 0, end = 0; i < rawHeaders.length; i++) headerEnds.push((end += rawHeaders[i].length));

/** A fresh request per call, built like the HTTP listener builds it (codecs cache per request object). */
function request(): HttpRequest {
  const headers: Record<string, string> = {};
  for (let i = 0; i < headerEnds.length; i += 2) {
    const name = headerBlock.toString('latin1', i === 0 ? 0 : headerEnds[i - 1], headerEnds[i]).toLowerCase();
    headers[name] = headerBlock.toString('latin1', headerEnds[i], headerEnds[i + 1]);
  }
  return { method: signed.method, path: signed.path, rawQuery: '', headers, body: Buffer.from(body), sourceIp: '127.0.0.1', secure: false };
}

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
  `${scenario.name} pipeline: median ${results[Math.floor(results.length / 2)].toFixed(2)} µs/request (best ${results[0].toFixed(2)}; ` +
    `building the request object is ${buildMicros.toFixed(2)} of it)`,
);
await store.close();
