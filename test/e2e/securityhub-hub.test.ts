import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BatchImportFindingsCommand,
  DescribeHubCommand,
  DescribeProductsCommand,
  DisableImportFindingsForProductCommand,
  DisableSecurityHubCommand,
  EnableImportFindingsForProductCommand,
  EnableSecurityHubCommand,
  GetEnabledStandardsCommand,
  GetFindingsCommand,
  ListEnabledProductsForImportCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecurityHubConfigurationCommand,
} from '@aws-sdk/client-securityhub';
import { rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { asff, NOT_SUBSCRIBED, securityhub } from './securityhub-helpers.js';

/**
 * Enabling and disabling Security Hub, the hub's description and configuration, its tags, and
 * the product integrations (GuardDuty and Security Hub subscribed by default, the account's own
 * default product always open).
 */
describe('Security Hub: the hub and its products', () => {
  const bulwark = suiteServer(['--accept-any-key', '--cloudtrail=false']);
  const ACCOUNT = '210000000001';
  const sh = () => securityhub(bulwark.endpoint, ACCOUNT);
  const hubArn = `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default`;

  test('every call but EnableSecurityHub is refused until Security Hub is enabled', async () => {
    await rejectsWith(sh().send(new GetFindingsCommand({})), 'InvalidAccessException', 401, NOT_SUBSCRIBED(ACCOUNT));
    await rejectsWith(sh().send(new DescribeHubCommand({})), 'InvalidAccessException', 401, NOT_SUBSCRIBED(ACCOUNT));
    await rejectsWith(sh().send(new DisableSecurityHubCommand({})), 'InvalidAccessException', 401, NOT_SUBSCRIBED(ACCOUNT));
    const imported = await sh().send(new BatchImportFindingsCommand({ Findings: [asff('early', {}, ACCOUNT)] }));
    assert.deepEqual([imported.SuccessCount, imported.FailedCount, imported.FailedFindings![0]!.ErrorCode], [0, 1, 'InvalidAccess'], 'a finding for a disabled hub fails alone');
  });

  test('EnableSecurityHub (default standards flag accepted), DescribeHub, a second enable conflicts', async () => {
    await sh().send(new EnableSecurityHubCommand({ EnableDefaultStandards: true, Tags: { team: 'secops' } }));
    const hub = await sh().send(new DescribeHubCommand({}));
    assert.equal(hub.HubArn, hubArn);
    assert.equal(hub.AutoEnableControls, true);
    assert.equal(hub.ControlFindingGenerator, 'SECURITY_CONTROL');
    assert.ok(Date.parse(hub.SubscribedAt!) > Date.now() - 60_000);
    assert.deepEqual((await sh().send(new DescribeHubCommand({ HubArn: hubArn }))).HubArn, hubArn);
    await rejectsWith(sh().send(new EnableSecurityHubCommand({})), 'ResourceConflictException', 409);
    await sh().send(new UpdateSecurityHubConfigurationCommand({ AutoEnableControls: false, ControlFindingGenerator: 'STANDARD_CONTROL' }));
    const updated = await sh().send(new DescribeHubCommand({}));
    assert.deepEqual([updated.AutoEnableControls, updated.ControlFindingGenerator], [false, 'STANDARD_CONTROL']);
    await rejectsWith(sh().send(new GetEnabledStandardsCommand({})), 'NotImplemented', 501);
  });

  test('the hub is tagged at enable and by TagResource', async () => {
    assert.deepEqual((await sh().send(new ListTagsForResourceCommand({ ResourceArn: hubArn }))).Tags, { team: 'secops' });
    await sh().send(new TagResourceCommand({ ResourceArn: hubArn, Tags: { env: 'prod' } }));
    await sh().send(new UntagResourceCommand({ ResourceArn: hubArn, TagKeys: ['team'] }));
    assert.deepEqual((await sh().send(new ListTagsForResourceCommand({ ResourceArn: hubArn }))).Tags, { env: 'prod' });
    await rejectsWith(sh().send(new ListTagsForResourceCommand({ ResourceArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:automation-rule/00000000-0000-0000-0000-000000000000` })), 'ResourceNotFoundException', 404);
  });

  test('products: GuardDuty and Security Hub subscribed by default; subscriptions can be disabled and enabled again', async () => {
    const products = (await sh().send(new DescribeProductsCommand({}))).Products!;
    assert.deepEqual(products.map((p) => p.ProductArn), [
      'arn:aws:securityhub:us-east-1::product/aws/guardduty',
      'arn:aws:securityhub:us-east-1::product/aws/securityhub',
      `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`,
    ]);
    assert.deepEqual([products[0]!.ProductName, products[0]!.CompanyName, products[0]!.IntegrationTypes], ['GuardDuty', 'Amazon', ['SEND_FINDINGS_TO_SECURITY_HUB']]);
    assert.equal((await sh().send(new DescribeProductsCommand({ ProductArn: products[1]!.ProductArn }))).Products!.length, 1);
    const subscription = `arn:aws:securityhub:us-east-1:${ACCOUNT}:product-subscription/aws/guardduty`;
    assert.deepEqual((await sh().send(new ListEnabledProductsForImportCommand({}))).ProductSubscriptions, [subscription, `arn:aws:securityhub:us-east-1:${ACCOUNT}:product-subscription/aws/securityhub`]);
    await sh().send(new DisableImportFindingsForProductCommand({ ProductSubscriptionArn: subscription }));
    await rejectsWith(sh().send(new DisableImportFindingsForProductCommand({ ProductSubscriptionArn: subscription })), 'ResourceNotFoundException', 404);
    assert.equal((await sh().send(new EnableImportFindingsForProductCommand({ ProductArn: products[0]!.ProductArn }))).ProductSubscriptionArn, subscription);
    await rejectsWith(sh().send(new EnableImportFindingsForProductCommand({ ProductArn: products[0]!.ProductArn })), 'ResourceConflictException', 409);
    await rejectsWith(sh().send(new EnableImportFindingsForProductCommand({ ProductArn: 'arn:aws:securityhub:us-east-1::product/acme/scanner' })), 'InvalidInputException', 400);
    const page = await sh().send(new ListEnabledProductsForImportCommand({ MaxResults: 1 }));
    assert.equal(page.ProductSubscriptions!.length, 1);
    assert.equal((await sh().send(new ListEnabledProductsForImportCommand({ NextToken: page.NextToken }))).ProductSubscriptions!.length, 1);
  });

  test('DisableSecurityHub; findings come back when it is enabled again', async () => {
    assert.equal((await sh().send(new BatchImportFindingsCommand({ Findings: [asff('kept', {}, ACCOUNT)] }))).SuccessCount, 1);
    await sh().send(new DisableSecurityHubCommand({}));
    await rejectsWith(sh().send(new GetFindingsCommand({})), 'InvalidAccessException', 401, NOT_SUBSCRIBED(ACCOUNT));
    await sh().send(new EnableSecurityHubCommand({}));
    assert.deepEqual((await sh().send(new GetFindingsCommand({}))).Findings!.map((f) => f.Id), ['kept']);
  });
});
