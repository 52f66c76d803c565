import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AddTagsCommand,
  CloudTrailClient,
  CreateTrailCommand,
  DeleteTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  ListTagsCommand,
  ListTrailsCommand,
  PutEventSelectorsCommand,
  PutInsightSelectorsCommand,
  RemoveTagsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import { clientConfig, userWithKey } from '../support/aws-clients.js';
import { serverErrors } from '../support/robustness.js';
import { suiteServer } from '../support/server.js';

/**
 * Hostile values in every member that names something (NUL, lone surrogates, other services'
 * ARNs, huge strings) must get a 4xx CloudTrail error — through the authorizer (as root and as
 * an IAM user, whose calls are evaluated) and the handlers — never a 500.
 */
const HOSTILE = [
  '',
  'x',
  'bad\u0000name',
  'lone\ud800surrogate',
  'arn:aws:cloudtrail:us-east-1:000000000000:trail/bad\u0000name',
  'arn:aws:kms:us-east-1:000000000000:key/\u0000',
  'arn:aws:s3:::bucket\u0000/x',
  'arn:aws:iam::000000000000:user/\ud800',
  'arn:aws:cloudtrail:us-east-1:000000000000:eventdatastore/\u0000',
  'arn:',
  'a'.repeat(5000),
];

describe('CloudTrail robustness', () => {
  const bulwark = suiteServer();

  test('no hostile name, ARN, bucket, key or selector value yields a 500', async () => {
    const user = await userWithKey(bulwark.endpoint, 'fuzzer', {
      policy: { name: 'all', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cloudtrail:*', Resource: '*' }] }) },
    });
    const clients = [new CloudTrailClient(clientConfig(bulwark.endpoint)), new CloudTrailClient(clientConfig(bulwark.endpoint, user))];
    const calls = (v: string) => [
      new CreateTrailCommand({ Name: v, S3BucketName: v }),
      new CreateTrailCommand({ Name: 'valid-name', S3BucketName: v, KmsKeyId: v, S3KeyPrefix: v }),
      new UpdateTrailCommand({ Name: v, KmsKeyId: v }),
      new DeleteTrailCommand({ Name: v }),
      new GetTrailCommand({ Name: v }),
      new GetTrailStatusCommand({ Name: v }),
      new StartLoggingCommand({ Name: v }),
      new StopLoggingCommand({ Name: v }),
      new DescribeTrailsCommand({ trailNameList: [v] }),
      new ListTrailsCommand({ NextToken: v }),
      new PutEventSelectorsCommand({ TrailName: v, EventSelectors: [{ DataResources: [{ Type: v, Values: [v] }], ExcludeManagementEventSources: [v] }] }),
      new PutEventSelectorsCommand({ TrailName: v, AdvancedEventSelectors: [{ Name: v, FieldSelectors: [{ Field: 'eventCategory', Equals: [v || 'x'] }] }] }),
      new GetEventSelectorsCommand({ TrailName: v }),
      new PutInsightSelectorsCommand({ TrailName: v, InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }] }),
      new GetInsightSelectorsCommand({ TrailName: v }),
      new AddTagsCommand({ ResourceId: v, TagsList: [{ Key: v || 'k', Value: v || 'v' }] }),
      new RemoveTagsCommand({ ResourceId: v, TagsList: [{ Key: v || 'k' }] }),
      new ListTagsCommand({ ResourceIdList: [v] }),
    ];
    assert.deepEqual(await serverErrors(clients, HOSTILE, calls), []);
  });
});
