import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrailRecord } from '../trail-event.js';
import { BATCH_DELETION, S3_BURST_DEFAULTS, s3ObjectBursts } from './s3-object-bursts.js';
import { detect, iamUser, summary, timesEvery, trailRecord } from './testing/trail-records.js';

const S3 = 's3.amazonaws.com';

/** One S3 object call per entry ([eventName, bucket, key?]), a second apart, by `user`. */
function calls(entries: Array<[string, string, string?]>, user = 'mallory'): TrailRecord[] {
  const times = timesEvery(1, entries.length);
  return entries.map(([eventName, bucket, key], i) =>
    trailRecord({ eventSource: S3, eventName, eventTime: times[i], userIdentity: iamUser(user), eventCategory: 'Data', requestParameters: { bucketName: bucket, Host: `${bucket}.s3.amazonaws.com`, ...(key && { key }) } }),
  );
}

const keys = (n: number, prefix = 'doc-') => Array.from({ length: n }, (_, i) => `${prefix}${i}.txt`);
const each = (eventName: string, bucket: string, names: string[]): Array<[string, string, string]> => names.map((key) => [eventName, bucket, key]);

test('deleting 20 objects of a bucket is Impact:S3/AnomalousBehavior.Delete (Medium) on the 20th, about the bucket; 19 are not', () => {
  assert.deepEqual(detect([s3ObjectBursts()], calls(each('DeleteObject', 'data', keys(19)))), []);
  const found = detect([s3ObjectBursts()], calls(each('DeleteObject', 'data', keys(25))));
  assert.deepEqual(summary(found), Array(6).fill('Impact:S3/AnomalousBehavior.Delete 5'));
  assert.equal(found[0].event.eventTime, timesEvery(1, 20)[19]);
  assert.equal(found[0].discriminator, 'data');
  assert.deepEqual(found[0].buckets, [{ name: 'data' }]);
  assert.deepEqual(found[0].additionalInfo, { signal: 'S3ObjectsDeleted', definedBy: 'Bulwark', bucketName: 'data', objects: 20, threshold: 20, windowMinutes: 10 });
});

test("batch deletions in AWS's records (no keys) count BATCH_DELETION objects each: two in a window are a finding", () => {
  assert.equal(BATCH_DELETION * 2, S3_BURST_DEFAULTS.deletedObjects);
  assert.deepEqual(detect([s3ObjectBursts()], calls([['DeleteObjects', 'data']])), []);
  assert.deepEqual(summary(detect([s3ObjectBursts()], calls([['DeleteObjects', 'data'], ['DeleteObjects', 'data']]))), ['Impact:S3/AnomalousBehavior.Delete 5']);
});

test('batch deletions whose record lists the deleted keys (Bulwark’s) count each key, beyond what the principal wrote itself', () => {
  const batch = (names: string[]): TrailRecord => ({ ...calls([['DeleteObjects', 'data']])[0], responseElements: { deleted: names.map((key) => ({ key })) } });
  assert.deepEqual(summary(detect([s3ObjectBursts()], [batch(keys(20))])), ['Impact:S3/AnomalousBehavior.Delete 5']);
  assert.deepEqual(detect([s3ObjectBursts()], [batch(keys(19))]), []);
  assert.deepEqual(detect([s3ObjectBursts()], [batch(['a', 'b', 'c']), batch(['d'])]), [], 'two small clean-ups');
  const own = [...calls(each('PutObject', 'data', keys(25))), batch(keys(25))].map((record, i) => ({ ...record, eventTime: timesEvery(1, 26)[i] }));
  assert.deepEqual(detect([s3ObjectBursts()], own), []);
});

test('everyday deletions are not counted: the same object again, as many objects as the principal wrote itself, other buckets, other principals, old ones', () => {
  assert.deepEqual(detect([s3ObjectBursts()], calls(each('DeleteObject', 'data', Array(30).fill('same.txt')))), []);
  const churn = keys(30, 'tmp-').flatMap((key): Array<[string, string, string]> => [['PutObject', 'work', key], ['DeleteObject', 'work', key]]);
  assert.deepEqual(detect([s3ObjectBursts()], calls(churn)), [], 'temporary objects written and deleted by the same principal');
  const jobThenCleanUp = [...each('PutObject', 'work', keys(25, 'tmp-')), ...each('DeleteObject', 'work', keys(25, 'tmp-'))];
  assert.deepEqual(detect([s3ObjectBursts()], calls(jobThenCleanUp)), [], 'a job writing its temporary objects, then deleting them');
  const moreThanWritten = [...each('PutObject', 'data', keys(5, 'new-')), ...each('DeleteObject', 'data', keys(25))];
  assert.deepEqual(summary(detect([s3ObjectBursts()], calls(moreThanWritten))), ['Impact:S3/AnomalousBehavior.Delete 5'], '25 deleted, 5 written: 20 beyond');
  assert.deepEqual(detect([s3ObjectBursts()], calls(keys(30).map((key, i) => ['DeleteObject', `bucket-${i % 2}`, key]))), [], '15 per bucket');
  const twoPrincipals = [...calls(each('DeleteObject', 'data', keys(15, 'a-')), 'alice'), ...calls(each('DeleteObject', 'data', keys(15, 'b-')), 'bob')];
  assert.deepEqual(detect([s3ObjectBursts()], twoPrincipals), []);
  const slow = calls(each('DeleteObject', 'data', keys(30))).map((record, i) => ({ ...record, eventTime: timesEvery(60, 30)[i] }));
  assert.deepEqual(detect([s3ObjectBursts()], slow), [], 'one a minute: at most 10 in a 10-minute window');
  const failed = calls(each('DeleteObject', 'data', keys(30))).map((record) => ({ ...record, errorCode: 'AccessDenied' }));
  assert.deepEqual(detect([s3ObjectBursts()], failed), []);
});

test('versions are objects: deleting 20 versions of one key counts 20', () => {
  const times = timesEvery(1, 20);
  const records = times.map((eventTime, i) =>
    trailRecord({ eventSource: S3, eventName: 'DeleteObject', eventTime, userIdentity: iamUser('mallory'), requestParameters: { bucketName: 'data', key: 'k', versionId: `v${i}` } }),
  );
  assert.equal(detect([s3ObjectBursts()], records).length, 1);
});

const readThenWrite = (names: string[], bucket = 'data') => names.flatMap((key): Array<[string, string, string]> => [['GetObject', bucket, key], ['PutObject', bucket, key]]);

test('overwriting objects just read is Impact:S3/AnomalousBehavior.Write (Medium), counted once the principal made 20 reads and 20 writes', () => {
  // Watched from the 20th write on: the 21st to the 40th object are the 20 overwrites.
  const found = detect([s3ObjectBursts()], calls(readThenWrite(keys(40))));
  assert.deepEqual(summary(found), ['Impact:S3/AnomalousBehavior.Write 5']);
  assert.equal(found[0].event.eventTime, timesEvery(1, 80)[79]);
  assert.equal(found[0].additionalInfo?.signal, 'S3ObjectsOverwrittenAfterRead');
  assert.deepEqual(found[0].buckets, [{ name: 'data' }]);
  assert.deepEqual(detect([s3ObjectBursts()], calls(readThenWrite(keys(39)))), [], '19 overwrites watched');
  const readAllFirst = [...each('GetObject', 'data', keys(50)), ...each('PutObject', 'data', keys(50))];
  assert.equal(detect([s3ObjectBursts()], calls(readAllFirst)).length, 0, 'reads before the principal was watched are not known');
  const watchedEarly = [...each('GetObject', 'data', keys(20, 'warm-')), ...each('PutObject', 'data', keys(20, 'warm-out-')), ...readThenWrite(keys(20))];
  assert.equal(detect([s3ObjectBursts()], calls(watchedEarly)).length, 1);
  const readAllThenWriteOthers = readThenWrite(keys(60, 'in-')).map(([name, bucket, key]): [string, string, string] => [name, bucket, name === 'PutObject' ? key.replace('in-', 'out-') : key]);
  assert.deepEqual(detect([s3ObjectBursts()], calls(readAllThenWriteOthers)), [], 'an ETL job reading inputs and writing outputs');
  assert.deepEqual(detect([s3ObjectBursts()], calls(each('PutObject', 'data', keys(50)))), [], 'uploads');
  const otherReader = [...calls(each('GetObject', 'data', keys(60)), 'alice'), ...calls(each('PutObject', 'data', keys(60)), 'bob')];
  assert.deepEqual(detect([s3ObjectBursts()], otherReader), [], 'a principal overwriting what another one read');
});

test('thresholds and the window are options; documentedSeverities reports the deletion burst High, as GuardDuty rates its type', () => {
  const five = calls(each('DeleteObject', 'data', keys(5)));
  assert.deepEqual(summary(detect([s3ObjectBursts({ ...S3_BURST_DEFAULTS, deletedObjects: 5 })], five)), ['Impact:S3/AnomalousBehavior.Delete 5']);
  assert.deepEqual(summary(detect([s3ObjectBursts({ ...S3_BURST_DEFAULTS, deletedObjects: 5 }, true)], five)), ['Impact:S3/AnomalousBehavior.Delete 8']);
  const slow = calls(each('DeleteObject', 'data', keys(20))).map((record, i) => ({ ...record, eventTime: timesEvery(60, 20)[i] }));
  assert.equal(detect([s3ObjectBursts({ ...S3_BURST_DEFAULTS, windowMinutes: 30 })], slow).length, 1);
});

test("everyday object calls are not read: deletions until they could reach the threshold, reads and writes until a principal made 20 of each", () => {
  let reads = 0;
  const counting = (record: TrailRecord): TrailRecord =>
    new Proxy(record, {
      get(target, property) {
        if (property === 'requestParameters') reads++;
        return Reflect.get(target, property);
      },
    });
  detect([s3ObjectBursts()], [...calls(each('DeleteObject', 'data', keys(19))), ...calls(each('PutObject', 'data', keys(500)))].map(counting));
  assert.equal(reads, 0);
  detect([s3ObjectBursts()], calls([...each('GetObject', 'data', keys(500)), ...each('PutObject', 'data', keys(19))]).map(counting));
  assert.equal(reads, 0);
});
