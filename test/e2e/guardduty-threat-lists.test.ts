import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  CreateDetectorCommand,
  CreateIPSetCommand,
  CreateThreatIntelSetCommand,
  DeleteIPSetCommand,
  DeleteThreatIntelSetCommand,
  GetIPSetCommand,
  GetThreatIntelSetCommand,
  ListIPSetsCommand,
  ListTagsForResourceCommand,
  ListThreatIntelSetsCommand,
  UpdateIPSetCommand,
  UpdateThreatIntelSetCommand,
} from '@aws-sdk/client-guardduty';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { clientConfig, rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { bucketWith, guardduty, invalidValue, NO_SUCH_RESOURCE, NOT_OWNED, s3 } from './guardduty-helpers.js';

/**
 * ThreatIntelSets and IPSets: list files in Bulwark's own S3 named by every documented Location
 * form, each format, activation (ACTIVE, or ERROR when the file cannot be read), deactivation,
 * limits, tags and errors.
 */
const BUCKET = 'gd-lists';
const FILES = {
  'threats.txt': '198.51.100.1\n203.0.113.0/24\n',
  'threats.stix': '<stix:STIX_Package><AddressObj:Address_Value>198.51.100.9</AddressObj:Address_Value></stix:STIX_Package>',
  'otx.csv': 'Indicator type,Indicator,Description\nIPv4,198.51.100.2,scanner\n',
  'alienvault.txt': '198.51.100.3#4#2#Malicious Host#US##0,0#3\n',
  'proofpoint.csv': 'ip,category,score,first_seen,last_seen,ports (|)\n198.51.100.4,1,100,2020-01-01,2020-01-02,\n',
  'fireeye.csv': 'reportId,ip,malwareFamily\nr1,198.51.100.5,Emotet\n',
  'trusted.txt': '192.0.2.10\n',
};

describe('GuardDuty threat lists and trusted IP lists', () => {
  const bulwark = suiteServer(['--cloudtrail=false']);
  const gd = () => guardduty(bulwark.endpoint);
  let detectorId = '';

  before(async () => {
    detectorId = (await gd().send(new CreateDetectorCommand({ Enable: true }))).DetectorId!;
    await bucketWith(s3(bulwark.endpoint), BUCKET, FILES);
  });

  test('every format and Location form activates; the set is ACTIVE and listed', async () => {
    const locations: Array<[string, string]> = [
      ['TXT', `https://s3.amazonaws.com/${BUCKET}/threats.txt`],
      ['STIX', `https://${BUCKET}.s3.amazonaws.com/threats.stix`],
      ['OTX_CSV', `s3://${BUCKET}/otx.csv`],
      ['ALIEN_VAULT', `https://s3-us-east-1.amazonaws.com/${BUCKET}/alienvault.txt`],
      ['PROOF_POINT', `http://${BUCKET}.s3-us-east-1.amazonaws.com/proofpoint.csv`],
      ['FIRE_EYE', `https://${BUCKET}.s3.us-east-1.amazonaws.com/fireeye.csv`],
    ];
    const created: string[] = [];
    for (const [format, location] of locations) {
      const { ThreatIntelSetId } = await gd().send(
        new CreateThreatIntelSetCommand({ DetectorId: detectorId, Name: `list-${format}`, Format: format as never, Location: location, Activate: true, Tags: { BulwarkThreatList: 'guardduty' } }),
      );
      assert.match(ThreatIntelSetId!, /^[0-9a-f]{32}$/);
      const got = await gd().send(new GetThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId }));
      assert.deepEqual([got.Name, got.Format, got.Location, got.Status], [`list-${format}`, format, location, 'ACTIVE']);
      assert.deepEqual(got.Tags, { BulwarkThreatList: 'guardduty' });
      created.push(ThreatIntelSetId!);
    }
    assert.deepEqual((await gd().send(new ListThreatIntelSetsCommand({ DetectorId: detectorId }))).ThreatIntelSetIds!.sort(), [...created].sort());
    // Six per account and Region.
    await rejectsWith(
      gd().send(new CreateThreatIntelSetCommand({ DetectorId: detectorId, Name: 'seventh', Format: 'TXT', Location: `s3://${BUCKET}/threats.txt`, Activate: false })),
      'BadRequestException',
      400,
    );
    for (const id of created) await gd().send(new DeleteThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId: id }));
    await rejectsWith(gd().send(new GetThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId: created[0] })), 'BadRequestException', 400, NO_SUCH_RESOURCE);
  });

  test('a file that cannot be read makes the set ERROR; fixing it and activating again makes it ACTIVE', async () => {
    const location = `s3://${BUCKET}/later.txt`;
    const { ThreatIntelSetId } = await gd().send(new CreateThreatIntelSetCommand({ DetectorId: detectorId, Name: 'later', Format: 'TXT', Location: location, Activate: true }));
    assert.equal((await gd().send(new GetThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId }))).Status, 'ERROR');
    await s3(bulwark.endpoint).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'later.txt', Body: '198.51.100.77\n' }));
    await gd().send(new UpdateThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId, Activate: true, Name: 'later-renamed' }));
    let got = await gd().send(new GetThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId }));
    assert.deepEqual([got.Name, got.Status], ['later-renamed', 'ACTIVE']);
    await gd().send(new UpdateThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId, Activate: false }));
    got = await gd().send(new GetThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId }));
    assert.equal(got.Status, 'INACTIVE');
    // A bucket that does not exist, an owner that does not match.
    await gd().send(new UpdateThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId, Location: 's3://no-such-bucket-here/x.txt', Activate: true }));
    assert.equal((await gd().send(new GetThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId }))).Status, 'ERROR');
    await gd().send(new UpdateThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId, Location: location, ExpectedBucketOwner: '999999999999', Activate: true }));
    assert.equal((await gd().send(new GetThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId }))).Status, 'ERROR');
    await gd().send(new DeleteThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId }));
  });

  test('an SSE-KMS encrypted list file is read with its key', async () => {
    const kms = new KMSClient(clientConfig(bulwark.endpoint));
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    await s3(bulwark.endpoint).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'kms.txt', Body: '198.51.100.88\n', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key }));
    const { ThreatIntelSetId } = await gd().send(new CreateThreatIntelSetCommand({ DetectorId: detectorId, Name: 'kms', Format: 'TXT', Location: `s3://${BUCKET}/kms.txt`, Activate: true }));
    assert.equal((await gd().send(new GetThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId }))).Status, 'ACTIVE');
    await gd().send(new DeleteThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId }));
  });

  test('IPSets: one trusted list per account and Region; update, tags, delete', async () => {
    const { IpSetId } = await gd().send(new CreateIPSetCommand({ DetectorId: detectorId, Name: 'office', Format: 'TXT', Location: `s3://${BUCKET}/trusted.txt`, Activate: true, Tags: { site: 'hq' } }));
    let got = await gd().send(new GetIPSetCommand({ DetectorId: detectorId, IpSetId }));
    assert.deepEqual([got.Name, got.Format, got.Status], ['office', 'TXT', 'ACTIVE']);
    assert.deepEqual((await gd().send(new ListIPSetsCommand({ DetectorId: detectorId }))).IpSetIds, [IpSetId]);
    const arn = `arn:aws:guardduty:us-east-1:000000000000:detector/${detectorId}/ipset/${IpSetId}`;
    assert.deepEqual((await gd().send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { site: 'hq' });
    await rejectsWith(
      gd().send(new CreateIPSetCommand({ DetectorId: detectorId, Name: 'second', Format: 'TXT', Location: `s3://${BUCKET}/trusted.txt`, Activate: true })),
      'BadRequestException',
      400,
    );
    await gd().send(new UpdateIPSetCommand({ DetectorId: detectorId, IpSetId, Name: 'office 2', Activate: false }));
    got = await gd().send(new GetIPSetCommand({ DetectorId: detectorId, IpSetId }));
    assert.deepEqual([got.Name, got.Status], ['office 2', 'INACTIVE']);
    await gd().send(new DeleteIPSetCommand({ DetectorId: detectorId, IpSetId }));
    await rejectsWith(gd().send(new GetIPSetCommand({ DetectorId: detectorId, IpSetId })), 'BadRequestException', 400, NO_SUCH_RESOURCE);
    await rejectsWith(gd().send(new DeleteIPSetCommand({ DetectorId: detectorId, IpSetId })), 'BadRequestException', 400, NO_SUCH_RESOURCE);
  });

  test('bad locations, names, formats and detectors get AWS\'s errors', async () => {
    const create = (input: Record<string, unknown>) =>
      gd().send(new CreateThreatIntelSetCommand({ DetectorId: detectorId, Name: 'x', Format: 'TXT', Location: `s3://${BUCKET}/threats.txt`, Activate: true, ...input }));
    for (const location of ['ftp://bucket/key', 'https://example.com/bucket/key', `s3://${BUCKET}`, 'not a url', `https://s3.amazonaws.com/${BUCKET}`]) {
      await rejectsWith(create({ Location: location }), 'BadRequestException', 400, invalidValue('location'));
    }
    await rejectsWith(create({ Name: 'bad/name' }), 'BadRequestException', 400, invalidValue('name'));
    await rejectsWith(create({ Format: 'PDF' }), 'BadRequestException', 400, invalidValue('format'));
    await rejectsWith(create({ DetectorId: 'a'.repeat(32) }), 'BadRequestException', 400, NOT_OWNED);
    await rejectsWith(gd().send(new GetThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId: 'nothing' })), 'BadRequestException', 400, NO_SUCH_RESOURCE);
  });
});
