/**
 * What CloudTrail records of the configuration an S3 call sends in its body, as AWS writes it:
 * a bucket policy as the parsed document (`bucketPolicy`), Block Public Access, ACL and logging
 * settings as the XML's elements with their namespace, and the canned ACL header as a list.
 * Detectors (GuardDuty's S3 findings) read them.
 */
const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

type Json = Record<string, unknown>;

function withNamespace(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.assign({ xmlns: S3_NAMESPACE }, value as Json) : undefined;
}

function policyDocument(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Adds the operation's recorded configuration to `out` (S3 operation names). */
export function addS3Configuration(operation: string, input: Json, out: Json): void {
  switch (operation) {
    case 'PutBucketPolicy':
      out.bucketPolicy = policyDocument(input.Policy);
      out.policy = '';
      break;
    case 'PutPublicAccessBlock':
      out.PublicAccessBlockConfiguration = withNamespace(input.PublicAccessBlockConfiguration);
      out.publicAccessBlock = '';
      break;
    case 'DeletePublicAccessBlock':
      out.publicAccessBlock = '';
      break;
    case 'PutBucketAcl':
    case 'CreateBucket':
    case 'PutObjectAcl':
      if (typeof input.ACL === 'string') out['x-amz-acl'] = [input.ACL];
      if (input.AccessControlPolicy !== undefined) out.AccessControlPolicy = withNamespace(input.AccessControlPolicy);
      if (operation !== 'CreateBucket') out.acl = '';
      break;
    case 'PutBucketLogging':
      out.BucketLoggingStatus = withNamespace(input.BucketLoggingStatus) ?? { xmlns: S3_NAMESPACE };
      out.logging = '';
      break;
  }
}
