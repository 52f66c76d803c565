/**
 * `npm run bench:detect [-- --events 1000000 --rounds 3]`
 *
 * `bulwark detect`'s throughput on one core: a replay corpus of --events CloudTrail records
 * (bench/detect-corpus.ts: everyday calls with 1 % of the Stratus Red Team attack records in
 * AWS's layout mixed in, varied) is written three ways — JSON lines, AWS's gzipped
 * `{"Records":[…]}` files of 500 records, and the same files uncompressed — plus a worst
 * case, JSON lines of nothing but attack records; every built-in detector runs over each, in this process, as
 * `bulwark detect` does (reading, decompressing, splitting, parsing what the detectors need,
 * detecting, aggregating findings). Reported: events per second of wall time and per second of
 * CPU time (decompression runs on libuv's thread pool, so CPU time is the one-core figure),
 * the median of --rounds. For scale, the same records through JSON.parse alone.
 * There is no moto_server counterpart: moto has no GuardDuty detection over logs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDetectors } from '../src/guardduty/detectors/index.js';
import { detectInFiles } from '../src/guardduty/offline.js';
import { writeCorpus, type CorpusOptions } from './detect-corpus.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' }, rounds: { type: 'string', default: '3' } } });
const events = Number(values.events);
const rounds = Number(values.rounds);

interface Round {
  wallRate: number;
  cpuRate: number;
  findings: number;
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(dir: string): Promise<Round> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await detectInFiles([dir], { detectors: createDetectors() });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  if (result.events !== events) throw new Error(`read ${result.events} events, wrote ${events}`);
  return { wallRate: events / wall, cpuRate: events / ((used.user + used.system) / 1e6), findings: result.findings.length };
}

/** JSON.parse of every line of the JSON-lines corpus, nothing else. */
async function parseOnly(dir: string): Promise<number> {
  const text = await readFile(join(dir, 'events.jsonl'), 'utf8').catch(() => undefined);
  if (text === undefined) return NaN;
  const started = process.hrtime.bigint();
  let start = 0;
  let count = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    if ((JSON.parse(text.slice(start, end)) as { eventName?: string }).eventName) count++;
    start = end + 1;
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

const corpora: Array<{ name: string; options: Omit<CorpusOptions, 'events'> }> = [
  { name: 'JSON lines, 1 % attacks', options: { layout: 'jsonl' } },
  { name: 'AWS .json.gz files, 1 % attacks', options: { layout: 'records-gz' } },
  { name: 'AWS .json files, 1 % attacks', options: { layout: 'records' } },
  { name: 'JSON lines, attacks only', options: { layout: 'jsonl', attackShare: 1 } },
];
const root = mkdtempSync(join(tmpdir(), 'bulwark-bench-detect-'));
try {
  console.log(`bulwark detect over ${events.toLocaleString('en-US')} events, median of ${rounds} rounds (events/s)`);
  for (const [index, corpus] of corpora.entries()) {
    const dir = join(root, String(index));
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    const bytes = await writeCorpus(dir, Object.assign({ events }, corpus.options));
    const results: Round[] = [];
    for (let i = 0; i < rounds; i++) results.push(await measure(dir));
    const wall = median(results.map((r) => r.wallRate));
    const cpu = median(results.map((r) => r.cpuRate));
    console.log(
      `  ${corpus.name.padEnd(32)} ${(bytes / 1e6).toFixed(0).padStart(5)} MB on disk   wall ${Math.round(wall).toLocaleString('en-US').padStart(9)}/s   per CPU-second ${Math.round(cpu).toLocaleString('en-US').padStart(9)}/s   ${results[0].findings} findings`,
    );
    if (index === 0 && events <= 400_000) console.log(`  (JSON.parse alone of the same lines: ${Math.round(await parseOnly(dir)).toLocaleString('en-US')}/s)`);
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
