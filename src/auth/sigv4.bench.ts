/**
 * Micro-benchmark of verifySigV4 (not a test): `npx tsc -p . && node dist/src/auth/sigv4.bench.js`.
 * Prints microseconds per verification for typical small requests.
 */
import { performance } from 'node:perf_hooks';
import { verifySigV4 } from './sigv4.js';
import { lookup, signWithSdk, T0 } from './sigv4-oracle.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100_000);

const cases = {
  'STS POST form body (header form)': await signWithSdk({
    service: 'sts',
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'x-amz-user-agent': 'aws-sdk-js/3', 'amz-sdk-invocation-id': '6c2e5b8a-1f0e-4d7c-9a51-0c0a1c3e2f10' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    applyChecksum: true,
  }),
  'KMS JSON body (header form)': await signWithSdk({
    service: 'kms',
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Encrypt' },
    body: JSON.stringify({ KeyId: 'alias/app', Plaintext: 'aGVsbG8gd29ybGQ=' }),
  }),
  'S3 GET with query (header form)': await signWithSdk({ service: 's3', path: '/bucket/photos/a%20b.jpg', query: { 'list-type': '2', prefix: 'photos/', 'max-keys': '100' } }),
  'S3 presigned GET': await signWithSdk({ service: 's3', path: '/bucket/key.txt', presign: { expiresIn: 3600 } }),
};

for (const [name, req] of Object.entries(cases)) {
  for (let i = 0; i < 2000; i++) await verifySigV4(req, lookup, { now: T0 }); // warm up
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) await verifySigV4(req, lookup, { now: T0 });
  const micros = ((performance.now() - start) * 1000) / ITERATIONS;
  console.log(`${name.padEnd(36)} ${micros.toFixed(2)} µs/verification`);
}
