import { runLoad, type LoadResult } from './load.js';
import { SCENARIOS } from './scenarios.js';
import type { Credentials } from './sign.js';
import { benchOptions, benchUser, iamCall } from './side-by-side.js';
import { startBulwarkTarget } from './targets.js';

/**
 * `npm run bench:authz [-- --seconds 10 --connections 32 --rounds 5]`
 * The cost of IAM authorization: an authorized IAM call (GetUser and ListUsers, signed by an
 * IAM user whose inline policy allows them) against Bulwark with `--enforcement enforce` and
 * with `--enforcement off`, each server in its own process, in alternating rounds; prints the
 * median round's req/s, p50/p99 and the throughput cost of enforcement.
 */
const { seconds, connections, rounds } = benchOptions();

const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['iam:GetUser', 'iam:ListUsers'], Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } } },
    { Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' },
  ],
};
const scenarios = [
  { name: 'iam:GetUser (user, allowed)', request: iamCall('Action=GetUser&UserName=bench') },
  { name: 'iam:ListUsers (user, allowed)', request: iamCall('Action=ListUsers') },
];

/** As root: a user `bench` with the policy above and an access key. */
const setUp = (endpoint: string): Promise<Credentials> => benchUser(endpoint, POLICY);

// Both servers run side by side (each in its own process); rounds alternate between them so
// that noise on a shared machine hits both modes alike. The median round counts.
const modes = ['off', 'enforce'] as const;
const targets = await Promise.all(modes.map((mode, i) => startBulwarkTarget(24670 + i, SCENARIOS[0]!.request, ['--enforcement', mode])));
const results = new Map<string, Map<string, LoadResult[]>>();
try {
  const users = await Promise.all(targets.map((t) => setUp(t.endpoint)));
  for (const s of scenarios) {
    const byMode = new Map<string, LoadResult[]>(modes.map((m) => [m, []]));
    results.set(s.name, byMode);
    for (let i = 0; i < modes.length; i++) await runLoad(targets[i]!.endpoint, s.request, connections, Math.min(2, seconds), users[i]); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < modes.length; i++) {
        const r = await runLoad(targets[i]!.endpoint, s.request, connections, seconds / rounds, users[i]);
        if (r.errors > 0) console.warn(`${modes[i]} ${s.name}: ${r.errors} errors, first: ${r.firstError}`);
        byMode.get(modes[i]!)!.push(r);
      }
    }
  }
} finally {
  for (const t of targets) await t.stop();
}

const median = (rs: LoadResult[]): LoadResult => [...rs].sort((a, b) => a.rps - b.rps)[Math.floor(rs.length / 2)]!;
console.log(`\n| operation | conns | off req/s | p50 ms | p99 ms | enforce req/s | p50 ms | p99 ms | throughput cost |\n|---|---|---|---|---|---|---|---|---|`);
for (const [name, byMode] of results) {
  const off = median(byMode.get('off')!);
  const on = median(byMode.get('enforce')!);
  const cost = (1 - on.rps / off.rps) * 100;
  console.log(
    `| ${name} | ${connections} | ${off.rps.toFixed(0)} | ${off.p50Ms.toFixed(2)} | ${off.p99Ms.toFixed(2)} | ${on.rps.toFixed(0)} | ${on.p50Ms.toFixed(2)} | ${on.p99Ms.toFixed(2)} | ${cost.toFixed(1)}% |`,
  );
}
