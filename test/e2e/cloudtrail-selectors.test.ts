import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AddTagsCommand,
  CloudTrailClient,
  CreateTrailCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailCommand,
  ListTagsCommand,
  PutEventSelectorsCommand,
  PutInsightSelectorsCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { trailBucketPolicy } from '../support/trail-delivery.js';
import { clientConfig, rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/** Event selectors (basic and advanced), Insights selectors and tags of trails, through the SDK v3. */
const ACCOUNT = '000000000000';
const BUCKET = 'selector-logs';

describe('CloudTrail selectors and tags', () => {
  const bulwark = suiteServer();
  const ct = (region = 'us-east-1') => new CloudTrailClient({ ...clientConfig(bulwark.endpoint), region });
  const newTrail = async (Name: string, extra: { TagsList?: Array<{ Key: string; Value?: string }> } = {}) =>
    (await ct().send(new CreateTrailCommand({ Name, S3BucketName: BUCKET, ...extra }))).TrailARN!;

  before(async () => {
    const s3 = new S3Client({ ...clientConfig(bulwark.endpoint), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: trailBucketPolicy(BUCKET, ACCOUNT) }));
  });

  test('a new trail logs all management events; PutEventSelectors replaces its basic selectors', async () => {
    const arn = await newTrail('basic-selectors');
    const initial = await ct().send(new GetEventSelectorsCommand({ TrailName: 'basic-selectors' }));
    assert.equal(initial.TrailARN, arn);
    assert.deepEqual(initial.EventSelectors, [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }]);
    assert.equal(initial.AdvancedEventSelectors, undefined);
    const put = await ct().send(
      new PutEventSelectorsCommand({
        TrailName: arn,
        EventSelectors: [
          { ReadWriteType: 'WriteOnly', ExcludeManagementEventSources: ['kms.amazonaws.com'] },
          { IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::app-bucket/uploads/'] }] },
        ],
      }),
    );
    const expected = [
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: ['kms.amazonaws.com'] },
      { ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::app-bucket/uploads/'] }], ExcludeManagementEventSources: [] },
    ];
    assert.deepEqual(put.EventSelectors, expected);
    assert.deepEqual((await ct().send(new GetEventSelectorsCommand({ TrailName: 'basic-selectors' }))).EventSelectors, expected);
    assert.equal((await ct().send(new GetTrailCommand({ Name: 'basic-selectors' }))).Trail!.HasCustomEventSelectors, true);
    await rejectsWith(
      ct().send(new PutEventSelectorsCommand({ TrailName: arn, EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::*/*'] }] }] })),
      'InvalidEventSelectorsException',
      400,
      'Value arn:aws:s3:::*/* for DataResources.Values is invalid.',
    );
    await rejectsWith(ct().send(new PutEventSelectorsCommand({ TrailName: arn, EventSelectors: Array(6).fill({}) })), 'InvalidEventSelectorsException', 400, /between 1 and 5/);
    await rejectsWith(ct().send(new PutEventSelectorsCommand({ TrailName: 'no-such-trail' })), 'InvalidEventSelectorsException', 400);
    await rejectsWith(
      ct().send(new PutEventSelectorsCommand({ TrailName: 'no-such-trail', EventSelectors: [{}] })),
      'TrailNotFoundException',
      400,
      `Unknown trail: no-such-trail for the user: ${ACCOUNT}`,
    );
  });

  test('advanced event selectors replace basic ones, and the two cannot be given together', async () => {
    const arn = await newTrail('advanced-selectors');
    const advanced = [
      { Name: 'Management writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] },
      {
        Name: 'S3 uploads',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          { Field: 'eventName', Equals: ['PutObject'] },
          { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::app-bucket/'] },
        ],
      },
    ];
    const put = await ct().send(new PutEventSelectorsCommand({ TrailName: 'advanced-selectors', AdvancedEventSelectors: advanced }));
    assert.equal(put.TrailARN, arn);
    assert.deepEqual(put.AdvancedEventSelectors, advanced);
    const got = await ct().send(new GetEventSelectorsCommand({ TrailName: arn }));
    assert.deepEqual(got.AdvancedEventSelectors, advanced);
    assert.equal(got.EventSelectors, undefined);
    await rejectsWith(
      ct().send(new PutEventSelectorsCommand({ TrailName: arn, EventSelectors: [{}], AdvancedEventSelectors: advanced })),
      'InvalidEventSelectorsException',
      400,
      /either EventSelectors or AdvancedEventSelectors/,
    );
    await rejectsWith(
      ct().send(new PutEventSelectorsCommand({ TrailName: arn, AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] }] })),
      'InvalidEventSelectorsException',
      400,
      /resources.type is required for Data events/,
    );
    await rejectsWith(
      ct().send(new PutEventSelectorsCommand({ TrailName: arn, AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventName', Equals: ['x'] }] }] })),
      'InvalidEventSelectorsException',
      400,
      /eventName is not supported for Management events/,
    );
    // Back to basic selectors: the advanced ones are gone.
    await ct().send(new PutEventSelectorsCommand({ TrailName: arn, EventSelectors: [{ ReadWriteType: 'ReadOnly' }] }));
    const back = await ct().send(new GetEventSelectorsCommand({ TrailName: arn }));
    assert.equal(back.AdvancedEventSelectors, undefined);
    assert.equal(back.EventSelectors![0]!.ReadWriteType, 'ReadOnly');
  });

  test('Insights selectors are stored; without them GetInsightSelectors answers InsightNotEnabledException', async () => {
    const arn = await newTrail('insightful');
    await rejectsWith(
      ct().send(new GetInsightSelectorsCommand({ TrailName: 'insightful' })),
      'InsightNotEnabledException',
      400,
      `Trail ${arn} does not have Insights enabled. Edit the trail settings to enable Insights, and then try the operation again.`,
    );
    const put = await ct().send(new PutInsightSelectorsCommand({ TrailName: 'insightful', InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight', EventCategories: ['Management'] }] }));
    assert.equal(put.TrailARN, arn);
    assert.deepEqual(put.InsightSelectors, [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight', EventCategories: ['Management'] }]);
    assert.deepEqual((await ct().send(new GetInsightSelectorsCommand({ TrailName: arn }))).InsightSelectors, put.InsightSelectors);
    assert.equal((await ct().send(new GetTrailCommand({ Name: arn }))).Trail!.HasInsightSelectors, true);
    // Insights on data events need the trail to log data events; API call rate needs write management events.
    await rejectsWith(ct().send(new PutInsightSelectorsCommand({ TrailName: arn, InsightSelectors: [{ InsightType: 'ApiErrorRateInsight', EventCategories: ['Data'] }] })), 'InvalidInsightSelectorsException', 400, /data events/);
    await ct().send(new PutEventSelectorsCommand({ TrailName: arn, EventSelectors: [{ ReadWriteType: 'ReadOnly' }] }));
    await rejectsWith(ct().send(new PutInsightSelectorsCommand({ TrailName: arn, InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }] })), 'InvalidInsightSelectorsException', 400, /write management events/);
    await rejectsWith(
      ct().send(new PutInsightSelectorsCommand({ TrailName: arn, InsightSelectors: [{ InsightType: 'ApiErrorRateInsight' }, { InsightType: 'ApiErrorRateInsight' }] })),
      'InvalidInsightSelectorsException',
      400,
    );
    await rejectsWith(ct().send(new PutInsightSelectorsCommand({ EventDataStore: 'eds-1234', InsightSelectors: [] })), 'UnsupportedOperationException', 400, /event data stores/);
    await rejectsWith(ct().send(new PutInsightSelectorsCommand({ TrailName: arn, EventDataStore: 'eds-1234', InsightSelectors: [] })), 'InvalidParameterCombinationException', 400);
    // An empty list turns Insights off.
    await ct().send(new PutInsightSelectorsCommand({ TrailName: arn, InsightSelectors: [] }));
    await rejectsWith(ct().send(new GetInsightSelectorsCommand({ TrailName: arn })), 'InsightNotEnabledException', 400);
    assert.equal((await ct().send(new GetTrailCommand({ Name: arn }))).Trail!.HasInsightSelectors, false);
  });

  test('AddTags, RemoveTags and ListTags, with CloudTrail\'s tag rules', async () => {
    const arn = await newTrail('tagged', { TagsList: [{ Key: 'team', Value: 'security' }, { Key: 'flag' }] });
    const tags = async () => (await ct().send(new ListTagsCommand({ ResourceIdList: [arn] }))).ResourceTagList!;
    assert.deepEqual(await tags(), [{ ResourceId: arn, TagsList: [{ Key: 'team', Value: 'security' }, { Key: 'flag' }] }]);
    await ct().send(new AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'team', Value: 'platform' }, { Key: 'env', Value: 'prod' }] }));
    assert.deepEqual((await tags())[0]!.TagsList, [{ Key: 'flag' }, { Key: 'team', Value: 'platform' }, { Key: 'env', Value: 'prod' }]);
    await ct().send(new RemoveTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'flag' }, { Key: 'absent' }] }));
    assert.deepEqual((await tags())[0]!.TagsList, [{ Key: 'team', Value: 'platform' }, { Key: 'env', Value: 'prod' }]);

    const many = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejectsWith(ct().send(new AddTagsCommand({ ResourceId: arn, TagsList: many })), 'TagsLimitExceededException', 400, /at most 50 tags/);
    await rejectsWith(ct().send(new CreateTrailCommand({ Name: 'too-tagged', S3BucketName: BUCKET, TagsList: [...many, { Key: 'a' }, { Key: 'b' }] })), 'TagsLimitExceededException', 400);
    await rejectsWith(ct().send(new AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'aws:reserved', Value: 'x' }] })), 'InvalidTagParameterException', 400, /aws: prefix/);
    await rejectsWith(ct().send(new AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'dup', Value: 'a' }, { Key: 'dup', Value: 'b' }] })), 'InvalidTagParameterException', 400, /more than once/);
    await rejectsWith(ct().send(new AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'bad<key>', Value: 'a' }] })), 'InvalidTagParameterException', 400);
    assert.equal((await tags())[0]!.TagsList!.length, 2, 'a refused request changes nothing');

    const missing = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/not-there`;
    await rejectsWith(ct().send(new ListTagsCommand({ ResourceIdList: [missing] })), 'CloudTrailARNInvalidException', 400, 'You must specify an ARN that the caller account can access.');
    await rejectsWith(ct().send(new AddTagsCommand({ ResourceId: missing, TagsList: [{ Key: 'a' }] })), 'ResourceNotFoundException', 400);
    await rejectsWith(ct().send(new AddTagsCommand({ ResourceId: 'tagged', TagsList: [{ Key: 'a' }] })), 'CloudTrailARNInvalidException', 400);
    await rejectsWith(ct().send(new ListTagsCommand({ ResourceIdList: Array(21).fill(arn) })), 'InvalidParameterException', 400);
  });
});
