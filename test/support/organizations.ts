import assert from 'node:assert/strict';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
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

/**
 * One Organizations call as `account`'s root (a server with --accept-any-key), as a signed JSON
 * request (this repository has no SDK v3 Organizations client); resolves the parsed answer.
 */
export async function organizationsCall(endpoint: string, account: string, operation: string, input: Record<string, unknown> = {}): Promise<any> {
  const url = new URL(endpoint);
  const body = JSON.stringify(input);
  const signer = new SignatureV4({ service: 'organizations', region: 'us-east-1', credentials: { accessKeyId: account, secretAccessKey: 'x' }, sha256: Sha256 });
  const request = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSOrganizationsV20161128.${operation}` },
      body,
    }),
  );
  const { host: _host, ...headers } = request.headers as Record<string, string>;
  const res = await fetch(`${endpoint}/`, { method: 'POST', headers, body });
  const answer = await res.json();
  assert.equal(res.status, 200, JSON.stringify(answer));
  return answer;
}
