import { parseArgs } from 'node:util';
import { runLoad, type LoadResult } from './load.js';
import { SCENARIOS } from './scenarios.js';
import { motoInstalled, rssMb, startBulwarkTarget, startMotoTarget, type Target } from './targets.js';

/**
 * `npm run bench [-- --seconds 10 --connections 32 --only sts]`
 * Runs every scenario against Bulwark and, in the same run, against moto_server when it is
 * installed, and prints req/s, p50/p99 and the ratio. Each server runs in its own process.
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string' },
    'no-moto': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const scenarios = SCENARIOS.filter((s) => !values.only || s.name.includes(values.only));

const bulwark = await startBulwarkTarget(24660, SCENARIOS[0].request);
console.log(`bulwark: cold start to first answered GetCallerIdentity ${bulwark.startupMs.toFixed(0)} ms, idle RSS ${rssMb(bulwark.pid)?.toFixed(1)} MB`);
const targets: Target[] = [bulwark];
if (!values['no-moto'] && motoInstalled()) targets.push(await startMotoTarget(24661));
else console.log('moto_server: not installed (or --no-moto); Bulwark only');

const rows: string[] = [];
try {
  for (const scenario of scenarios) {
    const results = new Map<string, LoadResult>();
    for (const target of targets) {
      await runLoad(target.endpoint, scenario.request, connections, Math.min(2, seconds)); // warm-up
      const result = await runLoad(target.endpoint, scenario.request, connections, seconds);
      results.set(target.name, result);
      if (result.errors > 0) console.warn(`${target.name} ${scenario.name}: ${result.errors} errors, first: ${result.firstError}`);
    }
    const b = results.get('bulwark')!;
    const m = results.get('moto');
    rows.push(
      `| ${scenario.name} | ${connections} | ${b.rps.toFixed(0)} | ${b.p50Ms.toFixed(2)} | ${b.p99Ms.toFixed(2)} | ` +
        (m ? `${m.rps.toFixed(0)} | ${m.p50Ms.toFixed(2)} | ${m.p99Ms.toFixed(2)} | ${(b.rps / m.rps).toFixed(1)}× |` : '– | – | – | – |'),
    );
  }
  console.log(`bulwark: RSS after load ${rssMb(bulwark.pid)?.toFixed(1)} MB`);
} finally {
  for (const t of targets) await t.stop();
}
console.log(`\n| operation | conns | Bulwark req/s | p50 ms | p99 ms | moto req/s | p50 ms | p99 ms | ratio |\n|---|---|---|---|---|---|---|---|---|`);
console.log(rows.join('\n'));
