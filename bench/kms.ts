import { parseArgs } from 'node:util';
import { runLoad, type LoadResult } from './load.js';
import { SCENARIOS } from './scenarios.js';
import { sign, type Credentials, type UnsignedRequest } from './sign.js';
import { motoInstalled, startBulwarkTarget, startMotoTarget, type Target } from './targets.js';

/**
 * `npm run bench:kms [-- --seconds 10 --connections 32 --rounds 5]`
 * Authorized 64-byte KMS Encrypt and Decrypt: on Bulwark signed by an IAM user whose identity
 * policy allows them on a key with the default key policy (SigV4, the key policy and the
 * identity policy evaluated on every call), side by side with moto_server (no authorization),
 * in alternating rounds; prints the median round's req/s, p50/p99 and the ratio.
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '5' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);

const kmsCall = (operation: string, body: object): UnsignedRequest => ({
  service: 'kms',
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${operation}` },
  body: JSON.stringify(body),
});
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const iamCall = (body: string): UnsignedRequest => ({ service: 'iam', method: 'POST', path: '/', headers: FORM, body: `${body}&Version=2010-05-08` });

async function call(endpoint: string, request: UnsignedRequest, credentials?: Credentials): Promise<string> {
  const s = await sign(endpoint, request, 'us-east-1', credentials);
  const { host: _host, ...headers } = s.headers;
  const res = await fetch(`${endpoint}${s.path}`, { method: s.method, headers, body: s.body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${request.body}: ${res.status} ${text}`);
  return text;
}

interface Setup {
  credentials?: Credentials;
  encrypt: UnsignedRequest;
  decrypt: UnsignedRequest;
}

/** A key, a 64-byte plaintext's ciphertext, and on Bulwark a user allowed Encrypt and Decrypt on the key. */
async function setUp(target: Target): Promise<Setup> {
  const key = JSON.parse(await call(target.endpoint, kmsCall('CreateKey', {}))).KeyMetadata;
  let credentials: Credentials | undefined;
  if (target.name === 'bulwark') {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: key.Arn }] });
    await call(target.endpoint, iamCall('Action=CreateUser&UserName=bench'));
    await call(target.endpoint, iamCall(`Action=PutUserPolicy&UserName=bench&PolicyName=p&PolicyDocument=${encodeURIComponent(policy)}`));
    const xml = await call(target.endpoint, iamCall('Action=CreateAccessKey&UserName=bench'));
    const pick = (tag: string) => new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml)?.[1] ?? '';
    credentials = { accessKeyId: pick('AccessKeyId'), secretAccessKey: pick('SecretAccessKey') };
  }
  const encrypt = kmsCall('Encrypt', { KeyId: key.KeyId, Plaintext: Buffer.alloc(64, 7).toString('base64') });
  const blob = JSON.parse(await call(target.endpoint, encrypt, credentials)).CiphertextBlob as string;
  return { credentials, encrypt, decrypt: kmsCall('Decrypt', { CiphertextBlob: blob }) };
}

const targets: Target[] = [await startBulwarkTarget(45680, SCENARIOS[0]!.request)];
if (motoInstalled()) targets.push(await startMotoTarget(45681));
else console.log('moto_server: not installed; Bulwark only');
const results = new Map<string, Map<string, LoadResult[]>>();
try {
  const setups = await Promise.all(targets.map(setUp));
  for (const op of ['encrypt', 'decrypt'] as const) {
    const byTarget = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
    results.set(`kms:${op === 'encrypt' ? 'Encrypt' : 'Decrypt'} (64 B, authorized)`, byTarget);
    for (let i = 0; i < targets.length; i++) await runLoad(targets[i]!.endpoint, setups[i]![op], connections, Math.min(2, seconds), setups[i]!.credentials);
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < targets.length; i++) {
        const r = await runLoad(targets[i]!.endpoint, setups[i]![op], connections, seconds / rounds, setups[i]!.credentials);
        if (r.errors > 0) console.warn(`${targets[i]!.name} ${op}: ${r.errors} errors, first: ${r.firstError}`);
        byTarget.get(targets[i]!.name)!.push(r);
      }
    }
  }
} finally {
  for (const t of targets) await t.stop();
}

const median = (rs: LoadResult[]): LoadResult => [...rs].sort((a, b) => a.rps - b.rps)[Math.floor(rs.length / 2)]!;
console.log(`\n| operation | conns | Bulwark req/s | p50 ms | p99 ms | moto req/s | p50 ms | p99 ms | ratio |\n|---|---|---|---|---|---|---|---|---|`);
for (const [name, byTarget] of results) {
  const b = median(byTarget.get('bulwark')!);
  const m = byTarget.get('moto') ? median(byTarget.get('moto')!) : undefined;
  console.log(
    `| ${name} | ${connections} | ${b.rps.toFixed(0)} | ${b.p50Ms.toFixed(2)} | ${b.p99Ms.toFixed(2)} | ` +
      (m ? `${m.rps.toFixed(0)} | ${m.p50Ms.toFixed(2)} | ${m.p99Ms.toFixed(2)} | ${(b.rps / m.rps).toFixed(1)}× |` : '– | – | – | – |'),
  );
}
