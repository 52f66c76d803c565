import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { pythonToolsMissing, runAwsCli, runBoto3, suiteServer } from '../support/server.js';

const ROOT = { UserId: '000000000000', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' };

function sts(endpoint: string, accessKeyId = 'test', secretAccessKey = 'test') {
  return new STSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
}

describe('STS GetCallerIdentity for the root of the default account', () => {
  const bulwark = suiteServer();

  test('SDK v3 gets the root identity', async () => {
    const out = await sts(bulwark.endpoint).send(new GetCallerIdentityCommand({}));
    assert.deepEqual({ UserId: out.UserId, Account: out.Account, Arn: out.Arn }, ROOT);
    assert.match(out.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
  });

  test('SDK v3 with a wrong secret gets SignatureDoesNotMatch (403)', async () => {
    await assert.rejects(sts(bulwark.endpoint, 'test', 'wrong').send(new GetCallerIdentityCommand({})), (err: any) => {
      assert.equal(err.name, 'SignatureDoesNotMatch');
      assert.equal(err.$metadata.httpStatusCode, 403);
      assert.match(err.message, /^The request signature we calculated does not match the signature you provided/);
      return true;
    });
  });

  test('SDK v3 with an unknown key gets InvalidClientTokenId (403)', async () => {
    await assert.rejects(sts(bulwark.endpoint, 'AKIAUNKNOWNKEY000000', 'x').send(new GetCallerIdentityCommand({})), (err: any) => {
      assert.equal(err.name, 'InvalidClientTokenId');
      assert.equal(err.$metadata.httpStatusCode, 403);
      assert.equal(err.message, 'The security token included in the request is invalid.');
      return true;
    });
  });

  const missing = pythonToolsMissing();
  test('AWS CLI v1 gets the root identity', { skip: missing }, async () => {
    const r = await runAwsCli(bulwark.endpoint, ['sts', 'get-caller-identity']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), ROOT);
  });

  test('AWS CLI v1 with a wrong secret fails with SignatureDoesNotMatch', { skip: missing }, async () => {
    const r = await runAwsCli(bulwark.endpoint, ['sts', 'get-caller-identity'], 'test', 'wrong');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /\(SignatureDoesNotMatch\) when calling the GetCallerIdentity operation/);
  });

  test('boto3 gets the root identity', { skip: missing }, async () => {
    const r = await runBoto3(bulwark.endpoint, 'r = client("sts").get_caller_identity(); r.pop("ResponseMetadata"); print(json.dumps(r))');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), ROOT);
  });

  test('boto3 with an unknown key gets InvalidClientTokenId', { skip: missing }, async () => {
    const code = [
      'try:',
      '    client("sts").get_caller_identity()',
      'except botocore.exceptions.ClientError as e:',
      '    print(json.dumps([e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]))',
    ].join('\n');
    const r = await runBoto3(bulwark.endpoint, code, 'AKIAUNKNOWNKEY000000', 'x');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), ['InvalidClientTokenId', 403]);
  });
});
