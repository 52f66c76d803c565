import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pythonToolsMissing, runAwsCli, suiteServer } from '../support/server.js';
import { orgPy as py } from '../support/organizations.js';

describe('Organizations: the organization, its root and policy types', { skip: pythonToolsMissing() }, () => {
  const bulwark = suiteServer(['--accept-any-key']);

  test('before CreateOrganization every operation answers AWSOrganizationsNotInUseException', async () => {
    const out = await py(
      bulwark.endpoint,
      `
for op in ["describe_organization", "list_roots", "list_accounts", "delete_organization", "leave_organization"]:
    out[op] = call(op)
out["create_account"] = call("create_account", Email="a@example.com", AccountName="a")
`,
    );
    for (const [op, r] of Object.entries<any>(out)) {
      assert.equal(r.Error, 'AWSOrganizationsNotInUseException', op);
      assert.equal(r.Message, 'Your account is not a member of an organization.');
      assert.equal(r.Status, 400);
    }
  });

  test('CreateOrganization (AWS CLI): FeatureSet ALL, o-/r- ids, ARNs; the caller is the management account', async () => {
    const created = await runAwsCli(bulwark.endpoint, ['organizations', 'create-organization']);
    assert.equal(created.status, 0, created.stderr);
    const org = JSON.parse(created.stdout).Organization;
    assert.match(org.Id, /^o-[a-z0-9]{10}$/);
    assert.equal(org.Arn, `arn:aws:organizations::000000000000:organization/${org.Id}`);
    assert.equal(org.FeatureSet, 'ALL');
    assert.equal(org.MasterAccountId, '000000000000');
    assert.equal(org.MasterAccountArn, `arn:aws:organizations::000000000000:account/${org.Id}/000000000000`);
    assert.deepEqual(org.AvailablePolicyTypes, [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);

    const again = await runAwsCli(bulwark.endpoint, ['organizations', 'create-organization']);
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /AlreadyInOrganizationException/);

    const out = await py(
      bulwark.endpoint,
      `
out["describe"] = call("describe_organization")
out["roots"] = call("list_roots")
out["accounts"] = call("list_accounts")
`,
    );
    assert.equal(out.describe.Organization.Id, org.Id);
    const root = out.roots.Roots[0];
    assert.equal(out.roots.Roots.length, 1);
    assert.match(root.Id, /^r-[a-z0-9]{4}$/);
    assert.equal(root.Arn, `arn:aws:organizations::000000000000:root/${org.Id}/${root.Id}`);
    assert.equal(root.Name, 'Root');
    assert.deepEqual(root.PolicyTypes, []);
    assert.deepEqual(out.accounts.Accounts.map((a: any) => [a.Id, a.JoinedMethod, a.Status]), [['000000000000', 'INVITED', 'ACTIVE']]);
  });

  test('EnablePolicyType attaches FullAWSAccess / RCPFullAWSAccess; errors; DisablePolicyType detaches', async () => {
    const out = await py(
      bulwark.endpoint,
      `
root = call("list_roots")["Roots"][0]["Id"]
out["enable"] = call("enable_policy_type", RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
out["again"] = call("enable_policy_type", RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
out["bad_root"] = call("enable_policy_type", RootId="r-zzzz", PolicyType="SERVICE_CONTROL_POLICY")
out["tag_policy"] = call("enable_policy_type", RootId=root, PolicyType="TAG_POLICY")
out["scps"] = call("list_policies_for_target", TargetId=root, Filter="SERVICE_CONTROL_POLICY")
out["full"] = call("describe_policy", PolicyId="p-FullAWSAccess")
out["rcp"] = call("enable_policy_type", RootId=root, PolicyType="RESOURCE_CONTROL_POLICY")
out["rcps"] = call("list_policies_for_target", TargetId=root, Filter="RESOURCE_CONTROL_POLICY")
out["roots"] = call("list_roots")
out["disable"] = call("disable_policy_type", RootId=root, PolicyType="RESOURCE_CONTROL_POLICY")
out["rcps_after"] = call("list_policies_for_target", TargetId=root, Filter="RESOURCE_CONTROL_POLICY")
out["disable_again"] = call("disable_policy_type", RootId=root, PolicyType="RESOURCE_CONTROL_POLICY")
`,
    );
    assert.deepEqual(out.enable.Root.PolicyTypes, [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    assert.equal(out.again.Error, 'PolicyTypeAlreadyEnabledException');
    assert.equal(out.bad_root.Error, 'RootNotFoundException');
    assert.equal(out.tag_policy.Error, 'PolicyTypeNotAvailableForOrganizationException');
    assert.deepEqual(out.scps.Policies.map((p: any) => [p.Id, p.Name, p.AwsManaged]), [['p-FullAWSAccess', 'FullAWSAccess', true]]);
    assert.equal(out.full.Policy.PolicySummary.Arn, 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess');
    assert.deepEqual(JSON.parse(out.full.Policy.Content).Statement, [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    assert.deepEqual(out.rcps.Policies.map((p: any) => p.Id), ['p-RCPFullAWSAccess']);
    assert.deepEqual(
      out.roots.Roots[0].PolicyTypes.map((t: any) => t.Type),
      ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'],
    );
    assert.deepEqual(out.disable.Root.PolicyTypes, [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    assert.deepEqual(out.rcps_after.Policies, []);
    assert.equal(out.disable_again.Error, 'PolicyTypeNotEnabledException');
  });

  test('a CONSOLIDATED_BILLING organization cannot enable SCPs (ConstraintViolation with Reason)', async () => {
    const out = await py(
      bulwark.endpoint,
      `
other = as_account("111111111111")
out["create"] = other("create_organization", FeatureSet="CONSOLIDATED_BILLING")
root = other("list_roots")["Roots"][0]["Id"]
out["enable"] = other("enable_policy_type", RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
out["delete"] = other("delete_organization")
out["after"] = other("describe_organization")
`,
    );
    assert.equal(out.create.Organization.FeatureSet, 'CONSOLIDATED_BILLING');
    assert.equal(out.create.Organization.MasterAccountId, '111111111111');
    assert.deepEqual(out.create.Organization.AvailablePolicyTypes, []);
    assert.equal(out.enable.Error, 'ConstraintViolationException');
    assert.equal(out.enable.Reason, 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE');
    assert.deepEqual(out.delete, {});
    assert.equal(out.after.Error, 'AWSOrganizationsNotInUseException');
  });

  test('DeleteOrganization: OrganizationNotEmptyException while members remain; a member may not delete it', async () => {
    const out = await py(
      bulwark.endpoint,
      `
acct = call("create_account", Email="m@example.com", AccountName="member")["CreateAccountStatus"]["AccountId"]
out["member_delete"] = as_account(acct)("delete_organization")
out["not_empty"] = call("delete_organization")
out["remove"] = call("remove_account_from_organization", AccountId=acct)
out["delete"] = call("delete_organization")
out["describe"] = call("describe_organization")
out["member_describe"] = as_account(acct)("describe_organization")
out["recreate"] = call("create_organization")
`,
    );
    assert.equal(out.member_delete.Error, 'AccessDeniedException');
    assert.equal(out.not_empty.Error, 'OrganizationNotEmptyException');
    assert.deepEqual(out.remove, {});
    assert.deepEqual(out.delete, {});
    assert.equal(out.describe.Error, 'AWSOrganizationsNotInUseException');
    assert.equal(out.member_describe.Error, 'AWSOrganizationsNotInUseException');
    assert.equal(out.recreate.Organization.FeatureSet, 'ALL');
  });
});
