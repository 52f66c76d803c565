import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AcceptAdministratorInvitationCommand,
  ArchiveFindingsCommand,
  CreateDetectorCommand,
  CreateFilterCommand,
  CreateIPSetCommand,
  CreateMembersCommand,
  CreatePublishingDestinationCommand,
  CreateSampleFindingsCommand,
  CreateThreatIntelSetCommand,
  DeleteFilterCommand,
  DeleteMembersCommand,
  DescribePublishingDestinationCommand,
  EnableOrganizationAdminAccountCommand,
  GetDetectorCommand,
  GetFilterCommand,
  GetFindingsCommand,
  GetFindingsStatisticsCommand,
  GetIPSetCommand,
  GetMembersCommand,
  GetThreatIntelSetCommand,
  InviteMembersCommand,
  ListFindingsCommand,
  ListMembersCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateDetectorCommand,
  UpdateFilterCommand,
  UpdateFindingsFeedbackCommand,
  UpdateIPSetCommand,
  UpdatePublishingDestinationCommand,
} from '@aws-sdk/client-guardduty';
import { fuzzerUser, HOSTILE_IDS, HOSTILE_VALUES, serverErrors } from '../support/robustness.js';
import { suiteServer } from '../support/server.js';
import { guardduty } from './guardduty-helpers.js';

/**
 * Hostile values in every member of the GuardDuty operations (NUL, lone surrogates, path
 * characters, other services' ARNs, huge strings, criteria that name nothing, broken URLs) get a
 * 4xx — through the authorizer, as root and as an IAM user whose calls are evaluated, and the
 * handlers — never a 500.
 */
const HOSTILE = [
  ...HOSTILE_IDS,
  '0'.repeat(32),
  'arn:aws:guardduty:us-east-1:000000000000:detector/',
  'arn:aws:guardduty:us-east-1:000000000000:detector/abc/filter/x/y',
  'arn:aws:s3:::',
  'arn:aws:kms:us-east-1:000000000000:key/\u0000',
  's3://',
  'https://s3.amazonaws.com/',
  'https://%zz.s3.amazonaws.com/k',
  ...HOSTILE_VALUES,
];

describe('GuardDuty robustness', () => {
  const bulwark = suiteServer(['--cloudtrail=false']);

  test('no hostile id, name, criterion, location, ARN or token yields a 500', async () => {
    const user = await fuzzerUser(bulwark.endpoint, 'gd-fuzzer', 'guardduty');
    const root = guardduty(bulwark.endpoint);
    const detectorId = (await root.send(new CreateDetectorCommand({ Enable: true }))).DetectorId!;
    await root.send(new CreateSampleFindingsCommand({ DetectorId: detectorId, FindingTypes: ['Recon:IAMUser/TorIPCaller'] }));
    const clients = [root, guardduty(bulwark.endpoint, user)];
    // The SDK cannot put a lone surrogate into a URI: those members get a well-formed stand-in.
    const label = (v: string) => (/\p{Cs}/u.test(v) ? 'x' : v);
    const criteria = (v: string) => ({ Criterion: { [v || 'type']: { Eq: [v], Neq: [v], Matches: [v] } } });
    const calls = (v: string) => [
      new GetDetectorCommand({ DetectorId: label(v) }),
      new UpdateDetectorCommand({ DetectorId: detectorId, Features: [{ Name: v as never, Status: v as never, AdditionalConfiguration: [{ Name: v as never, Status: 'ENABLED' }] }] }),
      new ListFindingsCommand({ DetectorId: detectorId, FindingCriteria: criteria(v), SortCriteria: { AttributeName: v, OrderBy: v as never }, NextToken: v }),
      new ListFindingsCommand({ DetectorId: label(v), FindingCriteria: { Criterion: { severity: { Gt: Number(v) || 0 }, updatedAt: { GreaterThan: 1e20 } } } }),
      new GetFindingsCommand({ DetectorId: detectorId, FindingIds: [v], SortCriteria: { AttributeName: v } }),
      new GetFindingsStatisticsCommand({ DetectorId: detectorId, FindingCriteria: criteria(v), GroupBy: v as never, FindingStatisticTypes: [v as never] }),
      new ArchiveFindingsCommand({ DetectorId: detectorId, FindingIds: [v] }),
      new UpdateFindingsFeedbackCommand({ DetectorId: detectorId, FindingIds: [v], Feedback: 'USEFUL', Comments: v }),
      new CreateSampleFindingsCommand({ DetectorId: detectorId, FindingTypes: [v] }),
      new CreateFilterCommand({ DetectorId: detectorId, Name: v, Description: v, FindingCriteria: criteria(v), Tags: { [v || 'k']: v } }),
      new GetFilterCommand({ DetectorId: detectorId, FilterName: label(v) }),
      new UpdateFilterCommand({ DetectorId: detectorId, FilterName: label(v), FindingCriteria: criteria(v) }),
      new DeleteFilterCommand({ DetectorId: detectorId, FilterName: label(v) }),
      new CreateThreatIntelSetCommand({ DetectorId: detectorId, Name: v, Format: 'TXT', Location: v, Activate: true, ExpectedBucketOwner: v }),
      new GetThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId: label(v) }),
      new CreateIPSetCommand({ DetectorId: label(v), Name: 'n', Format: v as never, Location: `s3://bucket/${v}`, Activate: true }),
      new GetIPSetCommand({ DetectorId: detectorId, IpSetId: label(v) }),
      new UpdateIPSetCommand({ DetectorId: detectorId, IpSetId: label(v), Location: v }),
      new CreatePublishingDestinationCommand({ DetectorId: detectorId, DestinationType: 'S3', DestinationProperties: { DestinationArn: v, KmsKeyArn: v } }),
      new DescribePublishingDestinationCommand({ DetectorId: detectorId, DestinationId: label(v) }),
      new UpdatePublishingDestinationCommand({ DetectorId: detectorId, DestinationId: label(v), DestinationProperties: { DestinationArn: `arn:aws:s3:::${v}` } }),
      new CreateMembersCommand({ DetectorId: detectorId, AccountDetails: [{ AccountId: v, Email: v }] }),
      new InviteMembersCommand({ DetectorId: detectorId, AccountIds: [v], Message: v }),
      new GetMembersCommand({ DetectorId: detectorId, AccountIds: [v] }),
      new ListMembersCommand({ DetectorId: detectorId, OnlyAssociated: label(v) }),
      new DeleteMembersCommand({ DetectorId: detectorId, AccountIds: [v] }),
      new AcceptAdministratorInvitationCommand({ DetectorId: detectorId, AdministratorId: v, InvitationId: v }),
      new EnableOrganizationAdminAccountCommand({ AdminAccountId: v }),
      new TagResourceCommand({ ResourceArn: label(v), Tags: { k: v } }),
      new ListTagsForResourceCommand({ ResourceArn: `arn:aws:guardduty:us-east-1:000000000000:detector/${detectorId}/filter/${label(v)}` }),
    ];
    assert.deepEqual(await serverErrors(clients, HOSTILE, calls), []);
  });
});
