import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { StopLoggingCommand, CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import {
  AcceptAdministratorInvitationCommand,
  CreateDetectorCommand,
  CreateMembersCommand,
  CreateFilterCommand,
  CreateIPSetCommand,
  CreateSampleFindingsCommand,
  CreatePublishingDestinationCommand,
  CreateThreatIntelSetCommand,
  DeleteFilterCommand,
  DeletePublishingDestinationCommand,
  DeleteThreatIntelSetCommand,
  DescribePublishingDestinationCommand,
  GetFindingsCommand,
  InviteMembersCommand,
  ListFindingsCommand,
  ListInvitationsCommand,
  UpdateDetectorCommand,
  type Finding as SdkFinding,
} from '@aws-sdk/client-guardduty';
import { CreateKeyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { GetObjectCommand, ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { EventBus } from '../../src/core/event-bus.js';
import { loadMasterKey } from '../../src/crypto/master-key.js';
import { SEVERITY, type Detector } from '../../src/guardduty/detection.js';
import type { Finding } from '../../src/guardduty/finding.js';
import { recipientAccount } from '../../src/guardduty/trail-event.js';
import { startLiveDetection, type LiveDetection } from '../../src/services/guardduty/live.js';
import { BlobStore } from '../../src/store/blob-store.js';
import { clientConfig, creds } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { bucketWith, guardduty, s3 } from './guardduty-helpers.js';

/**
 * The live findings path: CloudTrail records from the event bus through the detection engine
 * (with small test detectors) to stored findings within well under a second — aggregation,
 * detectors switched off, S3 Protection, suppression rules, threat lists and trusted lists —
 * published on the findings bus, and exported to a publishing destination readable from S3.
 */
// Types of the test detectors' own, so that findings of Bulwark's built-in detectors (when the server runs them too) never mix in.
const STOP_LOGGING = 'Test:IAMUser/LoggingStopped';
const DATA_READ = 'Test:S3/ObjectRead';
const THREAT_TYPES = { custom: 'Test:IAMUser/ListedCaller.Custom', guardduty: 'Test:IAMUser/ListedCaller', tor: 'Test:IAMUser/TorCaller' } as const;

const testDetectors = (): Detector[] => [
  {
    name: 'stop-logging',
    findingTypes: [STOP_LOGGING],
    eventNames: ['StopLogging'],
    inspect: (event) => ({ type: STOP_LOGGING, severity: SEVERITY.LOW, event, title: 'Logging stopped', description: `${event.identity.arn} stopped logging.` }),
  },
  {
    name: 'object-read',
    findingTypes: [DATA_READ],
    eventNames: ['GetObject'],
    inspect: (event) => {
      const bucket = String((event.record().requestParameters as Record<string, unknown> | undefined)?.bucketName ?? '');
      return { type: DATA_READ, severity: SEVERITY.HIGH, event, title: 'Read', description: 'An object was read.', discriminator: bucket, buckets: [{ name: bucket }] };
    },
  },
  {
    name: 'listed-caller',
    findingTypes: Object.values(THREAT_TYPES),
    eventNames: ['ListBuckets'],
    inspect: (event, context) =>
      context.threatIntel.lookup(event.sourceIPAddress, recipientAccount(event), event.awsRegion).map((match) => ({
        type: THREAT_TYPES[match.kind],
        severity: SEVERITY.MEDIUM,
        event,
        title: 'Listed caller',
        description: `A call from ${event.sourceIPAddress}, on ${match.listName}.`,
        threatIntelligence: [{ ThreatListName: match.listName, ThreatNames: match.threatNames }],
      })),
  },
];

describe('GuardDuty live findings', () => {
  const keyDir = mkdtempSync(join(tmpdir(), 'bulwark-gd-'));
  const keyFile = join(keyDir, 'master.key');
  const bulwark = suiteServer(['--accept-any-key', '--master-key-file', keyFile]);
  const published: Finding[] = [];
  let live: LiveDetection;
  /** This suite's engine, and the server's own when it runs one, have stored every finding of the calls made so far. */
  const flushed = async () => {
    await live.flush();
    await (bulwark as unknown as { guardDuty?: { flush(): Promise<void> } }).guardDuty?.flush();
  };
  let blobs: BlobStore;
  let detectorId = '';
  const gd = () => guardduty(bulwark.endpoint);
  const ct = (account?: string) => new CloudTrailClient(clientConfig(bulwark.endpoint, account ? creds(account) : undefined));
  const stopLogging = (account?: string) => ct(account).send(new StopLoggingCommand({ Name: 'no-such-trail' })).catch(() => undefined);
  const findingsOfType = async (type: string, detector = detectorId, client = gd()): Promise<SdkFinding[]> => {
    const ids = (await client.send(new ListFindingsCommand({ DetectorId: detector, FindingCriteria: { Criterion: { type: { Eq: [type] } } } }))).FindingIds!;
    return ids.length === 0 ? [] : (await client.send(new GetFindingsCommand({ DetectorId: detector, FindingIds: ids }))).Findings!;
  };

  before(async () => {
    blobs = await BlobStore.open(undefined, bulwark.store);
    const findings = new EventBus<Finding>();
    findings.subscribe((f) => published.push(f));
    live = startLiveDetection({
      store: bulwark.store,
      blobs,
      masterKey: loadMasterKey({ file: keyFile, inMemory: true }),
      logger: bulwark.logger,
      events: bulwark.cloudTrail!.events,
      detectors: testDetectors(),
      findings,
      exportIntervalMs: 0,
    });
    detectorId = (await gd().send(new CreateDetectorCommand({ Enable: true }))).DetectorId!;
  });

  after(async () => {
    await live.close();
    await blobs.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  test('a detection is a stored finding well within a second of its event; repeats aggregate', async () => {
    const started = performance.now();
    await stopLogging();
    let found: SdkFinding[] = [];
    while (found.length === 0 && performance.now() - started < 2_000) {
      found = await findingsOfType(STOP_LOGGING);
      if (found.length === 0) await new Promise((r) => setTimeout(r, 10));
    }
    const elapsed = performance.now() - started;
    assert.equal(found.length, 1);
    assert.ok(elapsed < 1_000, `stored after ${elapsed.toFixed(0)} ms`);
    const first = found[0]!;
    assert.equal(first.AccountId, '000000000000');
    assert.equal(first.Service!.DetectorId, detectorId);
    assert.equal(first.Service!.Count, 1);
    assert.equal(first.Service!.Action!.AwsApiCallAction!.Api, 'StopLogging');
    assert.equal(first.Resource!.ResourceType, 'AccessKey');

    await stopLogging();
    await flushed();
    const again = await findingsOfType(STOP_LOGGING);
    assert.equal(again.length, 1);
    assert.equal(again[0]!.Id, first.Id);
    assert.equal(again[0]!.Service!.Count, 2);
    assert.deepEqual(
      published.filter((f) => f.Id === first.Id).map((f) => f.Service.Count),
      [1, 2],
    );
  });

  test('no finding where GuardDuty is not enabled or the detector is suspended', async () => {
    await stopLogging('444444444444');
    const other = guardduty(bulwark.endpoint, '555555555555');
    const suspended = (await other.send(new CreateDetectorCommand({ Enable: false }))).DetectorId!;
    await stopLogging('555555555555');
    await flushed();
    assert.equal(published.filter((f) => f.AccountId === '444444444444' || f.AccountId === '555555555555').length, 0);
    await other.send(new UpdateDetectorCommand({ DetectorId: suspended, Enable: true }));
    await stopLogging('555555555555');
    await flushed();
    assert.equal((await findingsOfType(STOP_LOGGING, suspended, other)).length, 1);
  });

  test('S3 data events make findings only with S3 Protection enabled', async () => {
    const client = s3(bulwark.endpoint);
    await bucketWith(client, 'gd-live-data', { 'secret.txt': 'x' });
    await gd().send(new UpdateDetectorCommand({ DetectorId: detectorId, Features: [{ Name: 'S3_DATA_EVENTS', Status: 'DISABLED' }] }));
    await client.send(new GetObjectCommand({ Bucket: 'gd-live-data', Key: 'secret.txt' }));
    await flushed();
    assert.equal((await findingsOfType(DATA_READ)).length, 0);
    await gd().send(new UpdateDetectorCommand({ DetectorId: detectorId, Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }] }));
    await client.send(new GetObjectCommand({ Bucket: 'gd-live-data', Key: 'secret.txt' }));
    await flushed();
    const [finding] = await findingsOfType(DATA_READ);
    assert.equal(finding!.Resource!.ResourceType, 'S3Bucket');
    assert.equal(finding!.Resource!.S3BucketDetails![0]!.Name, 'gd-live-data');
  });

  test('an ARCHIVE filter suppresses new findings as they arrive; each account\'s own rules apply', async () => {
    const other = guardduty(bulwark.endpoint, '666666666666');
    const otherDetector = (await other.send(new CreateDetectorCommand({ Enable: true }))).DetectorId!;
    await other.send(new CreateFilterCommand({ DetectorId: otherDetector, Name: 'quiet-lows', Action: 'ARCHIVE', FindingCriteria: { Criterion: { severity: { Lte: 2 } } } }));
    await gd().send(new CreateFilterCommand({ DetectorId: detectorId, Name: 'quiet-stops', Action: 'ARCHIVE', FindingCriteria: { Criterion: { type: { Eq: [STOP_LOGGING] } } } }));
    await stopLogging('666666666666');
    await stopLogging('555555555555');
    await flushed();
    assert.equal((await findingsOfType(STOP_LOGGING, otherDetector, other))[0]!.Service!.Archived, true);
    const unsuppressed = published.filter((f) => f.AccountId === '555555555555').at(-1)!;
    assert.equal(unsuppressed.Service.Archived, false, 'the default account\'s rule does not apply to another account');
    await gd().send(new DeleteFilterCommand({ DetectorId: detectorId, FilterName: 'quiet-stops' }));
  });

  test('threat lists name the caller\'s address: custom, GuardDuty\'s and Tor lists by tag; a trusted list silences every detector', async () => {
    const client = s3(bulwark.endpoint);
    await bucketWith(client, 'gd-live-lists', { 'me.txt': '127.0.0.1\n::1\n' });
    const lists: string[] = [];
    for (const [name, tag] of [['mine', undefined], ['gd-intel', 'guardduty'], ['tor-exits', 'tor']] as const) {
      const { ThreatIntelSetId } = await gd().send(
        new CreateThreatIntelSetCommand({ DetectorId: detectorId, Name: name, Format: 'TXT', Location: 's3://gd-live-lists/me.txt', Activate: true, ...(tag && { Tags: { BulwarkThreatList: tag } }) }),
      );
      lists.push(ThreatIntelSetId!);
    }
    await client.send(new ListBucketsCommand({}));
    await flushed();
    for (const [kind, type] of Object.entries(THREAT_TYPES)) {
      const [finding] = await findingsOfType(type);
      assert.ok(finding, kind);
      const listName = { custom: 'mine', guardduty: 'gd-intel', tor: 'tor-exits' }[kind];
      assert.equal(finding!.Service!.Evidence!.ThreatIntelligenceDetails![0]!.ThreatListName, listName);
    }
    for (const id of lists) await gd().send(new DeleteThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId: id }));

    await gd().send(new CreateIPSetCommand({ DetectorId: detectorId, Name: 'office', Format: 'TXT', Location: 's3://gd-live-lists/me.txt', Activate: true }));
    const before = (await findingsOfType(STOP_LOGGING))[0]!.Service!.Count!;
    await stopLogging();
    await flushed();
    assert.equal((await findingsOfType(STOP_LOGGING))[0]!.Service!.Count, before);
  });

  test('findings are exported to a publishing destination as gzipped JSON lines, SSE-KMS, readable from S3', async () => {
    const kms = new KMSClient(clientConfig(bulwark.endpoint));
    const keyArn = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const GD = { Service: 'guardduty.amazonaws.com' };
    await kms.send(
      new PutKeyPolicyCommand({
        KeyId: keyArn,
        PolicyName: 'default',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' },
            { Effect: 'Allow', Principal: GD, Action: 'kms:GenerateDataKey', Resource: '*' },
          ],
        }),
      }),
    );
    const bucket = 'gd-exports';
    await bucketWith(s3(bulwark.endpoint), bucket, {}, {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: GD, Action: 's3:GetBucketLocation', Resource: `arn:aws:s3:::${bucket}` },
        { Effect: 'Allow', Principal: GD, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/findings/*` },
      ],
    });
    await bucketWith(s3(bulwark.endpoint), 'gd-exports-closed', {});
    const closed = await gd().send(
      new CreatePublishingDestinationCommand({ DetectorId: detectorId, DestinationType: 'S3', DestinationProperties: { DestinationArn: 'arn:aws:s3:::gd-exports-closed', KmsKeyArn: keyArn } }),
    );
    const refused = await gd().send(new DescribePublishingDestinationCommand({ DetectorId: detectorId, DestinationId: closed.DestinationId }));
    assert.equal(refused.Status, 'UNABLE_TO_PUBLISH_FIX_DESTINATION_PROPERTY');
    assert.ok(refused.PublishingFailureStartTimestamp! > 0);
    await gd().send(new DeletePublishingDestinationCommand({ DetectorId: detectorId, DestinationId: closed.DestinationId }));

    const { DestinationId } = await gd().send(
      new CreatePublishingDestinationCommand({ DetectorId: detectorId, DestinationType: 'S3', DestinationProperties: { DestinationArn: `arn:aws:s3:::${bucket}/findings`, KmsKeyArn: keyArn } }),
    );
    assert.equal((await gd().send(new DescribePublishingDestinationCommand({ DetectorId: detectorId, DestinationId }))).Status, 'PUBLISHING');
    // The trusted list above silences the loopback caller: a sample makes a fresh finding.
    await gd().send(new CreateSampleFindingsCommand({ DetectorId: detectorId, FindingTypes: ['Recon:IAMUser/TorIPCaller'] }));
    assert.equal(await live.exportNow(), 1);
    assert.equal(await live.exportNow(), 0, 'nothing new, no file');

    const client = s3(bulwark.endpoint);
    const keys = (await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents!.map((o) => o.Key!);
    assert.equal(keys.length, 1);
    assert.match(keys[0]!, /^findings\/AWSLogs\/000000000000\/GuardDuty\/us-east-1\/\d{4}\/\d\d\/\d\d\/[0-9a-f-]{36}\.jsonl\.gz$/);
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keys[0] }));
    assert.equal(object.ServerSideEncryption, 'aws:kms');
    assert.equal(object.SSEKMSKeyId, keyArn);
    const lines = gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.some((l) => l.type === 'Recon:IAMUser/TorIPCaller' && l.service.detectorId === detectorId && l.accountId === '000000000000'));
    assert.ok(lines.every((l) => l.service.archived === false), 'archived findings are not exported');
  });

  test('an administrator\'s threat lists and suppression rules apply to its members\' findings, which it sees', async () => {
    const ADMIN = '777777777777';
    const MEMBER = '888888888888';
    const admin = guardduty(bulwark.endpoint, ADMIN);
    const member = guardduty(bulwark.endpoint, MEMBER);
    const adminDetector = (await admin.send(new CreateDetectorCommand({ Enable: true }))).DetectorId!;
    const memberDetector = (await member.send(new CreateDetectorCommand({ Enable: true }))).DetectorId!;
    await admin.send(new CreateMembersCommand({ DetectorId: adminDetector, AccountDetails: [{ AccountId: MEMBER, Email: 'm@example.com' }] }));
    await admin.send(new InviteMembersCommand({ DetectorId: adminDetector, AccountIds: [MEMBER] }));
    const [invitation] = (await member.send(new ListInvitationsCommand({}))).Invitations!;
    await member.send(new AcceptAdministratorInvitationCommand({ DetectorId: memberDetector, AdministratorId: ADMIN, InvitationId: invitation!.InvitationId }));

    await bucketWith(s3(bulwark.endpoint, ADMIN), 'gd-admin-lists', { 'bad.txt': '127.0.0.1\n::1\n' });
    await admin.send(new CreateThreatIntelSetCommand({ DetectorId: adminDetector, Name: 'admin-list', Format: 'TXT', Location: 's3://gd-admin-lists/bad.txt', Activate: true }));
    await admin.send(new CreateFilterCommand({ DetectorId: adminDetector, Name: 'no-stops', Action: 'ARCHIVE', FindingCriteria: { Criterion: { type: { Eq: [STOP_LOGGING] } } } }));
    await s3(bulwark.endpoint, MEMBER).send(new ListBucketsCommand({}));
    await stopLogging(MEMBER);
    await flushed();

    const [listed] = await findingsOfType(THREAT_TYPES.custom, memberDetector, member);
    assert.equal(listed!.Service!.Evidence!.ThreatIntelligenceDetails![0]!.ThreatListName, 'admin-list');
    assert.equal(listed!.AccountId, MEMBER);
    assert.equal((await findingsOfType(STOP_LOGGING, memberDetector, member))[0]!.Service!.Archived, true);
    const seen = await findingsOfType(THREAT_TYPES.custom, adminDetector, admin);
    assert.deepEqual(seen.map((f) => [f.AccountId, f.Id]), [[MEMBER, listed!.Id]]);
  });
});
