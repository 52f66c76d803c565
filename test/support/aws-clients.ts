import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { STSClient, type Credentials } from '@aws-sdk/client-sts';

/**
 * What the e2e suites share to talk to a test server through the SDK v3 clients: credentials,
 * client configuration (us-east-1, no retries), the IAM and STS clients, an IAM user with an
 * access key, and the assertion on an AWS error.
 */

/** Credentials as the SDK takes them; a session token for temporary credentials. */
export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The root user of account 000000000000 (key `test`). */
export const ROOT: Keys = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Keys with the given id (a 12-digit id is that account's root under --accept-any-key) and secret. */
export function creds(accessKeyId = 'test', secretAccessKey = 'test'): Keys {
  return { accessKeyId, secretAccessKey };
}

/** The keys of temporary credentials an STS call returned. */
export function keysOf(c: Credentials | undefined): Keys {
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
}

/** The configuration of any SDK v3 client of the server at `endpoint`, signed with `credentials`. */
export function clientConfig(endpoint: string, credentials: Keys = ROOT) {
  return { endpoint, region: 'us-east-1', credentials, maxAttempts: 1 };
}

export function iam(endpoint: string, credentials: Keys = ROOT): IAMClient {
  return new IAMClient(clientConfig(endpoint, credentials));
}

export function sts(endpoint: string, credentials: Keys = ROOT): STSClient {
  return new STSClient(clientConfig(endpoint, credentials));
}

export interface UserKeys extends Keys {
  arn: string;
  id: string;
}

/**
 * Creates (as root) the IAM user `name` — under `path`, with the inline `policy` when given —
 * and an access key for it; resolves the key with the user's ARN and id.
 */
export async function userWithKey(
  endpoint: string,
  name: string,
  options: { path?: string; policy?: { name: string; document: string }; /** The account's root keys (default: ROOT). */ root?: Keys } = {},
): Promise<UserKeys> {
  const root = iam(endpoint, options.root);
  const user = await root.send(new CreateUserCommand({ UserName: name, Path: options.path }));
  if (options.policy) await root.send(new PutUserPolicyCommand({ UserName: name, PolicyName: options.policy.name, PolicyDocument: options.policy.document }));
  const key = (await root.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey!, arn: user.User!.Arn!, id: user.User!.UserId! };
}

/** Asserts `promise` rejects with the AWS error code, HTTP status and (when given) message: equal to a string, matching a RegExp. */
export async function rejectsWith(promise: Promise<unknown>, code: string, status: number, message?: string | RegExp): Promise<void> {
  await assert.rejects(promise, (err: any) => {
    assert.equal(err.name, code, err.message);
    assert.equal(err.$metadata.httpStatusCode, status);
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return true;
  });
}
