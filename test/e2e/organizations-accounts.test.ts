import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pythonToolsMissing, suiteServer } from '../support/server.js';
import { orgPy as py } from '../support/organizations.js';

describe('Organizations: accounts', { skip: pythonToolsMissing() }, () => {
  const bulwark = suiteServer(['--accept-any-key']);

  test('CreateAccount → SUCCEEDED with a new 12-digit id; Describe/ListCreateAccountStatus; duplicate e-mail → FAILED', async () => {
    const out = await py(
      bulwark.endpoint,
      `
root = org_with_scps()
out["root"] = root
out["created"] = call("create_account", Email="dev@example.com", AccountName="dev", Tags=[{"Key": "env", "Value": "dev"}])
out["status"] = call("describe_create_account_status", CreateAccountRequestId=out["created"]["CreateAccountStatus"]["Id"])
out["missing_status"] = call("describe_create_account_status", CreateAccountRequestId="car-00000000000000000000000000000000")
out["dup"] = call("create_account", Email="DEV@example.com", AccountName="dev2")
out["failed"] = call("list_create_account_status", States=["FAILED"])
out["all"] = call("list_create_account_status")
acct = out["created"]["CreateAccountStatus"]["AccountId"]
out["describe"] = call("describe_account", AccountId=acct)
out["missing"] = call("describe_account", AccountId="999999999999")
out["tags"] = call("list_tags_for_resource", ResourceId=acct)
out["scps"] = call("list_policies_for_target", TargetId=acct, Filter="SERVICE_CONTROL_POLICY")
`,
    );
    const s = out.created.CreateAccountStatus;
    assert.equal(s.State, 'SUCCEEDED');
    assert.match(s.Id, /^car-[a-z0-9]{32}$/);
    assert.match(s.AccountId, /^\d{12}$/);
    assert.notEqual(s.AccountId, '000000000000');
    assert.equal(s.AccountName, 'dev');
    assert.equal(out.status.CreateAccountStatus.AccountId, s.AccountId);
    assert.equal(out.missing_status.Error, 'CreateAccountStatusNotFoundException');
    assert.equal(out.dup.CreateAccountStatus.State, 'FAILED');
    assert.equal(out.dup.CreateAccountStatus.FailureReason, 'EMAIL_ALREADY_EXISTS');
    assert.deepEqual(out.failed.CreateAccountStatuses.map((x: any) => x.AccountName), ['dev2']);
    assert.equal(out.all.CreateAccountStatuses.length, 2);
    const a = out.describe.Account;
    assert.equal(a.Id, s.AccountId);
    assert.match(a.Arn, new RegExp(`^arn:aws:organizations::000000000000:account/o-[a-z0-9]{10}/${s.AccountId}$`));
    assert.deepEqual([a.Email, a.Name, a.Status, a.State, a.JoinedMethod], ['dev@example.com', 'dev', 'ACTIVE', 'ACTIVE', 'CREATED']);
    assert.equal(out.missing.Error, 'AccountNotFoundException');
    assert.deepEqual(out.tags.Tags, [{ Key: 'env', Value: 'dev' }]);
    assert.deepEqual(out.scps.Policies.map((p: any) => p.Id), ['p-FullAWSAccess']);
  });

  test('the new account is usable: OrganizationAccountAccessRole trusts the management account, with AdministratorAccess', async () => {
    const out = await py(
      bulwark.endpoint,
      `
acct = [a["Id"] for a in call("list_accounts")["Accounts"] if a["Name"] == "dev"][0]
iam = boto3.client("iam", endpoint_url=client("sts").meta.endpoint_url, region_name="us-east-1", aws_access_key_id=acct, aws_secret_access_key="x")
role = iam.get_role(RoleName="OrganizationAccountAccessRole")["Role"]
out["acct"] = acct
out["arn"] = role["Arn"]
out["trust"] = role["AssumeRolePolicyDocument"]
out["attached"] = iam.list_attached_role_policies(RoleName="OrganizationAccountAccessRole")["AttachedPolicies"]
out["admin_count"] = iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")["Policy"]["AttachmentCount"]
out["admin_roles"] = [r["RoleName"] for r in iam.list_entities_for_policy(PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")["PolicyRoles"]]
out["custom"] = call("create_account", Email="ops@example.com", AccountName="ops", RoleName="OpsAdmin")
iam2 = boto3.client("iam", endpoint_url=client("sts").meta.endpoint_url, region_name="us-east-1", aws_access_key_id=out["custom"]["CreateAccountStatus"]["AccountId"], aws_secret_access_key="x")
out["custom_role"] = iam2.get_role(RoleName="OpsAdmin")["Role"]["RoleName"]
`,
    );
    assert.equal(out.arn, `arn:aws:iam::${out.acct}:role/OrganizationAccountAccessRole`);
    assert.deepEqual(out.trust.Statement, [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }]);
    assert.deepEqual(out.attached, [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]);
    assert.equal(out.admin_count, 1, 'the attachment counts in the new account');
    assert.deepEqual(out.admin_roles, ['OrganizationAccountAccessRole']);
    assert.equal(out.custom_role, 'OpsAdmin');
  });

  test('ListAccounts pages (MaxResults/NextToken); ListAccountsForParent, ListParents, ListChildren', async () => {
    const out = await py(
      bulwark.endpoint,
      `
root = call("list_roots")["Roots"][0]["Id"]
first = call("list_accounts", MaxResults=2)
out["first"] = first
out["rest"] = call("list_accounts", NextToken=first["NextToken"], MaxResults=2)
out["bad_token"] = call("list_accounts", NextToken="!!")
out["for_root"] = call("list_accounts_for_parent", ParentId=root)
out["bad_parent"] = call("list_accounts_for_parent", ParentId="ou-zzzz-zzzzzzzz")
acct = [a["Id"] for a in first["Accounts"] + out["rest"]["Accounts"] if a["Name"] == "dev"][0]
out["parents"] = call("list_parents", ChildId=acct)
out["no_child"] = call("list_parents", ChildId="999999999999")
out["children"] = call("list_children", ParentId=root, ChildType="ACCOUNT")
out["ou_children"] = call("list_children", ParentId=root, ChildType="ORGANIZATIONAL_UNIT")
out["root"] = root
`,
    );
    assert.equal(out.first.Accounts.length, 2);
    assert.ok(out.first.NextToken);
    assert.equal(out.rest.Accounts.length, 1);
    assert.equal(out.rest.NextToken, undefined);
    assert.equal(out.bad_token.Error, 'InvalidInputException');
    assert.equal(out.for_root.Accounts.length, 3);
    assert.equal(out.bad_parent.Error, 'ParentNotFoundException');
    assert.deepEqual(out.parents.Parents, [{ Id: out.root, Type: 'ROOT' }]);
    assert.equal(out.no_child.Error, 'ChildNotFoundException');
    assert.equal(out.children.Children.length, 3);
    assert.ok(out.children.Children.every((c: any) => c.Type === 'ACCOUNT'));
    assert.deepEqual(out.ou_children.Children, []);
  });

  test('MoveAccount and its errors', async () => {
    const out = await py(
      bulwark.endpoint,
      `
root = call("list_roots")["Roots"][0]["Id"]
acct = [a["Id"] for a in call("list_accounts")["Accounts"] if a["Name"] == "dev"][0]
ou = call("create_organizational_unit", ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
out["move"] = call("move_account", AccountId=acct, SourceParentId=root, DestinationParentId=ou)
out["parents"] = call("list_parents", ChildId=acct)
out["in_ou"] = call("list_accounts_for_parent", ParentId=ou)
out["dup"] = call("move_account", AccountId=acct, SourceParentId=ou, DestinationParentId=ou)
out["wrong_source"] = call("move_account", AccountId=acct, SourceParentId=root, DestinationParentId=ou)
out["no_source"] = call("move_account", AccountId=acct, SourceParentId="ou-zzzz-zzzzzzzz", DestinationParentId=root)
out["no_dest"] = call("move_account", AccountId=acct, SourceParentId=ou, DestinationParentId="ou-zzzz-zzzzzzzz")
out["no_account"] = call("move_account", AccountId="999999999999", SourceParentId=ou, DestinationParentId=root)
out["ou"] = ou
`,
    );
    assert.deepEqual(out.move, {});
    assert.deepEqual(out.parents.Parents, [{ Id: out.ou, Type: 'ORGANIZATIONAL_UNIT' }]);
    assert.equal(out.in_ou.Accounts.length, 1);
    assert.equal(out.dup.Error, 'DuplicateAccountException');
    assert.equal(out.wrong_source.Error, 'AccountNotFoundException');
    assert.equal(out.no_source.Error, 'SourceParentNotFoundException');
    assert.equal(out.no_dest.Error, 'DestinationParentNotFoundException');
    assert.equal(out.no_account.Error, 'AccountNotFoundException');
  });

  test('a member account: DescribeOrganization works, management operations are AccessDenied, CreateOrganization → AlreadyInOrganization', async () => {
    const out = await py(
      bulwark.endpoint,
      `
acct = [a["Id"] for a in call("list_accounts")["Accounts"] if a["Name"] == "ops"][0]
m = as_account(acct)
out["describe"] = m("describe_organization")
out["create"] = m("create_organization")
for op, kw in [("list_accounts", {}), ("list_roots", {}), ("create_account", {"Email": "x@example.com", "AccountName": "x"}), ("describe_account", {"AccountId": acct}),
               ("list_policies", {"Filter": "SERVICE_CONTROL_POLICY"}), ("remove_account_from_organization", {"AccountId": acct})]:
    out[op] = m(op, **kw)
`,
    );
    assert.equal(out.describe.Organization.MasterAccountId, '000000000000');
    assert.equal(out.create.Error, 'AlreadyInOrganizationException');
    for (const op of ['list_accounts', 'list_roots', 'create_account', 'describe_account', 'list_policies', 'remove_account_from_organization']) {
      assert.equal(out[op].Error, 'AccessDeniedException', op);
      assert.equal(out[op].Message, "You don't have permissions to access this resource.");
    }
  });

  test('leaving: the management account cannot leave or be removed; a member leaves; another is removed', async () => {
    const out = await py(
      bulwark.endpoint,
      `
accts = {a["Name"]: a["Id"] for a in call("list_accounts")["Accounts"]}
out["mgmt_leave"] = call("leave_organization")
out["mgmt_remove"] = call("remove_account_from_organization", AccountId="000000000000")
out["leave"] = as_account(accts["ops"])("leave_organization")
out["after_leave"] = as_account(accts["ops"])("describe_organization")
out["remove"] = call("remove_account_from_organization", AccountId=accts["dev"])
out["remove_again"] = call("remove_account_from_organization", AccountId=accts["dev"])
out["after_remove"] = as_account(accts["dev"])("describe_organization")
out["left"] = [a["Id"] for a in call("list_accounts")["Accounts"]]
`,
    );
    assert.equal(out.mgmt_leave.Error, 'MasterCannotLeaveOrganizationException');
    assert.equal(out.mgmt_remove.Error, 'MasterCannotLeaveOrganizationException');
    assert.deepEqual(out.leave, {});
    assert.equal(out.after_leave.Error, 'AWSOrganizationsNotInUseException');
    assert.deepEqual(out.remove, {});
    assert.equal(out.remove_again.Error, 'AccountNotFoundException');
    assert.equal(out.after_remove.Error, 'AWSOrganizationsNotInUseException');
    assert.deepEqual(out.left, ['000000000000']);
  });
});
