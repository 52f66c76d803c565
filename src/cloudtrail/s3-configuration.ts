/**
 * What CloudTrail records of the configuration an S3 call sends in its body, as AWS writes it:
 * the XML document as JSON — element names (`Rule`, `Transition`, `AccessControlList.Grant`),
 * a repeated element as a list and a single one as an object, attributes with their namespace
 * declaration (`xsi:type`, `xmlns:xsi`), and the document's `xmlns` — beside the empty query
 * parameter naming the subresource (`lifecycle: ""`). A bucket policy is recorded as the parsed
 * document (`bucketPolicy`), the canned ACL header as a list. Element names come from the S3
 * model, so every configuration listed below is written the same way. Detectors (GuardDuty's
 * S3 findings) read them.
 */
import { loadServiceModel, type ServiceModel } from '../models/index.js';
import type { Shape, ShapeRef } from '../models/types.js';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

type Json = Record<string, unknown>;

/**
 * The operations whose configuration CloudTrail records, with the subresource parameter it
 * records as "" (none for CreateBucket, whose configuration is the bucket's own).
 */
const RECORDED_BODIES: Record<string, string | undefined> = {
  CreateBucket: undefined,
  PutBucketAcl: 'acl',
  PutObjectAcl: 'acl',
  PutPublicAccessBlock: 'publicAccessBlock',
  PutBucketLogging: 'logging',
  PutBucketLifecycleConfiguration: 'lifecycle',
  PutBucketVersioning: 'versioning',
  PutBucketEncryption: 'encryption',
  PutBucketReplication: 'replication',
};

/** Calls without a body that CloudTrail still records with their subresource parameter. */
const SUBRESOURCE_ONLY: Record<string, string> = {
  DeletePublicAccessBlock: 'publicAccessBlock',
  DeleteBucketPolicy: 'policy',
  DeleteBucketLifecycle: 'lifecycle',
  DeleteBucketEncryption: 'encryption',
  DeleteBucketReplication: 'replication',
  DeleteObjects: 'delete',
};

/** One element or, repeated, a list of them (how XML becomes JSON in CloudTrail's records). */
function oneOrMany(items: unknown[]): unknown {
  return items.length === 1 ? items[0] : items;
}

function xmlValue(model: ServiceModel, ref: ShapeRef, value: unknown): unknown {
  const shape = model.shapes[ref.shape];
  if (!shape || value === undefined || value === null) return undefined;
  if (shape.type === 'structure') return typeof value === 'object' ? xmlStructure(model, shape, value as Json) : undefined;
  if (shape.type === 'timestamp') return value instanceof Date ? value.toISOString().replace('.000Z', 'Z') : value;
  return value;
}

function xmlItems(model: ServiceModel, list: Shape, value: unknown): unknown[] {
  if (!Array.isArray(value) || !list.member) return [];
  return value.map((item) => xmlValue(model, list.member!, item)).filter((item) => item !== undefined);
}

function xmlStructure(model: ServiceModel, shape: Shape, value: Json): Json {
  const out: Json = {};
  const namespace = shape.xmlNamespace;
  if (namespace?.prefix && namespace.uri) out[`xmlns:${namespace.prefix}`] = namespace.uri;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const memberValue = value[name];
    const member = model.shapes[ref.shape];
    if (memberValue === undefined || memberValue === null || !member) continue;
    const element = ref.locationName ?? name;
    if (member.type !== 'list') {
      const converted = xmlValue(model, ref, memberValue);
      if (converted !== undefined) out[element] = converted;
      continue;
    }
    const items = xmlItems(model, member, memberValue);
    if (items.length === 0) continue;
    if (ref.flattened || member.flattened) out[element] = oneOrMany(items);
    else out[element] = { [member.member?.locationName ?? 'member']: oneOrMany(items) };
  }
  return out;
}

function policyDocument(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The call's configuration document under its element name, with the S3 namespace (nothing when the call sent none: a canned ACL). */
function addBody(model: ServiceModel, operation: string, input: Json, out: Json): void {
  const op = model.operation(operation);
  const request = op?.input ? model.shapes[op.input.shape] : undefined;
  const payload = request?.payload;
  const ref = payload ? request.members?.[payload] : undefined;
  if (!payload || !ref) return;
  // A required document the parser found empty (`<BucketLoggingStatus/>`) is still recorded.
  const body = xmlValue(model, ref, input[payload]) ?? (request.required?.includes(payload) ? {} : undefined);
  if (body !== undefined) out[ref.locationName ?? payload] = Object.assign({ xmlns: ref.xmlNamespace?.uri ?? S3_NAMESPACE }, body);
}

/** Adds the operation's recorded configuration to `out` (S3 operation names). */
export function addS3Configuration(operation: string, input: Json, out: Json): void {
  if (operation === 'PutBucketPolicy') {
    out.bucketPolicy = policyDocument(input.Policy);
    out.policy = '';
    return;
  }
  const subresource = SUBRESOURCE_ONLY[operation];
  if (subresource !== undefined) {
    out[subresource] = '';
    return;
  }
  if (!(operation in RECORDED_BODIES)) return;
  if ((operation === 'PutBucketAcl' || operation === 'PutObjectAcl' || operation === 'CreateBucket') && typeof input.ACL === 'string') out['x-amz-acl'] = [input.ACL];
  addBody(loadServiceModel('s3'), operation, input, out);
  const parameter = RECORDED_BODIES[operation];
  if (parameter !== undefined) out[parameter] = '';
}
