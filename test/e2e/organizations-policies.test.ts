import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scpLevelsFor } from '../../src/services/organizations/index.js';
import { pythonToolsMissing, suiteServer } from '../support/server.js';
import { orgPy as py } from '../support/organizations.js';

const DENY_S3 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] });

describe('Organizations: organizational units', { skip: pythonToolsMissing() }, () => {
  const bulwark = suiteServer(['--accept-any-key']);

  test('Create/Describe/Update/Delete OU, ListOrganizationalUnitsForParent, and their errors', async () => {
    const out = await py(
      bulwark.endpoint,
      `
root = org_with_scps()
out["root"] = root
ou = call("create_organizational_unit", ParentId=root, Name="Prod", Tags=[{"Key": "team", "Value": "a"}])
out["ou"] = ou
ouid = ou["OrganizationalUnit"]["Id"]
out["dup"] = call("create_organizational_unit", ParentId=root, Name="Prod")
out["no_parent"] = call("create_organizational_unit", ParentId="ou-zzzz-zzzzzzzz", Name="X")
child = call("create_organizational_unit", ParentId=ouid, Name="Prod")["OrganizationalUnit"]["Id"]
out["describe"] = call("describe_organizational_unit", OrganizationalUnitId=child)
out["missing"] = call("describe_organizational_unit", OrganizationalUnitId="ou-zzzz-zzzzzzzz")
out["list_root"] = call("list_organizational_units_for_parent", ParentId=root)
out["list_ou"] = call("list_organizational_units_for_parent", ParentId=ouid)
out["parents"] = call("list_parents", ChildId=child)
out["scps"] = call("list_policies_for_target", TargetId=child, Filter="SERVICE_CONTROL_POLICY")
out["tags"] = call("list_tags_for_resource", ResourceId=ouid)
out["update"] = call("update_organizational_unit", OrganizationalUnitId=child, Name="Staging")
out["update_missing"] = call("update_organizational_unit", OrganizationalUnitId="ou-zzzz-zzzzzzzz", Name="x")
sib = call("create_organizational_unit", ParentId=ouid, Name="Dev")["OrganizationalUnit"]["Id"]
out["update_dup"] = call("update_organizational_unit", OrganizationalUnitId=sib, Name="Staging")
out["not_empty"] = call("delete_organizational_unit", OrganizationalUnitId=ouid)
out["delete_child"] = call("delete_organizational_unit", OrganizationalUnitId=child)
out["delete_sib"] = call("delete_organizational_unit", OrganizationalUnitId=sib)
out["delete"] = call("delete_organizational_unit", OrganizationalUnitId=ouid)
out["delete_again"] = call("delete_organizational_unit", OrganizationalUnitId=ouid)
out["full_targets"] = call("list_targets_for_policy", PolicyId="p-FullAWSAccess")
`,
    );
    const ou = out.ou.OrganizationalUnit;
    const orgId = /:ou\/(o-[a-z0-9]{10})\//.exec(ou.Arn)?.[1];
    assert.ok(orgId, ou.Arn);
    assert.match(ou.Id, new RegExp(`^ou-${out.root.slice(2)}-[a-z0-9]{8}$`));
    assert.equal(ou.Arn, `arn:aws:organizations::000000000000:ou/${orgId}/${ou.Id}`);
    assert.equal(ou.Name, 'Prod');
    assert.equal(out.dup.Error, 'DuplicateOrganizationalUnitException');
    assert.equal(out.no_parent.Error, 'ParentNotFoundException');
    assert.equal(out.describe.OrganizationalUnit.Name, 'Prod');
    assert.equal(out.missing.Error, 'OrganizationalUnitNotFoundException');
    assert.deepEqual(out.list_root.OrganizationalUnits.map((o: any) => o.Name), ['Prod']);
    assert.equal(out.list_ou.OrganizationalUnits.length, 1);
    assert.deepEqual(out.parents.Parents, [{ Id: ou.Id, Type: 'ORGANIZATIONAL_UNIT' }]);
    assert.deepEqual(out.scps.Policies.map((p: any) => p.Id), ['p-FullAWSAccess']);
    assert.deepEqual(out.tags.Tags, [{ Key: 'team', Value: 'a' }]);
    assert.equal(out.update.OrganizationalUnit.Name, 'Staging');
    assert.equal(out.update_missing.Error, 'OrganizationalUnitNotFoundException');
    assert.equal(out.update_dup.Error, 'DuplicateOrganizationalUnitException');
    assert.equal(out.not_empty.Error, 'OrganizationalUnitNotEmptyException');
    for (const k of ['delete_child', 'delete_sib', 'delete']) assert.deepEqual(out[k], {}, k);
    assert.equal(out.delete_again.Error, 'OrganizationalUnitNotFoundException');
    // Deleted OUs leave no attachments behind: FullAWSAccess is on the root and the management account only.
    assert.deepEqual(out.full_targets.Targets.map((t: any) => t.Type).sort(), ['ACCOUNT', 'ROOT']);
  });

  test('OUs nest at most five deep (ConstraintViolation OU_DEPTH_LIMIT_EXCEEDED)', async () => {
    const out = await py(
      bulwark.endpoint,
      `
parent = call("list_roots")["Roots"][0]["Id"]
for i in range(5):
    parent = call("create_organizational_unit", ParentId=parent, Name="L%d" % i)["OrganizationalUnit"]["Id"]
out["sixth"] = call("create_organizational_unit", ParentId=parent, Name="L5")
`,
    );
    assert.equal(out.sixth.Error, 'ConstraintViolationException');
    assert.equal(out.sixth.Reason, 'OU_DEPTH_LIMIT_EXCEEDED');
  });
});

describe('Organizations: policies', { skip: pythonToolsMissing() }, () => {
  const bulwark = suiteServer(['--accept-any-key']);

  test('CreatePolicy validates type, content (compilePolicy), size and name; Describe/Update/List', async () => {
    const out = await py(
      bulwark.endpoint,
      `
call("create_organization")
deny = ${JSON.stringify(DENY_S3)}
out["created"] = call("create_policy", Name="DenyS3", Description="no s3", Type="SERVICE_CONTROL_POLICY", Content=deny, Tags=[{"Key": "k", "Value": "v"}])
out["dup"] = call("create_policy", Name="DenyS3", Description="", Type="SERVICE_CONTROL_POLICY", Content=deny)
out["malformed"] = call("create_policy", Name="Bad", Description="", Type="SERVICE_CONTROL_POLICY", Content="{not json")
out["principal_in_scp"] = call("create_policy", Name="Bad2", Description="", Type="SERVICE_CONTROL_POLICY", Content=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]}))
big = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["s3:Get%s" % ("x" * 40 + str(i)) for i in range(120)], "Resource": "*"}]})
out["big_len"] = len(big)
out["too_big"] = call("create_policy", Name="Big", Description="", Type="SERVICE_CONTROL_POLICY", Content=big)
out["tag_type"] = call("create_policy", Name="T", Description="", Type="TAG_POLICY", Content="{}")
out["rcp"] = call("create_policy", Name="RcpDeny", Description="", Type="RESOURCE_CONTROL_POLICY", Content=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}))
pid = out["created"]["Policy"]["PolicySummary"]["Id"]
out["describe"] = call("describe_policy", PolicyId=pid)
out["missing"] = call("describe_policy", PolicyId="p-00000000")
out["update"] = call("update_policy", PolicyId=pid, Name="DenyS3All", Description="still no s3")
out["update_bad"] = call("update_policy", PolicyId=pid, Content="[]")
out["update_managed"] = call("update_policy", PolicyId="p-FullAWSAccess", Name="x")
out["list_scp"] = call("list_policies", Filter="SERVICE_CONTROL_POLICY")
out["list_rcp"] = call("list_policies", Filter="RESOURCE_CONTROL_POLICY")
out["tags"] = call("list_tags_for_resource", ResourceId=pid)
out["tag"] = call("tag_resource", ResourceId=pid, Tags=[{"Key": "k", "Value": "v2"}, {"Key": "other", "Value": "x"}])
out["untag"] = call("untag_resource", ResourceId=pid, TagKeys=["other"])
out["tags2"] = call("list_tags_for_resource", ResourceId=pid)
out["tag_managed"] = call("tag_resource", ResourceId="p-FullAWSAccess", Tags=[{"Key": "k", "Value": "v"}])
out["tag_missing"] = call("tag_resource", ResourceId="ou-zzzz-zzzzzzzz", Tags=[{"Key": "k", "Value": "v"}])
`,
    );
    const p = out.created.Policy;
    assert.match(p.PolicySummary.Id, /^p-[a-z0-9]{8}$/);
    assert.match(p.PolicySummary.Arn, new RegExp(`^arn:aws:organizations::000000000000:policy/o-[a-z0-9]{10}/service_control_policy/${p.PolicySummary.Id}$`));
    assert.deepEqual([p.PolicySummary.Name, p.PolicySummary.Description, p.PolicySummary.Type, p.PolicySummary.AwsManaged], ['DenyS3', 'no s3', 'SERVICE_CONTROL_POLICY', false]);
    assert.equal(p.Content, DENY_S3);
    assert.equal(out.dup.Error, 'DuplicatePolicyException');
    assert.equal(out.malformed.Error, 'MalformedPolicyDocumentException');
    assert.equal(out.principal_in_scp.Error, 'MalformedPolicyDocumentException');
    assert.ok(out.big_len > 5120);
    assert.equal(out.too_big.Error, 'ConstraintViolationException');
    assert.equal(out.too_big.Reason, 'POLICY_CONTENT_LIMIT_EXCEEDED');
    assert.equal(out.tag_type.Error, 'PolicyTypeNotAvailableForOrganizationException');
    assert.equal(out.rcp.Policy.PolicySummary.Type, 'RESOURCE_CONTROL_POLICY');
    assert.equal(out.describe.Policy.Content, DENY_S3);
    assert.equal(out.missing.Error, 'PolicyNotFoundException');
    assert.equal(out.update.Policy.PolicySummary.Name, 'DenyS3All');
    assert.equal(out.update.Policy.PolicySummary.Description, 'still no s3');
    assert.equal(out.update_bad.Error, 'MalformedPolicyDocumentException');
    assert.equal(out.update_managed.Error, 'AccessDeniedException');
    assert.deepEqual(out.list_scp.Policies.map((x: any) => x.Name).sort(), ['DenyS3All', 'FullAWSAccess']);
    assert.deepEqual(out.list_rcp.Policies.map((x: any) => x.Name).sort(), ['RCPFullAWSAccess', 'RcpDeny']);
    assert.deepEqual(out.tags.Tags, [{ Key: 'k', Value: 'v' }]);
    assert.deepEqual(out.tags2.Tags, [{ Key: 'k', Value: 'v2' }]);
    assert.equal(out.tag_managed.Error, 'InvalidInputException');
    assert.equal(out.tag_missing.Error, 'TargetNotFoundException');
  });

  test('AttachPolicy/DetachPolicy and their errors; ListTargetsForPolicy; DeletePolicy in use → PolicyInUseException', async () => {
    const out = await py(
      bulwark.endpoint,
      `
root = call("list_roots")["Roots"][0]["Id"]
pid = [p["Id"] for p in call("list_policies", Filter="SERVICE_CONTROL_POLICY")["Policies"] if p["Name"] == "DenyS3All"][0]
rcp = [p["Id"] for p in call("list_policies", Filter="RESOURCE_CONTROL_POLICY")["Policies"] if p["Name"] == "RcpDeny"][0]
out["not_enabled"] = call("attach_policy", PolicyId=pid, TargetId=root)
call("enable_policy_type", RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
out["attach"] = call("attach_policy", PolicyId=pid, TargetId=root)
out["dup"] = call("attach_policy", PolicyId=pid, TargetId=root)
out["rcp_not_enabled"] = call("attach_policy", PolicyId=rcp, TargetId=root)
out["no_policy"] = call("attach_policy", PolicyId="p-00000000", TargetId=root)
out["no_target"] = call("attach_policy", PolicyId=pid, TargetId="ou-zzzz-zzzzzzzz")
out["no_account"] = call("attach_policy", PolicyId=pid, TargetId="999999999999")
out["targets"] = call("list_targets_for_policy", PolicyId=pid)
out["for_root"] = call("list_policies_for_target", TargetId=root, Filter="SERVICE_CONTROL_POLICY")
out["in_use"] = call("delete_policy", PolicyId=pid)
out["delete_managed"] = call("delete_policy", PolicyId="p-FullAWSAccess")
out["detach_full"] = call("detach_policy", PolicyId="p-FullAWSAccess", TargetId=root)
out["detach_last"] = call("detach_policy", PolicyId=pid, TargetId=root)
out["not_attached"] = call("detach_policy", PolicyId="p-FullAWSAccess", TargetId=root)
extra = []
for i in range(5):
    extra.append(call("create_policy", Name="Extra%d" % i, Description="", Type="SERVICE_CONTROL_POLICY", Content=${JSON.stringify(DENY_S3)})["Policy"]["PolicySummary"]["Id"])
for e in extra[:4]:
    call("attach_policy", PolicyId=e, TargetId=root)
out["too_many"] = call("attach_policy", PolicyId=extra[4], TargetId=root)
out["delete_unused"] = call("delete_policy", PolicyId=extra[4])
out["delete_again"] = call("delete_policy", PolicyId=extra[4])
out["root"] = root
`,
    );
    assert.equal(out.not_enabled.Error, 'PolicyTypeNotEnabledException');
    assert.deepEqual(out.attach, {});
    assert.equal(out.dup.Error, 'DuplicatePolicyAttachmentException');
    assert.equal(out.dup.Message, 'The selected policy is already attached to the specified target.');
    assert.equal(out.rcp_not_enabled.Error, 'PolicyTypeNotEnabledException');
    assert.equal(out.no_policy.Error, 'PolicyNotFoundException');
    assert.equal(out.no_target.Error, 'TargetNotFoundException');
    assert.equal(out.no_account.Error, 'TargetNotFoundException');
    assert.deepEqual(out.targets.Targets.map((t: any) => [t.TargetId, t.Type, t.Name]), [[out.root, 'ROOT', 'Root']]);
    assert.deepEqual(out.for_root.Policies.map((p: any) => p.Name).sort(), ['DenyS3All', 'FullAWSAccess']);
    assert.equal(out.in_use.Error, 'PolicyInUseException');
    assert.equal(out.delete_managed.Error, 'AccessDeniedException');
    assert.deepEqual(out.detach_full, {});
    assert.equal(out.detach_last.Error, 'ConstraintViolationException');
    assert.equal(out.detach_last.Reason, 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
    assert.equal(out.not_attached.Error, 'PolicyNotAttachedException');
    assert.equal(out.too_many.Error, 'ConstraintViolationException');
    assert.equal(out.too_many.Reason, 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
    assert.deepEqual(out.delete_unused, {});
    assert.equal(out.delete_again.Error, 'PolicyNotFoundException');
  });

  test('tags on the root and on accounts', async () => {
    const out = await py(
      bulwark.endpoint,
      `
root = call("list_roots")["Roots"][0]["Id"]
out["tag_root"] = call("tag_resource", ResourceId=root, Tags=[{"Key": "a", "Value": "1"}])
out["root_tags"] = call("list_tags_for_resource", ResourceId=root)
out["tag_acct"] = call("tag_resource", ResourceId="000000000000", Tags=[{"Key": "b", "Value": "2"}])
out["untag_acct"] = call("untag_resource", ResourceId="000000000000", TagKeys=["b", "absent"])
out["acct_tags"] = call("list_tags_for_resource", ResourceId="000000000000")
out["too_many"] = call("tag_resource", ResourceId=root, Tags=[{"Key": "k%d" % i, "Value": ""} for i in range(50)])
`,
    );
    assert.deepEqual(out.root_tags.Tags, [{ Key: 'a', Value: '1' }]);
    assert.deepEqual(out.acct_tags.Tags, []);
    assert.equal(out.too_many.Error, 'ConstraintViolationException');
    assert.equal(out.too_many.Reason, 'MAX_TAG_LIMIT_EXCEEDED');
  });
});

describe('Organizations: scenario → scpLevelsFor', { skip: pythonToolsMissing() }, () => {
  const bulwark = suiteServer(['--accept-any-key']);

  test('create org → create account → list → move into an OU → SCP denying s3:* → attach → scpLevelsFor', async () => {
    assert.equal(await scpLevelsFor(bulwark.store, '000000000000'), undefined);
    const out = await py(
      bulwark.endpoint,
      `
root = org_with_scps()
acct = call("create_account", Email="app@example.com", AccountName="app")["CreateAccountStatus"]["AccountId"]
out["listed"] = [a["Id"] for a in call("list_accounts")["Accounts"]]
ou = call("create_organizational_unit", ParentId=root, Name="Sandbox")["OrganizationalUnit"]["Id"]
call("move_account", AccountId=acct, SourceParentId=root, DestinationParentId=ou)
pid = call("create_policy", Name="DenyS3", Description="", Type="SERVICE_CONTROL_POLICY", Content=${JSON.stringify(DENY_S3)})["Policy"]["PolicySummary"]["Id"]
call("attach_policy", PolicyId=pid, TargetId=ou)
out["acct"] = acct
`,
    );
    assert.ok(out.listed.includes(out.acct));
    const full = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const member = await scpLevelsFor(bulwark.store, out.acct);
    assert.ok(member);
    assert.equal(member.managementAccount, false);
    assert.equal(member.scpLevels.length, 3); // root, the OU, the account
    assert.deepEqual(member.scpLevels[0], [full]);
    assert.deepEqual([...member.scpLevels[1]!].sort(), [DENY_S3, full].sort());
    assert.deepEqual(member.scpLevels[2], [full]);
    assert.deepEqual(member.rcpLevels, []); // RCPs not enabled
    const mgmt = await scpLevelsFor(bulwark.store, '000000000000');
    assert.ok(mgmt);
    assert.equal(mgmt.managementAccount, true);
    assert.deepEqual(mgmt.scpLevels, [[full], [full]]);
    assert.equal(await scpLevelsFor(bulwark.store, '123456789012'), undefined);

    const rcp = await py(
      bulwark.endpoint,
      `
root = call("list_roots")["Roots"][0]["Id"]
call("enable_policy_type", RootId=root, PolicyType="RESOURCE_CONTROL_POLICY")
`,
    );
    assert.deepEqual(rcp, {});
    const withRcp = await scpLevelsFor(bulwark.store, out.acct);
    assert.equal(withRcp!.rcpLevels.length, 3);
    assert.ok(withRcp!.rcpLevels.every((level) => level.length === 1 && JSON.parse(level[0]!).Statement[0].Principal === '*'));
  });
});
