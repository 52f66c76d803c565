import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pythonToolsMissing, runBoto3, suiteServer } from '../support/server.js';

/**
 * SCPs enforced by the engine: an SCP on the OU of a member account denies what the
 * account's root (or any identity policy) would allow; the management account is exempt;
 * detaching the SCP restores access at once.
 */
const SCENARIO = `
def c(name, account=None):
    if account is None: return client(name)
    return boto3.client(name, endpoint_url=client("sts").meta.endpoint_url, region_name="us-east-1", aws_access_key_id=account, aws_secret_access_key="x", config=Config(retries={"max_attempts": 1}))
def attempt(fn):
    try:
        fn(); return "ok"
    except botocore.exceptions.ClientError as e:
        return [e.response["Error"]["Code"], e.response["Error"]["Message"]]
org = c("organizations")
org.create_organization(FeatureSet="ALL")
root = org.list_roots()["Roots"][0]["Id"]
org.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
status = org.create_account(Email="member@example.com", AccountName="member")["CreateAccountStatus"]
member = status["AccountId"]
ou = org.create_organizational_unit(ParentId=root, Name="Sandbox")["OrganizationalUnit"]["Id"]
org.move_account(AccountId=member, SourceParentId=root, DestinationParentId=ou)
deny = org.create_policy(Name="NoIamList", Type="SERVICE_CONTROL_POLICY", Description="d",
    Content=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:ListUsers", "Resource": "*"}]}))["Policy"]["PolicySummary"]["Id"]
out = {"member": member}
out["before"] = attempt(lambda: c("iam", member).list_users())
org.attach_policy(PolicyId=deny, TargetId=ou)
out["denied"] = attempt(lambda: c("iam", member).list_users())
out["other_action"] = attempt(lambda: c("iam", member).list_roles())
out["management"] = attempt(lambda: c("iam").list_users())
org.detach_policy(PolicyId=deny, TargetId=ou)
out["after_detach"] = attempt(lambda: c("iam", member).list_users())
print(json.dumps(out))
`;

describe('SCPs enforced on member accounts', { skip: pythonToolsMissing() }, () => {
  const bulwark = suiteServer(['--accept-any-key']);

  test('an SCP on the OU denies what the member root may do; the management account is exempt', async () => {
    const r = await runBoto3(bulwark.endpoint, SCENARIO);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.before, 'ok');
    assert.deepEqual(out.denied, [
      'AccessDenied',
      `User: arn:aws:iam::${out.member}:root is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${out.member}:user/ with an explicit deny in a service control policy`,
    ]);
    assert.equal(out.other_action, 'ok');
    assert.equal(out.management, 'ok');
    assert.equal(out.after_detach, 'ok');
  });
});
