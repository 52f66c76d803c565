/**
 * One answered call → its CloudTrail record(s) as JSON lines, in the schema of AWS's records
 * (eventVersion 1.11): who (userIdentity), what (eventSource, eventName, requestParameters,
 * responseElements, resources), where from (sourceIPAddress, userAgent), the outcome
 * (errorCode, errorMessage) and the classification (readOnly, eventType, managementEvent,
 * eventCategory). tlsDetails is left out: Bulwark serves plain HTTP. A call on a resource of another account yields two records
 * sharing a sharedEventID: the caller's account sees the caller, the owner's sees the account.
 *
 * What AWS leaves out stays out: secret and binary members (parameters.ts), requestParameters
 * of calls refused for lack of permission, responseElements of read-only calls (STS's
 * credentials aside, as AWS records them without the secret key).
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../accounts/principal.js';
import type { AwsError } from '../core/aws-error.js';
import type { OperationModel, ServiceModel } from '../models/index.js';
import type { EventTraits } from './event-traits.js';
import { accountIdentity, isoSeconds, userIdentity } from './identity.js';
import { recordStructure } from './parameters.js';
import { addS3Configuration } from './s3-configuration.js';

export const EVENT_VERSION = '1.11';

/** A record as subscribers of the event bus receive it (parsed from its line). */
export type CloudTrailRecord = Record<string, unknown> & {
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  eventID: string;
  readOnly: boolean;
  recipientAccountId: string;
  eventCategory: string;
  managementEvent: boolean;
};

/** What the pipeline knows of an answered call. */
export interface CallFacts {
  requestId: string;
  principal: Principal;
  region: string;
  sourceIp: string;
  userAgent: string;
  receivedAt: Date;
  model: ServiceModel;
  op: OperationModel;
  traits: EventTraits;
  input?: Record<string, unknown>;
  output?: Record<string, unknown>;
  error?: AwsError;
  /** The Host header (S3 records it). */
  host?: string;
  /** ARNs of the resources the call acted on (from authorization). */
  resources?: readonly string[];
  /** The resources' owner where their ARNs do not name it (S3 buckets). */
  resourceAccount?: string;
  /** The service that made this call on the caller's behalf (`s3.amazonaws.com`). */
  invokedBy?: string;
}

const ISSUES_CREDENTIALS = new Set(['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity', 'GetSessionToken', 'GetFederationToken']);

/**
 * The call's records as JSON lines (what the journal stores and trails deliver), written
 * directly as text in AWS's key order: a record is built on every call, and an object tree
 * serialized afterwards cost several times more (allocation, garbage collection).
 */
export function recordLines(call: CallFacts): string[] {
  const resources = trailResources(call.resources, call.resourceAccount);
  const anonymous = call.principal.type === 'Anonymous';
  const owner = anonymous ? undefined : resources.find((r) => r.accountId !== undefined && r.accountId !== call.principal.account)?.accountId;
  const recipient = anonymous ? (ownerOf(resources) ?? call.resourceAccount ?? '') : call.principal.account;
  if (recipient === '') return []; // an anonymous call on nobody's resource
  const body = recordBody(call);
  const shared = owner ? randomUUID() : undefined;
  const tail = (account: string) =>
    `","readOnly":${call.traits.readOnly}${resources.length > 0 ? `,"resources":${JSON.stringify(resources)}` : ''},"eventType":"AwsApiCall",` +
    `"managementEvent":${call.traits.category === 'Management'},"recipientAccountId":"${account}"` +
    `${shared ? `,"sharedEventID":"${shared}"` : ''},"eventCategory":"${call.traits.category}"}`;
  const identity = call.invokedBy ? JSON.stringify({ ...userIdentity(call.principal), invokedBy: call.invokedBy }) : identityJson(call.principal);
  const lines = [`{"eventVersion":"${EVENT_VERSION}","userIdentity":${identity}${body}${randomUUID()}${tail(recipient)}`];
  if (owner) lines.push(`{"eventVersion":"${EVENT_VERSION}","userIdentity":${JSON.stringify(accountIdentity(call.principal))}${body}${randomUUID()}${tail(owner)}`);
  return lines;
}

/** From eventTime to the opening quote of eventID. */
function recordBody(call: CallFacts): string {
  const { model, op, error, traits } = call;
  const denied = error !== undefined && /AccessDenied/.test(error.code);
  const keepsResponse = !error && (!traits.readOnly || (model.name === 'sts' && ISSUES_CREDENTIALS.has(op.name)));
  return (
    `,"eventTime":"${eventTime(call.receivedAt)}","eventSource":"${traits.eventSource}","eventName":"${eventName(model.name, op.name)}",` +
    `"awsRegion":${JSON.stringify(call.region)},"sourceIPAddress":${JSON.stringify(call.sourceIp)},"userAgent":${JSON.stringify(call.userAgent)}` +
    `${error ? `,"errorCode":${JSON.stringify(error.code)},"errorMessage":${JSON.stringify(error.message)}` : ''}` +
    `,"requestParameters":${denied ? 'null' : JSON.stringify(requestParameters(call))}` +
    `,"responseElements":${keepsResponse ? JSON.stringify(recordStructure(model, op.output, call.output)) : 'null'}` +
    `,"requestID":${JSON.stringify(call.requestId)},"eventID":"`
  );
}

/** The same principal object signs many calls: its userIdentity text is made once. */
const identities = new WeakMap<Principal, string>();

function identityJson(principal: Principal): string {
  let text = identities.get(principal);
  if (text === undefined) {
    text = JSON.stringify(userIdentity(principal));
    identities.set(principal, text);
  }
  return text;
}

let lastSecond = -1;
let lastTime = '';

function eventTime(at: Date): string {
  const second = Math.floor(at.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastTime = isoSeconds(at);
  }
  return lastTime;
}

/** The S3 operations CloudTrail records under their older names. */
const S3_EVENT_NAMES: Record<string, string> = {
  ListObjectsV2: 'ListObjects',
  PutPublicAccessBlock: 'PutBucketPublicAccessBlock',
  GetPublicAccessBlock: 'GetBucketPublicAccessBlock',
  DeletePublicAccessBlock: 'DeleteBucketPublicAccessBlock',
  PutBucketLifecycleConfiguration: 'PutBucketLifecycle',
  GetBucketLifecycleConfiguration: 'GetBucketLifecycle',
};

function eventName(service: string, operation: string): string {
  return (service === 's3' && S3_EVENT_NAMES[operation]) || operation;
}

function requestParameters(call: CallFacts): Record<string, unknown> | null {
  if (call.model.name !== 's3') return recordStructure(call.model, call.op.input, call.input);
  // S3 records the bucket, the key and the Host header, and the query parameters that matter.
  const input = call.input ?? {};
  const out: Record<string, unknown> = {};
  if (input.Bucket !== undefined) out.bucketName = input.Bucket;
  if (call.host) out.Host = call.host;
  if (input.Key !== undefined) out.key = input.Key;
  for (const [member, name] of S3_QUERY_MEMBERS) if (input[member] !== undefined) out[name] = input[member];
  addS3Configuration(call.op.name, input, out);
  return Object.keys(out).length > 0 ? out : null;
}

const S3_QUERY_MEMBERS: [string, string][] = [
  ['VersionId', 'versionId'],
  ['UploadId', 'uploadId'],
  ['PartNumber', 'partNumber'],
  ['Prefix', 'prefix'],
  ['Delimiter', 'delimiter'],
  ['MaxKeys', 'max-keys'],
];

const RESOURCE_TYPES: [RegExp, string][] = [
  [/^arn:aws[a-z-]*:kms:[^:]*:(\d{12}):key\//, 'AWS::KMS::Key'],
  [/^arn:aws[a-z-]*:iam::(\d{12}):role\//, 'AWS::IAM::Role'],
  [/^arn:aws[a-z-]*:s3:::[^/]+\/./, 'AWS::S3::Object'],
  [/^arn:aws[a-z-]*:s3:::[^/]+$/, 'AWS::S3::Bucket'],
];

/** The resources element: the keys, roles, buckets and objects a call used. */
interface TrailResource {
  accountId?: string;
  type: string;
  ARN: string;
}

function trailResources(arns: readonly string[] | undefined, owner: string | undefined): TrailResource[] {
  const out: TrailResource[] = [];
  for (const arn of arns ?? []) {
    for (const [pattern, type] of RESOURCE_TYPES) {
      const m = pattern.exec(arn);
      if (!m) continue;
      const account = m[1] ?? (type === 'AWS::S3::Bucket' ? owner : undefined);
      out.push(account ? { accountId: account, type, ARN: arn } : { type, ARN: arn });
      if (type === 'AWS::S3::Object' && owner) {
        // S3 data events name the bucket too, with its owner.
        const bucket = arn.slice(0, arn.indexOf('/'));
        if (!arns!.includes(bucket)) out.push({ accountId: owner, type: 'AWS::S3::Bucket', ARN: bucket });
      }
      break;
    }
  }
  return out;
}

function ownerOf(resources: TrailResource[]): string | undefined {
  return resources.find((r) => r.accountId !== undefined)?.accountId;
}
