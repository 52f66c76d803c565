import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { HistoryIndex, type HistoryQuery } from './history-index.js';
import { FileJournal, JournalDirectory, MemoryJournal, type EventJournal } from './journal.js';
import { expireSegments } from './event-history.js';

const ACCOUNT = '111122223333';

function record(i: number, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    eventVersion: '1.11',
    userIdentity: { type: 'IAMUser', principalId: 'AIDA1', arn: `arn:aws:iam::${ACCOUNT}:user/${i % 2 ? 'alice' : 'bob'}`, accountId: ACCOUNT, accessKeyId: `AKIA${i % 3}`, userName: i % 2 ? 'alice' : 'bob' },
    eventTime: new Date(Date.UTC(2026, 10, 22, 10, 0, i)).toISOString().replace('.000', ''),
    eventSource: i % 4 === 0 ? 'kms.amazonaws.com' : 'iam.amazonaws.com',
    eventName: i % 4 === 0 ? 'Encrypt' : 'CreateUser',
    awsRegion: 'us-east-1',
    requestParameters: i % 4 === 0 ? { keyId: 'k1' } : { userName: `user-${i}` },
    eventID: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    readOnly: i % 4 === 0,
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...overrides,
  });
}

async function fill(journal: EventJournal, count: number, overrides?: (i: number) => Record<string, unknown>): Promise<void> {
  const writes: Promise<void>[] = [];
  for (let i = 0; i < count; i++) writes.push(journal.append(record(i, overrides?.(i))));
  await Promise.all(writes);
}

const all: Omit<HistoryQuery, 'limit'> = { account: ACCOUNT, region: 'us-east-1', startMs: 0, endMs: Date.UTC(2030, 0) };

describe('event history index', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('newest first; every lookup attribute; time ranges; pages that continue where they stopped', async () => {
    const journal = new MemoryJournal();
    await fill(journal, 40);
    const index = new HistoryIndex();
    assert.equal(index.catchUp(journal), 40);
    assert.equal(index.catchUp(journal), 0, 'catching up again reads nothing');
    const read = (s: string, o: number, l: number) => journal.readLine(s, o, l);
    const ids = (q: Partial<HistoryQuery>) => index.lookup({ ...all, limit: 50, ...q }, read).records.map((r) => (JSON.parse(r) as { eventID: string }).eventID.slice(-2));
    assert.equal(ids({}).length, 40);
    assert.deepEqual(ids({}).slice(0, 3), ['39', '38', '37']);
    assert.equal(ids({ attribute: { key: 'EventName', value: 'Encrypt' } }).length, 10);
    assert.equal(ids({ attribute: { key: 'EventSource', value: 'kms.amazonaws.com' } }).length, 10);
    assert.equal(ids({ attribute: { key: 'ReadOnly', value: 'true' } }).length, 10);
    assert.equal(ids({ attribute: { key: 'Username', value: 'alice' } }).length, 20);
    assert.equal(ids({ attribute: { key: 'AccessKeyId', value: 'AKIA0' } }).length, 14);
    assert.deepEqual(ids({ attribute: { key: 'EventId', value: '00000000-0000-0000-0000-000000000007' } }), ['07']);
    assert.deepEqual(ids({ attribute: { key: 'ResourceName', value: 'user-5' } }), ['05']);
    assert.equal(ids({ attribute: { key: 'ResourceType', value: 'AWS::KMS::Key' } }).length, 10);
    assert.equal(ids({ attribute: { key: 'Username', value: 'nobody' } }).length, 0);
    assert.deepEqual(ids({ startMs: Date.UTC(2026, 10, 22, 10, 0, 10), endMs: Date.UTC(2026, 10, 22, 10, 0, 12) }), ['12', '11', '10']);
    assert.equal(ids({ account: '999999999999' }).length, 0, 'another account sees nothing');
    assert.equal(ids({ region: 'eu-west-1' }).length, 0, 'another region sees nothing');
    // pagination
    const seen: string[] = [];
    let after: HistoryQuery['after'];
    do {
      const page = index.lookup({ ...all, limit: 7, after }, read);
      seen.push(...page.records.map((r) => (JSON.parse(r) as { eventID: string }).eventID.slice(-2)));
      after = page.next;
    } while (after);
    assert.deepEqual(seen, ids({}));
  });

  test('data events and lines that are not records stay out of event history', async () => {
    const journal = new MemoryJournal();
    await journal.append(record(1, { managementEvent: false, eventCategory: 'Data' }));
    await journal.append('not json');
    await journal.append(record(2));
    const index = new HistoryIndex();
    index.catchUp(journal);
    assert.equal(index.lookup({ ...all, limit: 50 }, (s, o, l) => journal.readLine(s, o, l)).records.length, 1);
  });

  test('on disk: each writer has its own segments; the index catches up only what is new, and is rebuilt after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-journal-'));
    dirs.push(dir);
    const a = new FileJournal(join(dir, 'journal'), 'w1');
    const b = new FileJournal(join(dir, 'journal'), 'w2');
    await fill(a, 10);
    await fill(b, 5, (i) => ({ eventID: `b-${i}` }));
    assert.equal(readdirSync(join(dir, 'journal')).length, 2);
    {
      // Two writers' events interleave in time: pages come newest first across both.
      const merged = new HistoryIndex();
      merged.catchUp(new JournalDirectory(join(dir, 'journal')));
      const times = merged.lookup({ ...all, limit: 50 }, (s, o, l) => new JournalDirectory(join(dir, 'journal')).readLine(s, o, l)).records.map((r) => Date.parse((JSON.parse(r) as { eventTime: string }).eventTime));
      assert.equal(times.length, 15);
      assert.deepEqual(times, [...times].sort((x, y) => y - x));
    }
    const reader = new JournalDirectory(join(dir, 'journal'));
    let index = new HistoryIndex();
    assert.equal(index.catchUp(reader), 15);
    await fill(a, 3, (i) => ({ eventID: `late-${i}` }));
    assert.equal(index.catchUp(reader), 3, 'only the new lines are read');
    index.close();
    index = new HistoryIndex();
    assert.equal(index.catchUp(reader), 18, 'after a restart the index is rebuilt from the journal');
    assert.equal(index.lookup({ ...all, limit: 50 }, (s, o, l) => reader.readLine(s, o, l)).records.length, 18);
    // retention: a segment last written before the cut-off leaves with its rows (the writer's current one stays)
    for (const s of reader.segmentIds()) assert.ok(reader.lastWritten(s) > 0);
    expireSegments(b, index, Date.now() + 60_000);
    assert.equal(index.lookup({ ...all, limit: 50 }, (s, o, l) => reader.readLine(s, o, l)).records.length, 5, 'w1’s segment went (13 events); w2’s current segment stays');
    a.close();
    b.close();
    index.close();
  });
});
