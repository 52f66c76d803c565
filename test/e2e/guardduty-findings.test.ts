import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  ArchiveFindingsCommand,
  CreateDetectorCommand,
  CreateFilterCommand,
  CreateSampleFindingsCommand,
  DeleteFilterCommand,
  GetFilterCommand,
  GetFindingsCommand,
  GetFindingsStatisticsCommand,
  ListFiltersCommand,
  ListFindingsCommand,
  ListTagsForResourceCommand,
  UnarchiveFindingsCommand,
  UpdateFilterCommand,
  UpdateFindingsFeedbackCommand,
  type FindingCriteria,
} from '@aws-sdk/client-guardduty';
import { rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { guardduty, invalidValue, NO_SUCH_RESOURCE, NOT_OWNED } from './guardduty-helpers.js';

/**
 * Findings through the API, made as sample findings: ListFindings with every FindingCriteria
 * operator on documented fields, sorting and pages, GetFindings, statistics, archiving and
 * feedback; filters with ranks, and ARCHIVE filters suppressing new findings.
 */
const TYPES = ['Recon:IAMUser/TorIPCaller', 'Policy:S3/BucketPublicAccessGranted', 'Stealth:IAMUser/CloudTrailLoggingDisabled', 'UnauthorizedAccess:EC2/SSHBruteForce'];

describe('GuardDuty findings and filters', () => {
  const bulwark = suiteServer(['--cloudtrail=false']);
  const gd = () => guardduty(bulwark.endpoint);
  let detectorId = '';
  const ids = async (criteria?: FindingCriteria, extra: Record<string, unknown> = {}) =>
    (await gd().send(new ListFindingsCommand({ DetectorId: detectorId, FindingCriteria: criteria, ...extra }))).FindingIds!;
  const typesOf = async (findingIds: string[]) => (await gd().send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: findingIds }))).Findings!.map((f) => f.Type!).sort();

  before(async () => {
    detectorId = (await gd().send(new CreateDetectorCommand({ Enable: true }))).DetectorId!;
    await gd().send(new CreateSampleFindingsCommand({ DetectorId: detectorId, FindingTypes: TYPES }));
  });

  test('sample findings: one per type, GuardDuty\'s shape, marked as samples', async () => {
    const all = await ids();
    assert.equal(all.length, TYPES.length);
    const findings = (await gd().send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: all }))).Findings!;
    assert.deepEqual(findings.map((f) => f.Type).sort(), [...TYPES].sort());
    for (const f of findings) {
      assert.equal(f.AccountId, '000000000000');
      assert.equal(f.Region, 'us-east-1');
      assert.equal(f.SchemaVersion, '2.0');
      assert.equal(f.Arn, `arn:aws:guardduty:us-east-1:000000000000:detector/${detectorId}/finding/${f.Id}`);
      assert.equal(f.Service!.DetectorId, detectorId);
      assert.equal(f.Service!.Archived, false);
      assert.equal(f.Service!.Count, 1);
      assert.deepEqual(JSON.parse(f.Service!.AdditionalInfo!.Value!), { sample: true });
    }
    const s3 = findings.find((f) => f.Type === 'Policy:S3/BucketPublicAccessGranted')!;
    assert.equal(s3.Resource!.ResourceType, 'S3Bucket');
    assert.equal(s3.Severity, 8);
    assert.equal(findings.find((f) => f.Type === 'UnauthorizedAccess:EC2/SSHBruteForce')!.Resource!.ResourceType, 'Instance');
    await rejectsWith(gd().send(new CreateSampleFindingsCommand({ DetectorId: detectorId, FindingTypes: ['Nope:IAMUser/Nothing'] })), 'BadRequestException', 400, 'The request is rejected because of invalid finding type is specified.');
    await rejectsWith(gd().send(new CreateSampleFindingsCommand({ DetectorId: 'f'.repeat(32) })), 'BadRequestException', 400, NOT_OWNED);
  });

  test('FindingCriteria: Eq, Neq, Equals, NotEquals, Gt…Lte, GreaterThan…, Matches on documented fields', async () => {
    assert.deepEqual(await typesOf(await ids({ Criterion: { type: { Eq: ['Recon:IAMUser/TorIPCaller', 'Stealth:IAMUser/CloudTrailLoggingDisabled'] } } })), [
      'Recon:IAMUser/TorIPCaller',
      'Stealth:IAMUser/CloudTrailLoggingDisabled',
    ]);
    assert.equal((await ids({ Criterion: { type: { Neq: ['Recon:IAMUser/TorIPCaller'] } } })).length, 3);
    assert.deepEqual(await typesOf(await ids({ Criterion: { severity: { Gte: 8 } } })), ['Policy:S3/BucketPublicAccessGranted']);
    assert.equal((await ids({ Criterion: { severity: { Lt: 5 } } })).length, 2);
    assert.equal((await ids({ Criterion: { severity: { GreaterThan: 2, LessThanOrEqual: 5 } } })).length, 1);
    assert.equal((await ids({ Criterion: { 'resource.resourceType': { Equals: ['AccessKey'] } } })).length, 2);
    assert.equal((await ids({ Criterion: { 'resource.resourceType': { NotEquals: ['AccessKey', 'Instance'] } } })).length, 1);
    assert.equal((await ids({ Criterion: { 'resource.accessKeyDetails.userName': { Eq: ['GeneratedFindingUserName'] } } })).length, 3);
    assert.equal((await ids({ Criterion: { 'service.action.awsApiCallAction.remoteIpDetails.ipAddressV4': { Eq: ['198.51.100.0'] } } })).length, 3);
    assert.equal((await ids({ Criterion: { accountId: { Eq: ['000000000000'] }, region: { Eq: ['us-east-1'] } } })).length, 4);
    assert.equal((await ids({ Criterion: { type: { Matches: ['*IAMUser*'] } } })).length, 2);
    assert.equal((await ids({ Criterion: { type: { NotMatches: ['*IAMUser*'] } } })).length, 2);
    assert.equal((await ids({ Criterion: { 'service.archived': { Eq: ['false'] } } })).length, 4);
    assert.equal((await ids({ Criterion: { updatedAt: { Gte: Date.now() - 60_000 } } })).length, 4);
    assert.equal((await ids({ Criterion: { updatedAt: { GreaterThan: Date.now() + 60_000 } } })).length, 0);
    assert.equal((await ids({ Criterion: { 'service.count': { Eq: ['1'] } } })).length, 4);
    for (const criterion of [{ bogus: { Eq: ['x'] } }, { severity: {} }] as Array<Record<string, object>>) {
      await rejectsWith(gd().send(new ListFindingsCommand({ DetectorId: detectorId, FindingCriteria: { Criterion: criterion } })), 'BadRequestException', 400, invalidValue('findingCriteria'));
    }
  });

  test('SortCriteria and pages: MaxResults, NextToken, stable order', async () => {
    const bySeverity = await ids(undefined, { SortCriteria: { AttributeName: 'severity', OrderBy: 'DESC' } });
    const findings = (await gd().send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: bySeverity, SortCriteria: { AttributeName: 'severity', OrderBy: 'DESC' } }))).Findings!;
    assert.deepEqual(findings.map((f) => f.Id), bySeverity);
    assert.deepEqual(findings.map((f) => f.Severity), [8, 5, 2, 2]);
    const first = await gd().send(new ListFindingsCommand({ DetectorId: detectorId, MaxResults: 3, SortCriteria: { AttributeName: 'type' } }));
    assert.equal(first.FindingIds!.length, 3);
    const second = await gd().send(new ListFindingsCommand({ DetectorId: detectorId, MaxResults: 3, SortCriteria: { AttributeName: 'type' }, NextToken: first.NextToken }));
    assert.equal(second.FindingIds!.length, 1);
    assert.equal(second.NextToken, undefined);
    assert.deepEqual(await typesOf([...first.FindingIds!, ...second.FindingIds!]), [...TYPES].sort());
    await rejectsWith(gd().send(new ListFindingsCommand({ DetectorId: detectorId, NextToken: 'garbage' })), 'BadRequestException', 400, invalidValue('nextToken'));
    await rejectsWith(gd().send(new ListFindingsCommand({ DetectorId: detectorId, MaxResults: 51 })), 'BadRequestException', 400, invalidValue('maxResults'));
    await rejectsWith(gd().send(new ListFindingsCommand({ DetectorId: detectorId, SortCriteria: { AttributeName: 'nope' } })), 'BadRequestException', 400, invalidValue('sortCriteria'));
  });

  test('GetFindings: at most 50 ids, unknown ids left out', async () => {
    const [one] = await ids();
    const got = await gd().send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: [one!, 'a'.repeat(32)] }));
    assert.deepEqual(got.Findings!.map((f) => f.Id), [one]);
    await rejectsWith(gd().send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: Array.from({ length: 51 }, (_, i) => String(i)) })), 'BadRequestException', 400, invalidValue('findingIds'));
  });

  test('GetFindingsStatistics: COUNT_BY_SEVERITY and GroupBy', async () => {
    const counted = await gd().send(new GetFindingsStatisticsCommand({ DetectorId: detectorId, FindingStatisticTypes: ['COUNT_BY_SEVERITY'] }));
    assert.deepEqual(counted.FindingStatistics!.CountBySeverity, { '2.0': 2, '5.0': 1, '8.0': 1 });
    const byType = await gd().send(new GetFindingsStatisticsCommand({ DetectorId: detectorId, GroupBy: 'SEVERITY', OrderBy: 'DESC', MaxResults: 2 }));
    const groups = byType.FindingStatistics!.GroupedBySeverity!;
    assert.equal(groups.length, 2);
    assert.deepEqual([groups[0]!.Severity, groups[0]!.TotalFindings], [2, 2]);
    assert.ok(groups[0]!.LastGeneratedAt instanceof Date);
    const byAccount = await gd().send(new GetFindingsStatisticsCommand({ DetectorId: detectorId, GroupBy: 'ACCOUNT', FindingCriteria: { Criterion: { severity: { Gte: 5 } } } }));
    assert.deepEqual(byAccount.FindingStatistics!.GroupedByAccount!.map((g) => [g.AccountId, g.TotalFindings]), [['000000000000', 2]]);
    const byResource = await gd().send(new GetFindingsStatisticsCommand({ DetectorId: detectorId, GroupBy: 'RESOURCE' }));
    assert.ok(byResource.FindingStatistics!.GroupedByResource!.some((g) => g.ResourceType === 'S3Bucket' && g.ResourceId === 'bucketName'));
    const byDate = await gd().send(new GetFindingsStatisticsCommand({ DetectorId: detectorId, GroupBy: 'DATE' }));
    assert.equal(byDate.FindingStatistics!.GroupedByDate![0]!.TotalFindings, 4);
  });

  test('archive, unarchive and feedback', async () => {
    const [first, second] = await ids(undefined, { SortCriteria: { AttributeName: 'type' } });
    await gd().send(new ArchiveFindingsCommand({ DetectorId: detectorId, FindingIds: [first!, second!, 'b'.repeat(32)] }));
    assert.deepEqual((await ids({ Criterion: { 'service.archived': { Eq: ['true'] } } })).sort(), [first, second].sort());
    await gd().send(new UnarchiveFindingsCommand({ DetectorId: detectorId, FindingIds: [second!] }));
    assert.deepEqual(await ids({ Criterion: { 'service.archived': { Eq: ['true'] } } }), [first]);
    await gd().send(new UnarchiveFindingsCommand({ DetectorId: detectorId, FindingIds: [first!] }));
    await gd().send(new UpdateFindingsFeedbackCommand({ DetectorId: detectorId, FindingIds: [first!], Feedback: 'NOT_USEFUL', Comments: 'lab' }));
    assert.equal((await gd().send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: [first!] }))).Findings![0]!.Service!.UserFeedback, 'NOT_USEFUL');
    assert.deepEqual(await ids({ Criterion: { 'service.userFeedback': { Eq: ['NOT_USEFUL'] } } }), [first]);
    await rejectsWith(gd().send(new UpdateFindingsFeedbackCommand({ DetectorId: detectorId, FindingIds: [first!], Feedback: 'MEH' as never })), 'BadRequestException', 400, invalidValue('feedback'));
  });

  test('filters: create, get, update, rank order, list, delete, tags; errors', async () => {
    const criteria = { Criterion: { severity: { Gte: 8 } } };
    assert.equal((await gd().send(new CreateFilterCommand({ DetectorId: detectorId, Name: 'high', FindingCriteria: criteria, Tags: { k: 'v' } }))).Name, 'high');
    await gd().send(new CreateFilterCommand({ DetectorId: detectorId, Name: 'first', Rank: 1, Action: 'NOOP', Description: 'd', FindingCriteria: { Criterion: { type: { Eq: ['x'] } } } }));
    const high = await gd().send(new GetFilterCommand({ DetectorId: detectorId, FilterName: 'high' }));
    assert.deepEqual([high.Name, high.Action, high.Rank], ['high', 'NOOP', 2]);
    assert.deepEqual(high.FindingCriteria, criteria);
    assert.deepEqual(high.Tags, { k: 'v' });
    assert.deepEqual((await gd().send(new ListFiltersCommand({ DetectorId: detectorId }))).FilterNames, ['first', 'high']);
    await gd().send(new UpdateFilterCommand({ DetectorId: detectorId, FilterName: 'high', Rank: 1, Action: 'ARCHIVE' }));
    assert.deepEqual((await gd().send(new ListFiltersCommand({ DetectorId: detectorId }))).FilterNames, ['high', 'first']);
    assert.equal((await gd().send(new GetFilterCommand({ DetectorId: detectorId, FilterName: 'first' }))).Rank, 2);
    const arn = `arn:aws:guardduty:us-east-1:000000000000:detector/${detectorId}/filter/high`;
    assert.deepEqual((await gd().send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { k: 'v' });
    await rejectsWith(gd().send(new CreateFilterCommand({ DetectorId: detectorId, Name: 'high', FindingCriteria: criteria })), 'BadRequestException', 400);
    await rejectsWith(gd().send(new CreateFilterCommand({ DetectorId: detectorId, Name: 'bad name!', FindingCriteria: criteria })), 'BadRequestException', 400, invalidValue('name'));
    await rejectsWith(gd().send(new CreateFilterCommand({ DetectorId: detectorId, Name: 'ranked', Rank: 9, FindingCriteria: criteria })), 'BadRequestException', 400, invalidValue('rank'));
    await rejectsWith(gd().send(new CreateFilterCommand({ DetectorId: detectorId, Name: 'empty', FindingCriteria: { Criterion: {} } })), 'BadRequestException', 400, invalidValue('findingCriteria'));
    await rejectsWith(gd().send(new GetFilterCommand({ DetectorId: detectorId, FilterName: 'nothing' })), 'BadRequestException', 400, NO_SUCH_RESOURCE);
    await rejectsWith(gd().send(new GetFilterCommand({ DetectorId: 'e'.repeat(32), FilterName: 'high' })), 'BadRequestException', 400, NOT_OWNED);

    // The ARCHIVE filter (rank 1) suppresses new high-severity findings; NOOP-matched or unmatched ones stay active.
    await gd().send(new CreateSampleFindingsCommand({ DetectorId: detectorId, FindingTypes: ['Exfiltration:S3/MaliciousIPCaller', 'Discovery:S3/TorIPCaller'] }));
    const newest = await ids({ Criterion: { type: { Eq: ['Exfiltration:S3/MaliciousIPCaller', 'Discovery:S3/TorIPCaller'] } } });
    const findings = (await gd().send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: newest }))).Findings!;
    assert.deepEqual(Object.fromEntries(findings.map((f) => [f.Type, f.Service!.Archived])), { 'Exfiltration:S3/MaliciousIPCaller': true, 'Discovery:S3/TorIPCaller': false });
    // Existing findings are left as they were.
    assert.equal((await gd().send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: await ids({ Criterion: { type: { Eq: ['Policy:S3/BucketPublicAccessGranted'] } } }) }))).Findings![0]!.Service!.Archived, false);

    await gd().send(new DeleteFilterCommand({ DetectorId: detectorId, FilterName: 'high' }));
    assert.equal((await gd().send(new GetFilterCommand({ DetectorId: detectorId, FilterName: 'first' }))).Rank, 1);
    await rejectsWith(gd().send(new DeleteFilterCommand({ DetectorId: detectorId, FilterName: 'high' })), 'BadRequestException', 400, NO_SUCH_RESOURCE);
  });
});
