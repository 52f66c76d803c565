import { parseArgs } from 'node:util';
import { runLoad, type LoadResult } from './load.js';
import { SCENARIOS } from './scenarios.js';
import { sign, type Credentials, type UnsignedRequest } from './sign.js';
import { motoInstalled, startBulwarkTarget, startMotoTarget, type Target } from './targets.js';

/**
 * What the service benchmarks (bench:kms, bench:s3) share: Bulwark and moto_server started
 * side by side, each set up by the benchmark, then every scenario measured in alternating
 * rounds (noise on a shared machine hits both alike); the median round counts.
 * Options: --seconds 10 (split over the rounds) --connections 32 --rounds 5 --workers 1
 * (Bulwark's `--workers`: processes serving requests).
 */
export interface Scenario {
  name: string;
  request: UnsignedRequest;
}

export interface Prepared {
  credentials?: Credentials;
  scenarios: Scenario[];
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
export const iamCall = (body: string): UnsignedRequest => ({ service: 'iam', method: 'POST', path: '/', headers: FORM, body: `${body}&Version=2010-05-08` });

/** A call of a JSON-protocol service (X-Amz-Target). */
export const jsonCall = (service: string, target: string, body: object): UnsignedRequest => ({
  service,
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
  body: JSON.stringify(body),
});

export const kmsCall = (operation: string, body: object): UnsignedRequest => jsonCall('kms', `TrentService.${operation}`, body);

/** Sends one signed request (set-up calls); throws unless it succeeded. */
export async function call(endpoint: string, request: UnsignedRequest, credentials?: Credentials): Promise<string> {
  const s = await sign(endpoint, request, 'us-east-1', credentials);
  const { host: _host, ...headers } = s.headers;
  const res = await fetch(`${endpoint}${s.path}`, { method: s.method, headers, body: s.body === '' ? undefined : s.body });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${request.method} ${request.path} ${request.body.slice(0, 80)}: ${res.status} ${text}`);
  return text;
}

/** As root: an IAM user `bench` whose inline policy is `policy`, and its access key. */
export async function benchUser(endpoint: string, policy: object): Promise<Credentials> {
  await call(endpoint, iamCall('Action=CreateUser&UserName=bench'));
  await call(endpoint, iamCall(`Action=PutUserPolicy&UserName=bench&PolicyName=p&PolicyDocument=${encodeURIComponent(JSON.stringify(policy))}`));
  const xml = await call(endpoint, iamCall('Action=CreateAccessKey&UserName=bench'));
  const pick = (tag: string) => new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml)?.[1] ?? '';
  return { accessKeyId: pick('AccessKeyId'), secretAccessKey: pick('SecretAccessKey') };
}

/** --seconds (split over the rounds), --connections, --rounds, --workers. */
export function benchOptions(): { seconds: number; connections: number; rounds: number; workers: number } {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      rounds: { type: 'string', default: '5' },
      workers: { type: 'string', default: '1' },
    },
  });
  return { seconds: Number(values.seconds), connections: Number(values.connections), rounds: Number(values.rounds), workers: Number(values.workers) };
}

export async function runSideBySide(ports: [number, number], prepare: (target: Target) => Promise<Prepared>): Promise<void> {
  const { seconds, connections, rounds, workers } = benchOptions();
  const targets: Target[] = [await startBulwarkTarget(ports[0], SCENARIOS[0]!.request, ['--workers', String(workers)])];
  if (motoInstalled()) targets.push(await startMotoTarget(ports[1]));
  else console.log('moto_server: not installed; Bulwark only');
  const results = new Map<string, Map<string, LoadResult[]>>();
  try {
    const prepared = await Promise.all(targets.map(prepare));
    const names = prepared[0]!.scenarios.map((s) => s.name);
    for (let s = 0; s < names.length; s++) {
      const byTarget = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
      results.set(names[s]!, byTarget);
      const run = (i: number, secs: number) => runLoad(targets[i]!.endpoint, prepared[i]!.scenarios[s]!.request, connections, secs, prepared[i]!.credentials);
      for (let i = 0; i < targets.length; i++) await run(i, Math.min(2, seconds)); // warm-up
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < targets.length; i++) {
          const r = await run(i, seconds / rounds);
          if (r.errors > 0) console.warn(`${targets[i]!.name} ${names[s]}: ${r.errors} errors, first: ${r.firstError}`);
          byTarget.get(targets[i]!.name)!.push(r);
        }
      }
    }
  } finally {
    for (const t of targets) await t.stop();
  }
  const median = (rs: LoadResult[]): LoadResult => [...rs].sort((a, b) => a.rps - b.rps)[Math.floor(rs.length / 2)]!;
  console.log(`\nBulwark with --workers ${workers}`);
  console.log(`\n| operation | conns | Bulwark req/s | p50 ms | p99 ms | moto req/s | p50 ms | p99 ms | ratio |\n|---|---|---|---|---|---|---|---|---|`);
  for (const [name, byTarget] of results) {
    const b = median(byTarget.get('bulwark')!);
    const m = byTarget.get('moto') ? median(byTarget.get('moto')!) : undefined;
    console.log(
      `| ${name} | ${connections} | ${b.rps.toFixed(0)} | ${b.p50Ms.toFixed(2)} | ${b.p99Ms.toFixed(2)} | ` +
        (m ? `${m.rps.toFixed(0)} | ${m.p50Ms.toFixed(2)} | ${m.p99Ms.toFixed(2)} | ${(b.rps / m.rps).toFixed(1)}× |` : '– | – | – | – |'),
    );
  }
}
