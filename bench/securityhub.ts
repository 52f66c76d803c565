/**
 * `npm run bench:securityhub [-- --findings 100000 --seconds 10 --rounds 5 --workers 1]`
 *
 * Security Hub's GetFindings over a large store: --findings ASFF findings (≈1 KB each, five
 * severities, a tenth archived, updates spread over 60 days, 40 finding types, 10 resource
 * types) are imported through BatchImportFindings (100 a call, as AWS allows), then GetFindings
 * with a three-filter query — SeverityLabel EQUALS HIGH, RecordState EQUALS ACTIVE, UpdatedAt
 * within the last 30 days (a relative date range), first page of 100 sorted by the default
 * order — is sent through HTTP, signed (SigV4, the SDK's signer), over one connection (the
 * latency a client sees) and over 8 (throughput), in alternating rounds; the median round
 * counts. Reported: the import rate, the first query (which builds the in-memory index), p50 and
 * p99 per setting, and the server's resident memory.
 *
 * moto_server is not run side by side: its GetFindings ignores Filters and SortCriteria (it
 * returns every finding) and its BatchImportFindings looks for an existing finding by scanning
 * all of them, which makes 100,000 imports quadratic.
 */
import { parseArgs } from 'node:util';
import { runLoad, type LoadResult } from './load.js';
import { call } from './side-by-side.js';
import type { UnsignedRequest } from './sign.js';
import { rssMb, startBulwarkTarget } from './targets.js';

const { values } = parseArgs({
  options: {
    findings: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
    workers: { type: 'string', default: '1' },
  },
});
const total = Number(values.findings);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);

const ACCOUNT = '000000000000';
const PRODUCT = `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`;
const LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const RESOURCE_TYPES = ['AwsEc2Instance', 'AwsS3Bucket', 'AwsIamRole', 'AwsIamUser', 'AwsLambdaFunction', 'AwsRdsDbInstance', 'AwsEc2SecurityGroup', 'AwsKmsKey', 'AwsEcrRepository', 'AwsEksCluster'];

const rest = (method: string, path: string, body: object): UnsignedRequest => ({ service: 'securityhub', method, path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function finding(i: number, now: number): object {
  const updated = new Date(now - ((i * 7919) % (60 * 86_400)) * 1000).toISOString();
  const type = RESOURCE_TYPES[i % RESOURCE_TYPES.length]!;
  return {
    SchemaVersion: '2018-10-08',
    Id: `bench/${i.toString(16).padStart(8, '0')}`,
    ProductArn: PRODUCT,
    GeneratorId: `scanner-rule-${i % 200}`,
    AwsAccountId: ACCOUNT,
    Types: [`Software and Configuration Checks/Vulnerabilities/CVE-2024-${1000 + (i % 40)}`],
    CreatedAt: updated,
    UpdatedAt: updated,
    Severity: { Label: LABELS[(i * 31) % LABELS.length], Original: String(i % 10) },
    Title: `Vulnerable package found on resource ${i}`,
    Description: `Package ${i % 500} has a known vulnerability that allows remote code execution when the service is exposed.`,
    RecordState: i % 10 === 0 ? 'ARCHIVED' : 'ACTIVE',
    ProductFields: { scanner: 'bench', batch: String(Math.floor(i / 100)) },
    Resources: [{ Type: type, Id: `arn:aws:${type.slice(3).toLowerCase()}:us-east-1:${ACCOUNT}:resource/r-${i}`, Partition: 'aws', Region: 'us-east-1', Tags: { team: `team-${i % 12}` } }],
  };
}

async function load(endpoint: string): Promise<number> {
  const now = Date.now();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    for (;;) {
      const start = next;
      next += 100;
      if (start >= total) return;
      const batch = Array.from({ length: Math.min(100, total - start) }, (_, k) => finding(start + k, now));
      const answer = JSON.parse(await call(endpoint, rest('POST', '/findings/import', { Findings: batch }))) as { FailedCount: number };
      if (answer.FailedCount > 0) throw new Error(`import failed: ${JSON.stringify(answer).slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return total / ((performance.now() - started) / 1000);
}

const QUERY = rest('POST', '/findings', {
  Filters: {
    SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }],
    RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
    UpdatedAt: [{ DateRange: { Value: 30, Unit: 'DAYS' } }],
  },
  MaxResults: 100,
});

const median = (rs: LoadResult[]): LoadResult => [...rs].sort((a, b) => a.p99Ms - b.p99Ms)[Math.floor(rs.length / 2)]!;

const target = await startBulwarkTarget(24690, rest('POST', '/accounts', { EnableDefaultStandards: false }), ['--workers', values.workers!, '--cloudtrail=false']);
try {
  console.log(`importing ${total} findings…`);
  const rate = await load(target.endpoint);
  const firstStarted = performance.now();
  const first = JSON.parse(await call(target.endpoint, QUERY)) as { Findings: unknown[] };
  const firstMs = performance.now() - firstStarted;
  if (first.Findings.length !== 100) throw new Error(`expected a full page, got ${first.Findings.length}`);
  const settings = [1, 8];
  const results = new Map<number, LoadResult[]>(settings.map((c) => [c, []]));
  for (const connections of settings) await runLoad(target.endpoint, QUERY, connections, Math.min(2, seconds)); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const connections of settings) {
      const r = await runLoad(target.endpoint, QUERY, connections, seconds / rounds);
      if (r.errors > 0) console.warn(`${r.errors} errors, first: ${r.firstError}`);
      results.get(connections)!.push(r);
    }
  }
  console.log(`\nBulwark with --workers ${values.workers}: ${total} findings imported at ${rate.toFixed(0)} findings/s; first query (builds the index) ${firstMs.toFixed(0)} ms; RSS ${rssMb(target.pid)?.toFixed(0) ?? '?'} MB`);
  console.log('\n| GetFindings, 3 filters, page of 100 | conns | req/s | p50 ms | p99 ms |\n|---|---|---|---|---|');
  for (const [connections, rs] of results) {
    const m = median(rs);
    console.log(`| ${total} findings | ${connections} | ${m.rps.toFixed(0)} | ${m.p50Ms.toFixed(2)} | ${m.p99Ms.toFixed(2)} |`);
  }
} finally {
  await target.stop();
}
