import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openStore, type Store } from '../../store/index.js';
import { defaultEventSelectors, saveTrail, trailArn, trailsOf, trailStatus, TRAIL_KIND, TRAIL_STATUS_KIND, updateTrailStatus, type TrailRecord } from './common.js';

let store: Store;
before(async () => {
  store = await openStore({ inMemory: true });
});
after(() => store.close());

const trail = (account: string, region: string, name: string): TrailRecord => ({
  Name: name,
  TrailARN: trailArn(account, region, name),
  AccountId: account,
  HomeRegion: region,
  S3BucketName: 'logs',
  IncludeGlobalServiceEvents: true,
  IsMultiRegionTrail: false,
  LogFileValidationEnabled: false,
  IsOrganizationTrail: false,
  EventSelectors: defaultEventSelectors(),
  HasCustomEventSelectors: false,
  Tags: [],
  CreatedAt: new Date().toISOString(),
});

test('trailsOf lists every trail of every account and Region, in its home Region', async () => {
  await saveTrail(store, trail('111111111111', 'us-east-1', 'alpha'));
  await saveTrail(store, trail('111111111111', 'eu-west-1', 'beta'));
  await saveTrail(store, trail('222222222222', 'us-east-1', 'gamma'));
  const all = await trailsOf(store);
  assert.deepEqual(
    all.map((t) => [t.scope.account, t.scope.region, t.trail.Name]),
    [
      ['111111111111', 'eu-west-1', 'beta'],
      ['111111111111', 'us-east-1', 'alpha'],
      ['222222222222', 'us-east-1', 'gamma'],
    ],
  );
  assert.deepEqual((await trailsOf(store, '222222222222')).map((t) => t.trail.TrailARN), ['arn:aws:cloudtrail:us-east-1:222222222222:trail/gamma']);
});

test('updateTrailStatus changes the status record only, and not for a deleted trail', async () => {
  const t = trail('333333333333', 'us-east-1', 'delivery');
  await saveTrail(store, t);
  const scope = { account: t.AccountId, region: t.HomeRegion };
  const configVersion = (await store.get(scope, TRAIL_KIND, t.Name))!.version;
  assert.equal((await trailStatus(store, t)).IsLogging, false);
  const at = new Date().toISOString();
  const updated = await updateTrailStatus(store, t, (s) => {
    s.LatestDeliveryTime = at;
  });
  assert.equal(updated?.LatestDeliveryTime, at);
  assert.deepEqual(await trailStatus(store, t), { IsLogging: false, LatestDeliveryTime: at });
  const replaced = await updateTrailStatus(store, t, (s) => ({ ...s, IsLogging: true }));
  assert.equal(replaced?.IsLogging, true);
  assert.equal((await store.get(scope, TRAIL_KIND, t.Name))!.version, configVersion, 'the configuration record is untouched');
  await store.delete(scope, TRAIL_KIND, t.Name);
  await store.delete(scope, TRAIL_STATUS_KIND, t.Name);
  assert.equal(await updateTrailStatus(store, t, (s) => ({ ...s, IsLogging: true })), undefined);
  assert.equal(await store.get(scope, TRAIL_STATUS_KIND, t.Name), undefined, 'no status record is left for a deleted trail');
});
