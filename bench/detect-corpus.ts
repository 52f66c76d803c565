/**
 * A replay corpus for `bulwark detect`: everyday calls recorded as Bulwark's recorder writes
 * them (200 users reading secrets and parameters, encrypting, reading objects, listing, each
 * with its own habits), with the real CloudTrail records of the Stratus Red Team detonations
 * (../shared/data/stratus/detonation-logs, keys in the order AWS delivers them) mixed in at
 * `attackShare` (1.0: nothing but attacks), all varied in principal, source address and time
 * until the corpus holds the events asked for; written as AWS's compact `{"Records":[…]}`
 * files (gzipped, like a trail's, or plain) or as JSON lines.
 */
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Principal } from '../src/accounts/principal.js';
import { eventTraits } from '../src/cloudtrail/event-traits.js';
import { recordLines, type CallFacts } from '../src/cloudtrail/record.js';
import { loadServiceModel } from '../src/models/index.js';

export const STRATUS_LOGS = new URL('../../../shared/data/stratus/detonation-logs/', import.meta.url);

/** CloudTrail's top-level key order (fields absent from a record are skipped). */
const RECORD_ORDER = [
  'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent',
  'errorCode', 'errorMessage', 'requestParameters', 'responseElements', 'additionalEventData', 'requestID', 'eventID',
  'readOnly', 'resources', 'eventType', 'apiVersion', 'managementEvent', 'recipientAccountId', 'sharedEventID',
  'vpcEndpointId', 'eventCategory', 'tlsDetails', 'sessionCredentialFromConsole',
];
const IDENTITY_ORDER = ['type', 'principalId', 'arn', 'accountId', 'accessKeyId', 'userName', 'sessionContext', 'invokedBy'];

type Json = Record<string, unknown>;

function ordered(object: Json, order: string[]): Json {
  const out: Json = {};
  for (const key of order) if (key in object) out[key] = object[key];
  for (const key of Object.keys(object)) if (!(key in out)) out[key] = object[key];
  return out;
}

/** A record with AWS's key order (userIdentity's too). */
export function inAwsOrder(record: Json): Json {
  const out = ordered(record, RECORD_ORDER);
  if (out.userIdentity && typeof out.userIdentity === 'object') out.userIdentity = ordered(out.userIdentity as Json, IDENTITY_ORDER);
  return out;
}

/** The Stratus records, each file's as a list, keys as the file has them. */
export function stratusRecords(): Map<string, Json[]> {
  const out = new Map<string, Json[]>();
  for (const name of readdirSync(STRATUS_LOGS).filter((n) => n.endsWith('.json')).sort()) {
    const parsed = JSON.parse(readFileSync(new URL(name, STRATUS_LOGS), 'utf8')) as Json[] | { Records: Json[] };
    out.set(name.replace(/\.json$/, ''), Array.isArray(parsed) ? parsed : parsed.Records);
  }
  return out;
}

/** Distinct userIdentity objects of the templates, numbered: an access key belongs to one identity. */
const identityNumbers = new Map<string, number>();

function identityNumber(identity: Json): number {
  const text = JSON.stringify(identity);
  let number = identityNumbers.get(text);
  if (number === undefined) identityNumbers.set(text, (number = identityNumbers.size));
  return number;
}

/** The n-th variant of a record: another principal (of 500), source address (of 2,000) and time. */
function variant(template: Json, n: number, baseTime: number): string {
  const identity = template.userIdentity as Json | undefined;
  const user = n % 500;
  const copy: Json = Object.assign({}, template, {
    eventTime: new Date(baseTime + n * 50).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sourceIPAddress: `10.${(n >> 8) & 7}.${n & 255}.${(n % 2000) & 255}`,
    eventID: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
  });
  if (identity) {
    copy.userIdentity = Object.assign({}, identity, {
      principalId: `AIDABENCHUSER${String(user).padStart(7, '0')}`,
      arn: typeof identity.arn === 'string' ? identity.arn.replace(/[^/:]+$/, `bench-user-${user}`) : identity.arn,
      accessKeyId: `${String(identity.accessKeyId ?? 'AKIA').slice(0, 4)}BENCH${String(identityNumber(identity)).padStart(4, '0')}${String(user).padStart(7, '0')}`,
    });
  }
  return JSON.stringify(copy);
}

/** Everyday calls: [service, operation, input]; read-mostly, as real accounts are. */
const EVERYDAY: Array<[string, string, Record<string, unknown>]> = [
  ['sts', 'GetCallerIdentity', {}],
  ['kms', 'Decrypt', {}],
  ['kms', 'Encrypt', { KeyId: 'alias/app' }],
  ['kms', 'GenerateDataKey', { KeyId: 'alias/app', KeySpec: 'AES_256' }],
  ['s3', 'GetObject', { Bucket: 'app-data', Key: 'reports/today.csv' }],
  ['s3', 'PutObject', { Bucket: 'app-data', Key: 'uploads/file.bin' }],
  ['s3', 'ListObjectsV2', { Bucket: 'app-data' }],
  ['secretsmanager', 'GetSecretValue', { SecretId: 'app/db' }],
  ['ssm', 'GetParameter', { Name: '/app/config', WithDecryption: true }],
  ['iam', 'GetUser', {}],
  ['iam', 'ListRoles', {}],
  ['sts', 'AssumeRole', { RoleArn: 'arn:aws:iam::111122223333:role/app', RoleSessionName: 'app' }],
  ['kms', 'DescribeKey', { KeyId: 'alias/app' }],
  ['cloudtrail', 'DescribeTrails', {}],
];

interface Everyday {
  facts: Omit<CallFacts, 'principal' | 'receivedAt' | 'requestId' | 'sourceIp'>;
}

async function everydayCalls(): Promise<Everyday[]> {
  return Promise.all(
    EVERYDAY.map(async ([service, name, input]) => {
      const model = loadServiceModel(service);
      return { facts: { region: 'us-east-1', userAgent: 'aws-sdk-js/3.700.0 ua/2.1 os/linux lang/js md/nodejs#20', model, op: model.operation(name)!, traits: await eventTraits(service, name), input } };
    }),
  );
}

const USERS: Principal[] = Array.from({ length: 200 }, (_, i) => ({
  type: 'IAMUser',
  account: '111122223333',
  arn: `arn:aws:iam::111122223333:user/app-${i}`,
  userId: `AIDA${String(i).padStart(16, '0')}`,
  accessKeyId: `AKIA${String(i).padStart(16, '0')}`,
}));

/** The n-th everyday record: user n % 200 calls one of the four operations it habitually calls. */
function everyday(calls: Everyday[], n: number, baseTime: number): string {
  const user = n % USERS.length;
  const call = calls[(user + (n >> 3) % 4) % calls.length];
  return recordLines(Object.assign({ principal: USERS[user], receivedAt: new Date(baseTime + n * 50), requestId: `req-${n}`, sourceIp: `10.0.${user}.1` }, call.facts))[0];
}

export interface CorpusOptions {
  events: number;
  /** The share of attack records (default 0.01). */
  attackShare?: number;
  layout: 'jsonl' | 'records-gz' | 'records';
  /** Records per `{"Records":[…]}` file (AWS delivers a few hundred per file). */
  recordsPerFile?: number;
}

/** Writes the corpus under `dir`; resolves to the files' total size in bytes. */
export async function writeCorpus(dir: string, options: CorpusOptions): Promise<number> {
  const templates = [...stratusRecords().values()].flat().map(inAwsOrder);
  const baseTime = Date.parse('2026-01-01T00:00:00Z');
  const calls = await everydayCalls();
  const every = Math.round(1 / (options.attackShare ?? 0.01));
  let attacks = 0;
  const next = (n: number) => (n % every === 0 ? variant(templates[attacks++ % templates.length], n, baseTime) : everyday(calls, n, baseTime));
  let bytes = 0;
  if (options.layout === 'jsonl') {
    const out = createWriteStream(join(dir, 'events.jsonl'));
    let batch: string[] = [];
    for (let n = 0; n < options.events; n++) {
      batch.push(next(n));
      if (batch.length === 10_000 || n === options.events - 1) {
        const text = batch.join('\n') + '\n';
        bytes += Buffer.byteLength(text);
        if (!out.write(text)) await once(out, 'drain');
        batch = [];
      }
    }
    out.end();
    await once(out, 'finish');
    return bytes;
  }
  const perFile = options.recordsPerFile ?? 500;
  const { writeFile } = await import('node:fs/promises');
  for (let file = 0, n = 0; n < options.events; file++) {
    const records: string[] = [];
    for (; records.length < perFile && n < options.events; n++) records.push(next(n));
    const text = Buffer.from(`{"Records":[${records.join(',')}]}`);
    const body = options.layout === 'records-gz' ? gzipSync(text) : text;
    bytes += body.length;
    await writeFile(join(dir, `part-${String(file).padStart(6, '0')}.json${options.layout === 'records-gz' ? '.gz' : ''}`), body);
  }
  return bytes;
}
