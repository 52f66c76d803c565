import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AcceptAdministratorInvitationCommand,
  ArchiveFindingsCommand,
  CreateDetectorCommand,
  CreateMembersCommand,
  CreateSampleFindingsCommand,
  CreateThreatIntelSetCommand,
  DeleteDetectorCommand,
  DeleteMembersCommand,
  DisableOrganizationAdminAccountCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateMembersCommand,
  EnableOrganizationAdminAccountCommand,
  GetAdministratorAccountCommand,
  GetFindingsCommand,
  GetInvitationsCountCommand,
  GetMembersCommand,
  InviteMembersCommand,
  ListDetectorsCommand,
  ListFindingsCommand,
  ListInvitationsCommand,
  ListMembersCommand,
  ListOrganizationAdminAccountsCommand,
} from '@aws-sdk/client-guardduty';
import { rejectsWith } from '../support/aws-clients.js';
import { organizationsCall } from '../support/organizations.js';
import { suiteServer } from '../support/server.js';
import { guardduty, invalidValue } from './guardduty-helpers.js';

/**
 * Administrator and member accounts: the organization's delegated administrator (enabled by the
 * management account) adds organization accounts without invitations; other accounts are
 * invited and accept. The administrator sees and archives its members' findings; members
 * cannot manage lists or archive; relationships end from either side.
 */
const MANAGEMENT = '200000000001';
const OUTSIDER = '300000000003';

describe('GuardDuty administrator and member accounts', () => {
  const bulwark = suiteServer(['--accept-any-key', '--cloudtrail=false']);
  const gd = (account: string) => guardduty(bulwark.endpoint, account);
  let admin = '';
  let member = '';
  let adminDetector = '';
  const detectorOf = async (account: string) => (await gd(account).send(new ListDetectorsCommand({}))).DetectorIds![0]!;

  before(async () => {
    const organizations = (operation: string, input: Record<string, unknown> = {}) => organizationsCall(bulwark.endpoint, MANAGEMENT, operation, input);
    await organizations('CreateOrganization', { FeatureSet: 'ALL' });
    admin = (await organizations('CreateAccount', { AccountName: 'security', Email: 'security@example.com' })).CreateAccountStatus.AccountId;
    member = (await organizations('CreateAccount', { AccountName: 'workload', Email: 'workload@example.com' })).CreateAccountStatus.AccountId;
  });

  test('the management account enables a delegated administrator of its organization, which gets GuardDuty', async () => {
    await rejectsWith(gd(admin).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: admin })), 'BadRequestException', 400);
    await rejectsWith(gd(MANAGEMENT).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: OUTSIDER })), 'BadRequestException', 400);
    await gd(MANAGEMENT).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: admin }));
    await gd(MANAGEMENT).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: admin }));
    await rejectsWith(gd(MANAGEMENT).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: member })), 'BadRequestException', 400);
    assert.deepEqual((await gd(MANAGEMENT).send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts, [{ AdminAccountId: admin, AdminStatus: 'ENABLED' }]);
    await rejectsWith(gd(member).send(new ListOrganizationAdminAccountsCommand({})), 'BadRequestException', 400);
    adminDetector = await detectorOf(admin);
    assert.match(adminDetector, /^[0-9a-f]{32}$/);
  });

  test('organization accounts become members at once; other accounts are invited and accept', async () => {
    const added = await gd(admin).send(
      new CreateMembersCommand({ DetectorId: adminDetector, AccountDetails: [{ AccountId: member, Email: 'workload@example.com' }, { AccountId: OUTSIDER, Email: 'outsider@example.com' }, { AccountId: admin, Email: 'me@example.com' }] }),
    );
    assert.deepEqual(added.UnprocessedAccounts, [{ AccountId: admin, Result: 'The request is rejected because the current account cannot invite itself.' }]);
    const members = (await gd(admin).send(new GetMembersCommand({ DetectorId: adminDetector, AccountIds: [member, OUTSIDER, '999999999999'] })));
    assert.deepEqual(members.Members!.map((m) => [m.AccountId, m.RelationshipStatus, m.MasterId, m.AdministratorId]), [
      [member, 'Enabled', admin, admin],
      [OUTSIDER, 'Created', admin, admin],
    ]);
    assert.equal(members.Members![0]!.DetectorId, await detectorOf(member), 'GuardDuty was enabled in the organization account');
    assert.deepEqual(members.UnprocessedAccounts!.map((u) => u.AccountId), ['999999999999']);
    assert.deepEqual((await gd(member).send(new GetAdministratorAccountCommand({ DetectorId: await detectorOf(member) }))).Administrator, { AccountId: admin, RelationshipStatus: 'Enabled' });

    const outsiderDetector = (await gd(OUTSIDER).send(new CreateDetectorCommand({ Enable: true }))).DetectorId!;
    assert.deepEqual((await gd(admin).send(new InviteMembersCommand({ DetectorId: adminDetector, AccountIds: [OUTSIDER] }))).UnprocessedAccounts, []);
    assert.deepEqual((await gd(admin).send(new InviteMembersCommand({ DetectorId: adminDetector, AccountIds: [OUTSIDER] }))).UnprocessedAccounts, [
      { AccountId: OUTSIDER, Result: 'The request is rejected because the current account has already invited or is already the GuardDuty master of the given member account ID.' },
    ]);
    assert.equal((await gd(OUTSIDER).send(new GetInvitationsCountCommand({}))).InvitationsCount, 1);
    const [invitation] = (await gd(OUTSIDER).send(new ListInvitationsCommand({}))).Invitations!;
    assert.equal(invitation!.AccountId, admin);
    assert.equal(invitation!.RelationshipStatus, 'Invited');
    await rejectsWith(gd(OUTSIDER).send(new AcceptAdministratorInvitationCommand({ DetectorId: outsiderDetector, AdministratorId: admin, InvitationId: 'wrong' })), 'BadRequestException', 400);
    await gd(OUTSIDER).send(new AcceptAdministratorInvitationCommand({ DetectorId: outsiderDetector, AdministratorId: admin, InvitationId: invitation!.InvitationId }));
    assert.equal((await gd(OUTSIDER).send(new GetInvitationsCountCommand({}))).InvitationsCount, 0);
    const administrator = (await gd(OUTSIDER).send(new GetAdministratorAccountCommand({ DetectorId: outsiderDetector }))).Administrator!;
    assert.deepEqual([administrator.AccountId, administrator.RelationshipStatus, administrator.InvitationId], [admin, 'Enabled', invitation!.InvitationId]);
    assert.deepEqual((await gd(admin).send(new ListMembersCommand({ DetectorId: adminDetector }))).Members!.map((m) => m.AccountId).sort(), [member, OUTSIDER].sort());
    await rejectsWith(gd(admin).send(new ListMembersCommand({ DetectorId: adminDetector, OnlyAssociated: 'maybe' })), 'BadRequestException', 400, invalidValue('onlyAssociated'));
  });

  test('the administrator sees and archives its members\' findings; members cannot archive or manage lists', async () => {
    const memberDetector = await detectorOf(member);
    await gd(member).send(new CreateSampleFindingsCommand({ DetectorId: memberDetector, FindingTypes: ['Recon:IAMUser/TorIPCaller'] }));
    await gd(admin).send(new CreateSampleFindingsCommand({ DetectorId: adminDetector, FindingTypes: ['Policy:IAMUser/RootCredentialUsage'] }));
    const all = (await gd(admin).send(new ListFindingsCommand({ DetectorId: adminDetector }))).FindingIds!;
    assert.equal(all.length, 2);
    const ofMember = (await gd(admin).send(new ListFindingsCommand({ DetectorId: adminDetector, FindingCriteria: { Criterion: { accountId: { Eq: [member] } } } }))).FindingIds!;
    assert.equal(ofMember.length, 1);
    const [finding] = (await gd(admin).send(new GetFindingsCommand({ DetectorId: adminDetector, FindingIds: ofMember }))).Findings!;
    assert.deepEqual([finding!.AccountId, finding!.Type], [member, 'Recon:IAMUser/TorIPCaller']);
    // The member sees only its own.
    assert.deepEqual((await gd(member).send(new ListFindingsCommand({ DetectorId: memberDetector }))).FindingIds, ofMember);
    await rejectsWith(gd(member).send(new ArchiveFindingsCommand({ DetectorId: memberDetector, FindingIds: ofMember })), 'BadRequestException', 400);
    await gd(admin).send(new ArchiveFindingsCommand({ DetectorId: adminDetector, FindingIds: ofMember }));
    assert.equal((await gd(member).send(new GetFindingsCommand({ DetectorId: memberDetector, FindingIds: ofMember }))).Findings![0]!.Service!.Archived, true);
    await rejectsWith(
      gd(member).send(new CreateThreatIntelSetCommand({ DetectorId: memberDetector, Name: 'x', Format: 'TXT', Location: 's3://b/k.txt', Activate: false })),
      'BadRequestException',
      400,
      'The request is rejected because member accounts cannot manage IPSets or ThreatIntelSets.',
    );
  });

  test('relationships end from either side; a detector with members cannot be deleted', async () => {
    await rejectsWith(gd(admin).send(new DeleteDetectorCommand({ DetectorId: adminDetector })), 'BadRequestException', 400);
    const outsiderDetector = await detectorOf(OUTSIDER);
    await gd(OUTSIDER).send(new DisassociateFromAdministratorAccountCommand({ DetectorId: outsiderDetector }));
    await rejectsWith(
      gd(OUTSIDER).send(new DisassociateFromAdministratorAccountCommand({ DetectorId: outsiderDetector })),
      'BadRequestException',
      400,
      'The request is rejected because the current account is not associated to a master account.',
    );
    await rejectsWith(gd(member).send(new DisassociateFromAdministratorAccountCommand({ DetectorId: await detectorOf(member) })), 'BadRequestException', 400);
    const statuses = async () => Object.fromEntries((await gd(admin).send(new ListMembersCommand({ DetectorId: adminDetector, OnlyAssociated: 'false' }))).Members!.map((m) => [m.AccountId, m.RelationshipStatus]));
    assert.deepEqual(await statuses(), { [member]: 'Enabled', [OUTSIDER]: 'Resigned' });
    assert.deepEqual((await gd(admin).send(new DisassociateMembersCommand({ DetectorId: adminDetector, AccountIds: [member] }))).UnprocessedAccounts, []);
    assert.deepEqual(await statuses(), { [member]: 'Removed', [OUTSIDER]: 'Resigned' });
    assert.deepEqual((await gd(admin).send(new ListFindingsCommand({ DetectorId: adminDetector, FindingCriteria: { Criterion: { accountId: { Eq: [member] } } } }))).FindingIds, []);
    assert.deepEqual((await gd(member).send(new GetAdministratorAccountCommand({ DetectorId: await detectorOf(member) }))).Administrator, {});
    const deleted = await gd(admin).send(new DeleteMembersCommand({ DetectorId: adminDetector, AccountIds: [member, OUTSIDER, '999999999999'] }));
    assert.deepEqual(deleted.UnprocessedAccounts!.map((u) => u.AccountId), ['999999999999']);
    assert.deepEqual(await statuses(), {});
    await gd(MANAGEMENT).send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: admin }));
    assert.deepEqual((await gd(MANAGEMENT).send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts, []);
    await gd(admin).send(new DeleteDetectorCommand({ DetectorId: adminDetector }));
  });
});
