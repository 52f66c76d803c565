import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CreateAccountAliasCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  GetAccountSummaryCommand,
  ListAccountAliasesCommand,
} from '@aws-sdk/client-iam';
import { suiteServer } from '../support/server.js';
import { creds, iam, rejectsWith } from '../support/aws-clients.js';

describe('IAM account summary and alias', () => {
  const bulwark = suiteServer(['--accept-any-key']);

  test('GetAccountSummary counts users and reports the quotas', async () => {
    const client = iam(bulwark.endpoint);
    const before = (await client.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    assert.equal(before.Users, 0);
    assert.equal(before.AccessKeysPerUserQuota, 2);
    assert.equal(before.PolicySizeQuota, 6144);
    assert.equal(before.UserPolicySizeQuota, 2048);
    await client.send(new CreateUserCommand({ UserName: 'one' }));
    assert.equal((await client.send(new GetAccountSummaryCommand({}))).SummaryMap!.Users, 1);
  });

  test('CreateAccountAlias, ListAccountAliases, a new alias replaces the old, DeleteAccountAlias', async () => {
    const client = iam(bulwark.endpoint);
    assert.deepEqual((await client.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
    await client.send(new CreateAccountAliasCommand({ AccountAlias: 'my-corp' }));
    const listed = await client.send(new ListAccountAliasesCommand({}));
    assert.deepEqual([listed.AccountAliases, listed.IsTruncated], [['my-corp'], false]);
    await client.send(new CreateAccountAliasCommand({ AccountAlias: 'my-corp-2' }));
    assert.deepEqual((await client.send(new ListAccountAliasesCommand({}))).AccountAliases, ['my-corp-2']);
    await rejectsWith(client.send(new DeleteAccountAliasCommand({ AccountAlias: 'my-corp' })), 'NoSuchEntityException', 404, 'The account alias my-corp cannot be found.');
    await client.send(new DeleteAccountAliasCommand({ AccountAlias: 'my-corp-2' }));
    assert.deepEqual((await client.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
  });

  test('an alias another account holds → EntityAlreadyExists; an invalid alias → ValidationError', async () => {
    await iam(bulwark.endpoint, creds('111111111111')).send(new CreateAccountAliasCommand({ AccountAlias: 'taken' }));
    await rejectsWith(iam(bulwark.endpoint).send(new CreateAccountAliasCommand({ AccountAlias: 'taken' })), 'EntityAlreadyExistsException', 409, 'The account alias taken already exists.');
    await rejectsWith(iam(bulwark.endpoint).send(new CreateAccountAliasCommand({ AccountAlias: 'Not_Valid' })), 'ValidationError', 400);
  });

  test('state is per account: another account sees its own users', async () => {
    const summary = (await iam(bulwark.endpoint, creds('222222222222')).send(new GetAccountSummaryCommand({}))).SummaryMap!;
    assert.equal(summary.Users, 0);
  });
});
