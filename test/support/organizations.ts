import assert from 'node:assert/strict';
import { runBoto3 } from './server.js';

/**
 * boto3 prelude: `call(op, **kw)` returns the response or {Error, Message, Reason}; `as_account(id)` signs as another account's root;
 * `org_with_scps()` creates the organization, enables SCPs on its root and returns the root's id.
 */
const PRELUDE = `
def _org(c):
    def call(op, **kw):
        try:
            r = getattr(c, op)(**kw); r.pop("ResponseMetadata", None); return r
        except botocore.exceptions.ClientError as e:
            return {"Error": e.response["Error"]["Code"], "Message": e.response["Error"]["Message"], "Reason": e.response.get("Reason"), "Status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return call
call = _org(client("organizations"))
def as_account(account):
    return _org(boto3.client("organizations", endpoint_url=client("sts").meta.endpoint_url, region_name="us-east-1", aws_access_key_id=account, aws_secret_access_key="x", config=Config(retries={"max_attempts": 1})))
def org_with_scps():
    call("create_organization")
    root = call("list_roots")["Roots"][0]["Id"]
    call("enable_policy_type", RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
    return root
out = {}
`;

/** Runs `body` after the prelude in boto3 against `endpoint`; asserts it exits 0 and resolves the dict `out` it fills. */
export async function orgPy(endpoint: string, body: string): Promise<any> {
  const r = await runBoto3(endpoint, `${PRELUDE}\n${body}\nprint(json.dumps(out, default=str))`);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}
