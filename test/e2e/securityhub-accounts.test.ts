import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  AcceptAdministratorInvitationCommand,
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  CreateFindingAggregatorCommand,
  CreateMembersCommand,
  DeclineInvitationsCommand,
  DeleteFindingAggregatorCommand,
  DeleteMembersCommand,
  DescribeOrganizationConfigurationCommand,
  DisableOrganizationAdminAccountCommand,
  DisableSecurityHubCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateMembersCommand,
  EnableOrganizationAdminAccountCommand,
  GetAdministratorAccountCommand,
  GetFindingAggregatorCommand,
  GetFindingsCommand,
  GetInvitationsCountCommand,
  GetMasterAccountCommand,
  GetMembersCommand,
  InviteMembersCommand,
  ListFindingAggregatorsCommand,
  ListInvitationsCommand,
  ListMembersCommand,
  ListOrganizationAdminAccountsCommand,
  UpdateFindingAggregatorCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-securityhub';
import { rejectsWith } from '../support/aws-clients.js';
import { organizationsCall } from '../support/organizations.js';
import { suiteServer } from '../support/server.js';
import { asff, defaultProduct, enabledHub, securityhub } from './securityhub-helpers.js';

/**
 * Administrator and member accounts — through AWS Organizations (the management account names a
 * delegated administrator, whose CreateMembers associates organization accounts at once) and
 * by invitation — the administrator seeing and updating its members' findings, and cross-Region
 * aggregation (linked Regions' findings in the home Region).
 */
const MANAGEMENT = '220000000001';
const OUTSIDER = '330000000003';

describe('Security Hub: administrator and member accounts, aggregation', () => {
  const bulwark = suiteServer(['--accept-any-key', '--cloudtrail=false']);
  const sh = (account: string, region = 'us-east-1') => securityhub(bulwark.endpoint, account, region);
  let admin = '';
  let member = '';
  const findingIds = async (account: string, region = 'us-east-1') => (await sh(account, region).send(new GetFindingsCommand({}))).Findings!.map((f) => `${f.AwsAccountId}/${f.Region}/${f.Id}`).sort();

  before(async () => {
    const organizations = (operation: string, input: Record<string, unknown> = {}) => organizationsCall(bulwark.endpoint, MANAGEMENT, operation, input);
    await organizations('CreateOrganization', { FeatureSet: 'ALL' });
    admin = (await organizations('CreateAccount', { AccountName: 'security', Email: 'security@example.com' })).CreateAccountStatus.AccountId;
    member = (await organizations('CreateAccount', { AccountName: 'workload', Email: 'workload@example.com' })).CreateAccountStatus.AccountId;
  });

  test('the management account names a delegated administrator, which gets Security Hub', async () => {
    await rejectsWith(sh(admin).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: admin })), 'AccessDeniedException', 403);
    await rejectsWith(sh(MANAGEMENT).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: OUTSIDER })), 'InvalidInputException', 400);
    const enabled = await sh(MANAGEMENT).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: admin }));
    assert.equal(enabled.AdminAccountId, admin);
    await rejectsWith(sh(MANAGEMENT).send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: member })), 'InvalidInputException', 400);
    assert.deepEqual((await sh(MANAGEMENT).send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts, [{ AccountId: admin, Status: 'ENABLED' }]);
    await sh(admin).send(new UpdateOrganizationConfigurationCommand({ AutoEnable: true }));
    const configuration = await sh(admin).send(new DescribeOrganizationConfigurationCommand({}));
    assert.deepEqual([configuration.AutoEnable, configuration.AutoEnableStandards, configuration.MemberAccountLimitReached], [true, 'DEFAULT', false]);
    await rejectsWith(sh(admin).send(new DisableSecurityHubCommand({})), 'InvalidInputException', 400);
  });

  test('organization accounts are members at once; others are invited and accept', async () => {
    const created = await sh(admin).send(new CreateMembersCommand({ AccountDetails: [{ AccountId: member }, { AccountId: OUTSIDER, Email: 'outsider@example.com' }, { AccountId: MANAGEMENT }, { AccountId: admin }] }));
    assert.deepEqual(created.UnprocessedAccounts!.map((u) => u.AccountId), [MANAGEMENT, admin], 'the management account must enable Security Hub itself; an administrator is not its own member');
    const members = await sh(admin).send(new GetMembersCommand({ AccountIds: [member, OUTSIDER, '999999999999'] }));
    assert.deepEqual(members.Members!.map((m) => [m.AccountId, m.MemberStatus, m.AdministratorId, m.MasterId]), [
      [member, 'Enabled', admin, admin],
      [OUTSIDER, 'Created', admin, admin],
    ]);
    assert.deepEqual(members.UnprocessedAccounts!.map((u) => u.AccountId), ['999999999999']);
    assert.equal((await sh(member).send(new GetAdministratorAccountCommand({}))).Administrator!.AccountId, admin, 'Security Hub was enabled in the member');

    await enabledHub(bulwark.endpoint, OUTSIDER);
    assert.deepEqual((await sh(admin).send(new InviteMembersCommand({ AccountIds: [OUTSIDER] }))).UnprocessedAccounts, []);
    assert.equal((await sh(OUTSIDER).send(new GetInvitationsCountCommand({}))).InvitationsCount, 1);
    const [invitation] = (await sh(OUTSIDER).send(new ListInvitationsCommand({}))).Invitations!;
    assert.deepEqual([invitation!.AccountId, invitation!.MemberStatus], [admin, 'Invited']);
    await rejectsWith(sh(OUTSIDER).send(new AcceptAdministratorInvitationCommand({ AdministratorId: admin, InvitationId: 'wrong' })), 'ResourceNotFoundException', 404);
    await sh(OUTSIDER).send(new AcceptAdministratorInvitationCommand({ AdministratorId: admin, InvitationId: invitation!.InvitationId }));
    assert.deepEqual([(await sh(OUTSIDER).send(new GetMasterAccountCommand({}))).Master!.AccountId, (await sh(OUTSIDER).send(new GetInvitationsCountCommand({}))).InvitationsCount], [admin, 0]);
    assert.deepEqual((await sh(admin).send(new ListMembersCommand({}))).Members!.map((m) => m.AccountId).sort(), [member, OUTSIDER].sort());
  });

  test('the administrator sees and updates its members’ findings; a member sees only its own', async () => {
    await sh(member).send(new BatchImportFindingsCommand({ Findings: [asff('m1', {}, member)] }));
    await sh(OUTSIDER).send(new BatchImportFindingsCommand({ Findings: [asff('o1', {}, OUTSIDER)] }));
    await sh(admin).send(new BatchImportFindingsCommand({ Findings: [asff('a1', {}, admin)] }));
    assert.deepEqual(await findingIds(admin), [`${admin}/us-east-1/a1`, `${member}/us-east-1/m1`, `${OUTSIDER}/us-east-1/o1`].sort());
    assert.deepEqual(await findingIds(member), [`${member}/us-east-1/m1`]);
    const updated = await sh(admin).send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'm1', ProductArn: defaultProduct(member) }], Workflow: { Status: 'RESOLVED' } }));
    assert.equal(updated.ProcessedFindings!.length, 1);
    assert.equal((await sh(member).send(new GetFindingsCommand({}))).Findings![0]!.Workflow!.Status, 'RESOLVED');
    const refused = await sh(member).send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'a1', ProductArn: defaultProduct(admin) }], Workflow: { Status: 'RESOLVED' } }));
    assert.equal(refused.UnprocessedFindings!.length, 1, 'a member does not see its administrator’s findings');
    await rejectsWith(sh(member).send(new CreateMembersCommand({ AccountDetails: [{ AccountId: OUTSIDER }] })), 'InvalidInputException', 400);
  });

  test('relationships end from either side; invitations can be declined', async () => {
    await rejectsWith(sh(member).send(new DisassociateFromAdministratorAccountCommand({})), 'InvalidInputException', 400);
    await sh(OUTSIDER).send(new DisassociateFromAdministratorAccountCommand({}));
    assert.deepEqual((await sh(admin).send(new GetMembersCommand({ AccountIds: [OUTSIDER] }))).Members!.map((m) => m.MemberStatus), ['Resigned']);
    assert.deepEqual(await findingIds(admin), [`${admin}/us-east-1/a1`, `${member}/us-east-1/m1`].sort());
    await sh(admin).send(new InviteMembersCommand({ AccountIds: [OUTSIDER] }));
    assert.deepEqual((await sh(OUTSIDER).send(new DeclineInvitationsCommand({ AccountIds: [admin, '123456789012'] }))).UnprocessedAccounts!.map((u) => u.AccountId), ['123456789012']);
    assert.deepEqual((await sh(admin).send(new DeleteMembersCommand({ AccountIds: [OUTSIDER, member] }))).UnprocessedAccounts!.map((u) => u.AccountId), [member], 'organization accounts are disassociated, not deleted');
    await sh(admin).send(new DisassociateMembersCommand({ AccountIds: [member] }));
    assert.deepEqual((await sh(admin).send(new ListMembersCommand({ OnlyAssociated: false }))).Members!.map((m) => [m.AccountId, m.MemberStatus]), [[member, 'Removed']]);
    assert.deepEqual(await findingIds(admin), [`${admin}/us-east-1/a1`]);
    await sh(MANAGEMENT).send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: admin }));
    assert.deepEqual((await sh(MANAGEMENT).send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts, []);
  });

  test('a finding aggregator shows linked Regions’ findings in the home Region', async () => {
    const account = '440000000004';
    const home = await enabledHub(bulwark.endpoint, account, 'us-east-1');
    const west = await enabledHub(bulwark.endpoint, account, 'us-west-2');
    await enabledHub(bulwark.endpoint, account, 'eu-west-1');
    await west.send(new BatchImportFindingsCommand({ Findings: [asff('w1', {}, account, 'us-west-2')] }));
    await sh(account, 'eu-west-1').send(new BatchImportFindingsCommand({ Findings: [asff('e1', {}, account, 'eu-west-1')] }));
    await home.send(new BatchImportFindingsCommand({ Findings: [asff('h1', {}, account)] }));
    assert.deepEqual(await findingIds(account), [`${account}/us-east-1/h1`]);

    await rejectsWith(home.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'SOMETIMES' })), 'InvalidInputException', 400);
    await rejectsWith(home.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'NO_REGIONS', Regions: ['us-west-2'] })), 'InvalidInputException', 400);
    await rejectsWith(home.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'SPECIFIED_REGIONS' })), 'InvalidInputException', 400);
    const created = await home.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'SPECIFIED_REGIONS', Regions: ['us-west-2'] }));
    assert.match(created.FindingAggregatorArn!, new RegExp(`^arn:aws:securityhub:us-east-1:${account}:finding-aggregator/[0-9a-f-]{36}$`));
    assert.deepEqual([created.FindingAggregationRegion, created.RegionLinkingMode, created.Regions], ['us-east-1', 'SPECIFIED_REGIONS', ['us-west-2']]);
    await rejectsWith(home.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'ALL_REGIONS' })), 'LimitExceededException', 429);
    assert.deepEqual(await findingIds(account), [`${account}/us-east-1/h1`, `${account}/us-west-2/w1`]);
    assert.deepEqual(await findingIds(account, 'us-west-2'), [`${account}/us-west-2/w1`], 'a linked Region sees only its own');
    const resolved = await home.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'w1', ProductArn: defaultProduct(account, 'us-west-2') }], Workflow: { Status: 'RESOLVED' } }));
    assert.equal(resolved.ProcessedFindings!.length, 1, 'linked findings are updated from the home Region');

    const arn = created.FindingAggregatorArn!;
    await rejectsWith(west.send(new UpdateFindingAggregatorCommand({ FindingAggregatorArn: arn, RegionLinkingMode: 'ALL_REGIONS' })), 'InvalidInputException', 400);
    await home.send(new UpdateFindingAggregatorCommand({ FindingAggregatorArn: arn, RegionLinkingMode: 'ALL_REGIONS_EXCEPT_SPECIFIED', Regions: ['us-west-2'] }));
    assert.deepEqual(await findingIds(account), [`${account}/eu-west-1/e1`, `${account}/us-east-1/h1`]);
    await home.send(new UpdateFindingAggregatorCommand({ FindingAggregatorArn: arn, RegionLinkingMode: 'ALL_REGIONS' }));
    assert.equal((await findingIds(account)).length, 3);
    assert.equal((await west.send(new GetFindingAggregatorCommand({ FindingAggregatorArn: arn }))).RegionLinkingMode, 'ALL_REGIONS');
    assert.deepEqual((await west.send(new ListFindingAggregatorsCommand({}))).FindingAggregators, [{ FindingAggregatorArn: arn }]);
    await home.send(new DeleteFindingAggregatorCommand({ FindingAggregatorArn: arn }));
    await rejectsWith(home.send(new GetFindingAggregatorCommand({ FindingAggregatorArn: arn })), 'ResourceNotFoundException', 404);
    assert.deepEqual(await findingIds(account), [`${account}/us-east-1/h1`]);
  });
});
