import { compileEventPattern } from '../src/events/pattern/index.js';
import { RuleIndex } from '../src/events/rules/rule-index.js';
import { call, jsonCall, runSideBySide } from './side-by-side.js';

/**
 * `npm run bench:events [-- --events 1000000 --rules 100 --index-only]`
 * `npm run bench:events -- --put-events [--seconds 10 --connections 32 --rounds 5 --workers 1]`
 * EventBridge matching on one core: 100 rules with exact and prefix conditions (source,
 * detail-type, a detail field) filed in one bus's rule index, and a million events (a pool of
 * 20,000 distinct envelopes, as PutEvents, CloudTrail and GuardDuty deliver them, about half of
 * them matching some rule) matched against it. Reports events/s for the index and, for scale,
 * for testing every rule on every event — by the wall clock and per CPU second (the process's
 * own time, which other load on the machine does not inflate). There is no moto_server
 * counterpart for matching in process; `--put-events` instead measures PutEvents requests (one
 * entry, 100 rules on the bus, matched and routed) on Bulwark and moto_server side by side.
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 1_000_000);
const RULES = arg('rules', 100);
const POOL = 20_000;

const SERVICES = ['ec2', 's3', 'iam', 'kms', 'guardduty', 'securityhub', 'sts', 'lambda', 'rds', 'ecs'];
const DETAIL_TYPES = ['AWS API Call via CloudTrail', 'GuardDuty Finding', 'Security Hub Findings - Imported', 'EC2 Instance State-change Notification', 'Object Created'];

function patternOf(i: number): string {
  const service = SERVICES[i % SERVICES.length]!;
  switch (i % 4) {
    case 0:
      return JSON.stringify({ source: [`aws.${service}`], 'detail-type': [DETAIL_TYPES[i % DETAIL_TYPES.length]] });
    case 1:
      return JSON.stringify({ source: [{ prefix: `com.app${i}.` }], 'detail-type': [{ prefix: 'Order' }] });
    case 2:
      return JSON.stringify({ source: [`custom.team${i}`], detail: { state: ['running', 'stopped'] } });
    default:
      return JSON.stringify({ 'detail-type': [{ prefix: `Team${i} ` }], detail: { severity: [{ prefix: 'HIGH' }] } });
  }
}

function eventOf(i: number): Record<string, unknown> {
  const r = (i * 2654435761) >>> 0;
  const n = r % RULES;
  const hit = r % 2 === 0;
  const base = { version: '0', id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, account: '123456789012', time: '2024-01-01T00:00:00Z', region: 'us-east-1', resources: [] };
  switch (n % 4) {
    case 0:
      return { ...base, source: `aws.${SERVICES[n % SERVICES.length]}`, 'detail-type': hit ? DETAIL_TYPES[n % DETAIL_TYPES.length] : 'Other', detail: { eventName: 'RunInstances' } };
    case 1:
      return { ...base, source: `com.app${hit ? n : n + 1000}.orders`, 'detail-type': 'OrderPlaced', detail: { id: i } };
    case 2:
      return { ...base, source: `custom.team${n}`, 'detail-type': 'State', detail: { state: hit ? 'running' : 'pending' } };
    default:
      return { ...base, source: 'custom', 'detail-type': `Team${n} alert`, detail: { severity: hit ? 'HIGH' : 'LOW' } };
  }
}

if (process.argv.includes('--put-events')) {
  process.argv = process.argv.filter((a) => a !== '--put-events');
  await putEventsSideBySide();
} else {
  matchInProcess();
}

function matchInProcess(): void {
  const patterns = Array.from({ length: RULES }, (_, i) => compileEventPattern(patternOf(i)));
  const index = new RuleIndex<number>();
  patterns.forEach((p, i) => index.add(i, p));
  const pool = Array.from({ length: POOL }, (_, i) => eventOf(i));

  function run(label: string, match: (event: Record<string, unknown>) => number): void {
    for (let i = 0; i < POOL; i++) match(pool[i]!); // warm-up
    let matched = 0;
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (let i = 0; i < EVENTS; i++) matched += match(pool[i % POOL]!);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const per = (s: number) => Math.round(EVENTS / s).toLocaleString('en-US');
    console.log(
      `${label.padEnd(26)} ${EVENTS.toLocaleString('en-US')} events: ${per(seconds)} events/s (${seconds.toFixed(2)} s), ${per(cpuSeconds)} events per CPU second (${cpuSeconds.toFixed(2)} s), ${matched.toLocaleString('en-US')} rule matches`,
    );
  }

  console.log(`${RULES} rules (exact and prefix conditions), ${POOL.toLocaleString('en-US')} distinct events, one core (Node ${process.version})`);
  run('rule index', (e) => index.matching(e).length);
  if (!process.argv.includes('--index-only')) {
    run('every rule on every event', (e) => {
      let n = 0;
      for (const p of patterns) if (p.matches(e)) n++;
      return n;
    });
  }
}

/** PutEvents on Bulwark and moto_server: one entry per request, onto the default bus holding RULES rules. */
async function putEventsSideBySide(): Promise<void> {
  const events = (operation: string, body: object) => jsonCall('events', `AWSEvents.${operation}`, body);
  await runSideBySide([24684, 24685], async (target) => {
    for (let i = 0; i < RULES; i++) await call(target.endpoint, events('PutRule', { Name: `bench-${i}`, EventPattern: patternOf(i) }));
    const entry = { Source: 'com.app1.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 1, total: 250 }) };
    return { scenarios: [{ name: `events:PutEvents (1 entry, ${RULES} rules)`, request: events('PutEvents', { Entries: [entry] }) }] };
  });
}
