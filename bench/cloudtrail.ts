import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Principal } from '../src/accounts/principal.js';
import { eventTraits } from '../src/cloudtrail/event-traits.js';
import { recordLines, type CallFacts } from '../src/cloudtrail/record.js';
import { loadServiceModel } from '../src/models/index.js';
import { runLoad, type LoadResult } from './load.js';
import { SCENARIOS } from './scenarios.js';
import { benchUser, call, iamCall, kmsCall } from './side-by-side.js';
import type { UnsignedRequest } from './sign.js';
import { rssMb, startBulwarkTarget, type Target } from './targets.js';

/**
 * `npm run bench:cloudtrail [-- --seconds 10 --rounds 5 --connections 32 --events 1000000]`
 *
 * 1. What recording costs: the same authorized calls (an IAM user's iam:GetUser and 64-byte
 *    kms:Encrypt) against two Bulwarks started alike, one with CloudTrail recording (the
 *    default: journal written before each answer, event history indexed in the background) and
 *    one with --cloudtrail=false, in alternating rounds; the median round counts.
 * 2. LookupEvents over --events stored events: a journal of that many records (as Bulwark
 *    writes them, over the last 80 days, 200 users, 50 keys, 20 operations) is laid in a data
 *    directory, Bulwark starts on it, the first lookup builds the index (timed), then filtered
 *    pages (each lookup attribute, and time ranges) are timed: p50 and p99 of 200 lookups each.
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    events: { type: 'string', default: '1000000' },
    'skip-cost': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);

async function recordingCost(): Promise<void> {
  const on = await startBulwarkTarget(24690, SCENARIOS[0]!.request);
  const off = await startBulwarkTarget(24691, SCENARIOS[0]!.request, ['--cloudtrail=false']);
  const targets: [string, Target][] = [
    ['recording on', on],
    ['recording off', off],
  ];
  try {
    const prepared = await Promise.all(
      targets.map(async ([, t]) => {
        const key = (JSON.parse(await call(t.endpoint, kmsCall('CreateKey', {}))) as { KeyMetadata: { KeyId: string; Arn: string } }).KeyMetadata;
        const credentials = await benchUser(t.endpoint, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:GetUser', 'kms:Encrypt'], Resource: '*' }] });
        return {
          credentials,
          scenarios: [
            { name: 'iam:GetUser (authorized)', request: iamCall('Action=GetUser&UserName=bench') },
            { name: 'kms:Encrypt (64 B, authorized)', request: kmsCall('Encrypt', { KeyId: key.KeyId, Plaintext: Buffer.alloc(64, 7).toString('base64') }) },
          ],
        };
      }),
    );
    console.log(`\n| call | conns | recording on req/s | p99 ms | recording off req/s | p99 ms | cost |\n|---|---|---|---|---|---|---|`);
    for (let s = 0; s < prepared[0]!.scenarios.length; s++) {
      const results: LoadResult[][] = [[], []];
      const run = (i: number, secs: number) => runLoad(targets[i]![1].endpoint, prepared[i]!.scenarios[s]!.request, connections, secs, prepared[i]!.credentials);
      for (let i = 0; i < 2; i++) await run(i, 2);
      for (let r = 0; r < rounds; r++) for (let i = 0; i < 2; i++) results[i]!.push(await run(i, seconds / rounds));
      const [a, b] = results.map((rs) => [...rs].sort((x, y) => x.rps - y.rps)[Math.floor(rs.length / 2)]!);
      const cost = (1 - a!.rps / b!.rps) * 100;
      console.log(`| ${prepared[0]!.scenarios[s]!.name} | ${connections} | ${a!.rps.toFixed(0)} | ${a!.p99Ms.toFixed(2)} | ${b!.rps.toFixed(0)} | ${b!.p99Ms.toFixed(2)} | ${cost.toFixed(1)} % |`);
    }
  } finally {
    await on.stop();
    await off.stop();
  }
}

/** Writes `count` records into a journal segment, as Bulwark's recorder writes them. */
async function layJournal(dataDir: string, count: number): Promise<void> {
  const dir = join(dataDir, 'cloudtrail', 'journal');
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(join(dir, `events-${String(Date.now()).padStart(13, '0')}-bench.jsonl`));
  const ops: [string, string][] = [
    ['iam', 'GetUser'], ['iam', 'CreateUser'], ['iam', 'ListUsers'], ['iam', 'AttachUserPolicy'], ['iam', 'CreateAccessKey'],
    ['kms', 'Encrypt'], ['kms', 'Decrypt'], ['kms', 'DescribeKey'], ['kms', 'CreateKey'], ['kms', 'ScheduleKeyDeletion'],
    ['sts', 'GetCallerIdentity'], ['sts', 'AssumeRole'], ['s3', 'CreateBucket'], ['s3', 'PutBucketPolicy'], ['s3', 'ListBuckets'],
    ['cloudtrail', 'StopLogging'], ['cloudtrail', 'DescribeTrails'], ['organizations', 'DescribeOrganization'], ['iam', 'DeleteUser'], ['kms', 'GenerateDataKey'],
  ];
  const prepared = await Promise.all(ops.map(async ([service, name]) => {
    const model = loadServiceModel(service);
    return { model, op: model.operation(name)!, traits: await eventTraits(service, name) };
  }));
  const users: Principal[] = Array.from({ length: 200 }, (_, i) => ({
    type: 'IAMUser',
    account: '000000000000',
    arn: `arn:aws:iam::000000000000:user/user-${i}`,
    userId: `AIDA${String(i).padStart(16, '0')}`,
    accessKeyId: `AKIA${String(i % 50).padStart(16, '0')}`,
  }));
  const span = 80 * 24 * 3600 * 1000;
  const start = Date.now() - span;
  let buffer: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = prepared[i % prepared.length]!;
    const facts: CallFacts = {
      requestId: `bench-${i}`,
      principal: users[(i * 7) % users.length]!,
      region: 'us-east-1',
      sourceIp: '192.0.2.10',
      userAgent: 'aws-cli/1.x bench',
      receivedAt: new Date(start + Math.floor((i / count) * span)),
      model: p.model,
      op: p.op,
      traits: p.traits,
      input: p.model.name === 'iam' ? { UserName: `user-${i % 5000}` } : p.model.name === 'kms' ? { KeyId: `key-${i % 300}` } : {},
    };
    buffer.push(...recordLines(facts));
    if (buffer.length >= 10_000) {
      if (!out.write(buffer.join('\n') + '\n')) await once(out, 'drain');
      buffer = [];
    }
  }
  out.end(buffer.length > 0 ? buffer.join('\n') + '\n' : undefined);
  await once(out, 'finish');
}

function lookupCall(body: object): UnsignedRequest {
  return {
    service: 'cloudtrail',
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents' },
    body: JSON.stringify(body),
  };
}

async function lookupOverMillions(count: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bulwark-bench-history-'));
  try {
    const laid = performance.now();
    await layJournal(dataDir, count);
    console.log(`\nlaid a journal of ${count.toLocaleString('en-US')} records in ${((performance.now() - laid) / 1000).toFixed(1)} s`);
    const target = await startBulwarkTarget(24692, SCENARIOS[0]!.request, ['--data-dir', dataDir]);
    try {
      const first = performance.now();
      const newest = JSON.parse(await call(target.endpoint, lookupCall({ MaxResults: 50 }))) as { Events: { EventId: string }[] };
      const someId = newest.Events[17]!.EventId;
      console.log(`first LookupEvents (builds the index from the journal): ${((performance.now() - first) / 1000).toFixed(1)} s; server RSS then ${rssMb(target.pid)?.toFixed(0)} MB`);
      const now = Date.now();
      const queries: [string, object][] = [
        ['no filter, newest 50', { MaxResults: 50 }],
        ['EventName = AttachUserPolicy', { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AttachUserPolicy' }] }],
        ['Username = user-17', { LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'user-17' }] }],
        ['AccessKeyId (1 of 50)', { LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: `AKIA${'7'.padStart(16, '0')}` }] }],
        ['ResourceName = user-4240', { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'user-4240' }] }],
        ['EventSource = kms, 30-day window', { LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'kms.amazonaws.com' }], StartTime: (now - 60 * 86400e3) / 1000, EndTime: (now - 30 * 86400e3) / 1000 }],
        ['ReadOnly = false', { LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }] }],
        ['EventId (a scan of the id column)', { LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: someId }] }],
      ];
      console.log(`\n| LookupEvents over ${count.toLocaleString('en-US')} events | p50 ms | p99 ms | events on the page |\n|---|---|---|---|`);
      for (const [name, body] of queries) {
        const times: number[] = [];
        let events = 0;
        for (let i = 0; i < 200; i++) {
          const t = performance.now();
          const text = await call(target.endpoint, lookupCall(body));
          times.push(performance.now() - t);
          events = (JSON.parse(text) as { Events: unknown[] }).Events.length;
        }
        times.sort((a, b) => a - b);
        console.log(`| ${name} | ${times[100]!.toFixed(2)} | ${times[198]!.toFixed(2)} | ${events} |`);
      }
    } finally {
      await target.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (!values['skip-cost']) await recordingCost();
await lookupOverMillions(Number(values.events));
