import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { findLogFiles, readLogFile } from './log-files.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-log-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function record(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.11',
    userIdentity: { type: 'IAMUser', principalId: `P${n % 7}`, arn: `arn:aws:iam::111122223333:user/u${n % 7}`, accountId: '111122223333', accessKeyId: `AKIA${n % 7}` },
    eventTime: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
    eventSource: 'iam.amazonaws.com',
    eventName: `Op${n}`,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.1',
    userAgent: n % 3 === 0 ? 'ünïcode agent' : 'aws-cli',
    requestParameters: { nested: { list: [{ a: 1 }, { b: '},{"eventVersion":"fake' }] } },
    responseElements: null,
    ...extra,
  };
}

const records = Array.from({ length: 300 }, (_, n) => record(n));
const names = records.map((r) => r.eventName);

async function read(path: string, chunkBytes?: number): Promise<{ names: string[]; invalid: number }> {
  const seen: string[] = [];
  const counts = await readLogFile(path, (e) => seen.push(e.eventName), chunkBytes);
  assert.equal(counts.events, seen.length);
  return { names: seen, invalid: counts.invalid };
}

test('AWS compact files (plain and gzipped), JSON lines, arrays, pretty documents: every record, whatever the chunk size', async () => {
  const compact = `{"Records":[${records.map((r) => JSON.stringify(r)).join(',')}]}`;
  writeFileSync(join(dir, 'a.json'), compact);
  writeFileSync(join(dir, 'a.json.gz'), gzipSync(compact));
  writeFileSync(join(dir, 'a.jsonl'), records.map((r) => JSON.stringify(r)).join('\r\n') + '\n\n');
  writeFileSync(join(dir, 'array.json'), JSON.stringify(records, null, 1));
  writeFileSync(join(dir, 'pretty.json'), JSON.stringify({ Records: records }, null, 2));
  for (const file of ['a.json', 'a.json.gz', 'a.jsonl', 'array.json', 'pretty.json']) {
    for (const chunk of [7, 64, 1000, 1 << 22]) {
      const result = await read(join(dir, file), chunk);
      assert.deepEqual(result.names, names, `${file} in chunks of ${chunk}`);
      assert.equal(result.invalid, 0);
    }
  }
  // The nested look-alike of a record separator sits in requestParameters and stays there.
  const seen: unknown[] = [];
  await readLogFile(join(dir, 'a.json'), (e) => seen.push(e.record().requestParameters));
  assert.deepEqual(seen[5], records[5].requestParameters);
});

test('JSON lines: lines that are not records are counted, not fatal', async () => {
  writeFileSync(join(dir, 'mixed.jsonl'), [JSON.stringify(records[0]), 'garbage', '[1]', '   ', JSON.stringify(records[1])].join('\n'));
  const result = await read(join(dir, 'mixed.jsonl'), 16);
  assert.deepEqual(result.names, ['Op0', 'Op1']);
  assert.equal(result.invalid, 2);
});

test('directories are read recursively, log files only, in name order', async () => {
  const tree = join(dir, 'tree');
  mkdirSync(join(tree, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2026', '01', '01'), { recursive: true });
  const deep = join(tree, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2026', '01', '01');
  writeFileSync(join(deep, 'b.json.gz'), gzipSync(JSON.stringify({ Records: [records[1]] })));
  writeFileSync(join(deep, 'a.json.gz'), gzipSync(JSON.stringify({ Records: [records[0]] })));
  writeFileSync(join(tree, 'README.txt'), 'not a log');
  writeFileSync(join(tree, 'digest.json'), JSON.stringify({ Records: [records[2]] }));
  const files = await findLogFiles([tree]);
  assert.deepEqual(files.map((f) => f.path.slice(tree.length + 1)), [`${deep.slice(tree.length + 1)}/a.json.gz`, `${deep.slice(tree.length + 1)}/b.json.gz`, 'digest.json']);
});
