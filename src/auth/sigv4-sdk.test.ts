/**
 * Requests built and signed by the real, unmodified AWS SDK v3 clients (captured instead of
 * sent) must verify, on the real clock, for every protocol family.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { CreateUserCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { EncryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { HttpRequest } from '../protocol/http.js';
import { AuthFailure } from './auth-failure.js';
import { authErrorFor } from './auth-errors.js';
import { verifySigV4 } from './sigv4.js';
import { capturingHandler, lookup, SESSION, USER } from './sigv4-oracle.js';
import type { Credential } from './types.js';

interface SdkClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}
type ClientCtor = new (config: Record<string, unknown>) => SdkClient;

async function capture(Client: unknown, command: unknown, credential: Credential = USER, extra: Record<string, unknown> = {}): Promise<HttpRequest> {
  const captured: HttpRequest[] = [];
  const client = new (Client as ClientCtor)({
    region: 'us-west-2',
    endpoint: 'http://127.0.0.1:4566',
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey, sessionToken: credential.sessionToken },
    requestHandler: capturingHandler(captured),
    maxAttempts: 1,
    ...extra,
  });
  await client.send(command).catch(() => undefined); // the canned empty 200 may not parse; only the request matters
  client.destroy();
  assert.equal(captured.length, 1, 'one request captured');
  return captured[0];
}

const S3 = { forcePathStyle: true };
const cases: [string, unknown, unknown, Record<string, unknown>?][] = [
  ['STS GetCallerIdentity (query)', STSClient, new GetCallerIdentityCommand({})],
  ['IAM ListUsers (query)', IAMClient, new ListUsersCommand({ PathPrefix: '/div/ü/', MaxItems: 5 })],
  ['IAM CreateUser (query)', IAMClient, new CreateUserCommand({ UserName: 'a+b=c', Tags: [{ Key: 'k&', Value: 'v w' }] })],
  ['KMS ListKeys (json)', KMSClient, new ListKeysCommand({ Limit: 10 })],
  ['KMS Encrypt (json)', KMSClient, new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('secret ✓') })],
  ['Secrets Manager ListSecrets (json)', SecretsManagerClient, new ListSecretsCommand({ MaxResults: 3 })],
  ['CloudTrail DescribeTrails (json)', CloudTrailClient, new DescribeTrailsCommand({ trailNameList: ['t'] })],
  ['GuardDuty ListDetectors (rest-json)', GuardDutyClient, new ListDetectorsCommand({ MaxResults: 5, NextToken: 'a/b+c=' })],
  ['GuardDuty GetDetector (rest-json path)', GuardDutyClient, new GetDetectorCommand({ DetectorId: 'abc def' })],
  ['Security Hub GetFindings (rest-json POST)', SecurityHubClient, new GetFindingsCommand({ MaxResults: 1 })],
  ['S3 ListObjectsV2 (rest-xml query)', S3Client, new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'photos/2024 ü/', Delimiter: '/' }), S3],
  ['S3 GetObject odd key', S3Client, new GetObjectCommand({ Bucket: 'bucket', Key: "dir//a b/(x)!*'~+=&$@ ✓.txt" }), S3],
  ['S3 PutObject string body', S3Client, new PutObjectCommand({ Bucket: 'bucket', Key: 'k', Body: 'hello', ContentType: 'text/plain', Metadata: { owner: 'Ann' } }), S3],
  ['S3 DeleteObjects (POST ?delete)', S3Client, new DeleteObjectsCommand({ Bucket: 'bucket', Delete: { Objects: [{ Key: 'a' }, { Key: 'b c' }] } }), S3],
];

describe('requests signed by real AWS SDK clients verify', () => {
  for (const [name, Client, command, extra] of cases) {
    it(name, async () => {
      const req = await capture(Client, command, USER, extra);
      const result = await verifySigV4(req, lookup);
      assert.equal(result.credential, USER);
      assert.equal(result.scope.region, 'us-west-2');
      assert.equal(result.presigned, false);
    });
  }

  it('with session credentials', async () => {
    const req = await capture(S3Client, new ListObjectsV2Command({ Bucket: 'bucket' }), SESSION, S3);
    const result = await verifySigV4(req, lookup);
    assert.equal(result.sessionToken, SESSION.sessionToken);
  });

  it('and a tampered SDK request is refused with the family error', async () => {
    const req = await capture(KMSClient, new ListKeysCommand({ Limit: 10 }));
    const error = await verifySigV4({ ...req, body: Buffer.from('{"Limit":11}') }, lookup).catch((e: unknown) => e);
    assert.ok(error instanceof AuthFailure);
    // The SDK declares x-amz-content-sha256 for every service, so the body no longer matches it.
    assert.equal(error.reason, 'content-hash-mismatch');
    assert.equal(authErrorFor(error, 'json').code, 'InvalidSignatureException');
    const header = await verifySigV4({ ...req, headers: { ...req.headers, 'x-amz-target': 'TrentService.DisableKey' } }, lookup).catch((e: unknown) => e);
    assert.ok(header instanceof AuthFailure);
    const aws = authErrorFor(header, 'json');
    assert.equal(aws.code, 'InvalidSignatureException');
    assert.match(aws.message, /The Canonical String for this request should have been\n'POST\n\/\n/);
    assert.match(aws.message, /x-amz-target:TrentService.DisableKey\n/);
  });
});
