/**
 * What CloudTrail says of an operation, whoever calls it: its event source, whether it is
 * read-only, and whether it is a management or a data event. Worked out once per operation
 * and kept (the first call of an operation waits for the IAM catalog).
 *
 * - eventSource: `<signing name>.amazonaws.com` (S3 Control calls are `s3.amazonaws.com`).
 * - readOnly: the action's access level is Read or List — except the calls AWS records as
 *   read-only although they are not reads (KMS cryptography, STS credentials).
 * - Data events: S3 object-level calls (the action's resource is an object) and object listings;
 *   everything else Bulwark serves is a management event.
 */
import { actionInfo } from '../authz/iam-catalog.js';
import { iamPrefix } from '../authz/operation-requirements.js';
import { SERVICE_HINTS } from '../authz/hints.js';
import { loadServiceModel } from '../models/index.js';

export interface EventTraits {
  eventSource: string;
  readOnly: boolean;
  category: 'Management' | 'Data';
}

/** Recorded read-only although IAM's access level says Write. */
const READ_ONLY: Record<string, ReadonlySet<string>> = {
  kms: new Set([
    'Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair',
    'GenerateDataKeyPairWithoutPlaintext', 'GenerateRandom', 'GenerateMac', 'VerifyMac', 'Sign', 'Verify', 'DeriveSharedSecret',
  ]),
  sts: new Set(['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity', 'GetSessionToken', 'GetFederationToken', 'AssumeRoot']),
};

const S3_DATA_LISTINGS = new Set(['ListObjects', 'ListObjectsV2', 'ListObjectVersions']);

const known = new Map<string, EventTraits>();
const loading = new Map<string, Promise<EventTraits>>();

/** The traits, at once when known, else a promise of them. */
export function eventTraits(service: string, operation: string): EventTraits | Promise<EventTraits> {
  const key = `${service}:${operation}`;
  const hit = known.get(key);
  if (hit) return hit;
  let pending = loading.get(key);
  if (!pending) {
    pending = load(service, operation).then((traits) => {
      known.set(key, traits);
      loading.delete(key);
      return traits;
    });
    loading.set(key, pending);
  }
  return pending;
}

async function load(service: string, operation: string): Promise<EventTraits> {
  const metadata = loadServiceModel(service).metadata;
  const info = await actionInfo(iamPrefix(service), SERVICE_HINTS[service]?.actions?.[operation] ?? operation);
  const objectLevel = service === 's3' && (S3_DATA_LISTINGS.has(operation) || info.resources.some((r) => r.type === 'object'));
  return {
    eventSource: `${metadata.signingName ?? metadata.endpointPrefix}.amazonaws.com`,
    readOnly: !info.isWrite || (READ_ONLY[service]?.has(operation) ?? false),
    category: objectLevel ? 'Data' : 'Management',
  };
}
