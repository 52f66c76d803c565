import assert from 'node:assert/strict';
import { CreateDetectorCommand, GetFindingsCommand, ListFindingsCommand } from '@aws-sdk/client-guardduty';
import { CreateBucketCommand, PutBucketAclCommand, PutBucketLoggingCommand, PutBucketOwnershipControlsCommand, PutBucketPolicyCommand, PutPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { test } from 'node:test';
import { clientConfig } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { guardduty, s3 } from './guardduty-helpers.js';

/**
 * GuardDuty's S3 findings live, from Bulwark's own CloudTrail records of the calls: the
 * records carry the configuration the call sent (bucket policy, Block Public Access, ACL,
 * logging status) as AWS records it, and the detectors read it.
 */
const bulwark = suiteServer();

async function findingsOfType(type: string): Promise<Array<Record<string, any>>> {
  await bulwark.guardDuty!.flush();
  const client = guardduty(bulwark.endpoint);
  const ids = (await client.send(new ListFindingsCommand({ DetectorId: detectorId, FindingCriteria: { Criterion: { type: { Eq: [type] } } } }))).FindingIds ?? [];
  if (ids.length === 0) return [];
  return ((await client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids }))).Findings ?? []) as Array<Record<string, any>>;
}

let detectorId = '';

test('S3 findings from live calls: Block Public Access turned off, a public policy, a public ACL, logging turned off', async () => {
  detectorId = (await guardduty(bulwark.endpoint).send(new CreateDetectorCommand({ Enable: true }))).DetectorId!;
  const client = s3(bulwark.endpoint);
  await client.send(new CreateBucketCommand({ Bucket: 'gd-open' }));
  await client.send(new PutPublicAccessBlockCommand({ Bucket: 'gd-open', PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false } }));
  const [bpa] = await findingsOfType('Policy:S3/BucketBlockPublicAccessDisabled');
  assert.ok(bpa, 'BucketBlockPublicAccessDisabled');
  assert.equal(bpa.Resource.ResourceType, 'S3Bucket');
  assert.equal(bpa.Resource.S3BucketDetails[0].Name, 'gd-open');
  assert.equal(bpa.Service.Action.AwsApiCallAction.Api, 'PutBucketPublicAccessBlock');

  await client.send(new PutBucketPolicyCommand({ Bucket: 'gd-open', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::gd-open/*' }] }) }));
  const [anonymous] = await findingsOfType('Policy:S3/BucketAnonymousAccessGranted');
  assert.ok(anonymous, 'BucketAnonymousAccessGranted');
  assert.equal(anonymous.Severity, 8);

  await client.send(new PutBucketOwnershipControlsCommand({ Bucket: 'gd-open', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }));
  await client.send(new PutBucketAclCommand({ Bucket: 'gd-open', ACL: 'authenticated-read' }));
  assert.ok((await findingsOfType('Policy:S3/BucketPublicAccessGranted'))[0], 'BucketPublicAccessGranted (AuthenticatedUsers)');

  await client.send(new CreateBucketCommand({ Bucket: 'gd-logs' }));
  await client.send(new PutBucketLoggingCommand({ Bucket: 'gd-open', BucketLoggingStatus: {} }));
  assert.ok((await findingsOfType('Stealth:S3/ServerAccessLoggingDisabled'))[0], 'ServerAccessLoggingDisabled');

  // A private policy (the account's own principal) raises nothing new.
  const before = (await findingsOfType('Policy:S3/BucketAnonymousAccessGranted'))[0].Service.Count;
  await client.send(new PutBucketPolicyCommand({ Bucket: 'gd-open', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::gd-open/*' }] }) }));
  assert.equal((await findingsOfType('Policy:S3/BucketAnonymousAccessGranted'))[0].Service.Count, before);
});

test('the account-level Block Public Access turned off (S3 Control)', async () => {
  // The SDK puts the account id in front of the host name: a name, not an address, then back to the address.
  const control = new S3ControlClient(clientConfig(bulwark.endpoint.replace('127.0.0.1', 'localhost')));
  control.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { hostname: string; headers: Record<string, string> };
      request.hostname = '127.0.0.1';
      request.headers.host = `127.0.0.1:${bulwark.port}`;
      return next(args);
    },
    { step: 'build' },
  );
  await control.send(new PutAccountPublicAccessBlockCommand({ AccountId: '000000000000', PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false } }));
  assert.ok((await findingsOfType('Policy:S3/AccountBlockPublicAccessDisabled'))[0], 'AccountBlockPublicAccessDisabled');
});
