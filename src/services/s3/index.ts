/**
 * Amazon S3: buckets and objects on disk (ctx.blobs) with metadata in the store, versioning,
 * multipart uploads, checksums; bucket policies, ACLs and Block Public Access enforced through
 * the policy engine; SSE-S3 and SSE-KMS encryption at rest; Object Lock.
 */
import type { OperationHandler, RequestContext, ServiceDefinition } from '../types.js';
import { s3Authorization } from './authorization.js';
import { bucketOperations } from './bucket-operations.js';
import { checkBodyDigests } from './checksums.js';
import { accessDenied, bucketForRequest, checkS3Input } from './common.js';
import { parseCopySource } from './object-copy.js';
import { objectOperations } from './object-operations.js';
import { protectionOperations } from './protection-operations.js';
import { securityOperations } from './security-operations.js';

export const s3Service: ServiceDefinition = {
  name: 's3',
  checkInput: (operation, input, raw) => {
    checkS3Input(operation, input);
    checkBodyDigests(operation, raw);
  },
  operations: checkingExpectedOwners({
    ...bucketOperations,
    ...objectOperations,
    ...securityOperations,
    ...protectionOperations,
  }),
  authorization: s3Authorization,
};

/**
 * `x-amz-expected-bucket-owner` (and `x-amz-source-expected-bucket-owner` for copies), checked
 * once for every operation: a bucket owned by another account answers 403 AccessDenied, as S3
 * does, before the operation runs.
 */
function checkingExpectedOwners(operations: Record<string, OperationHandler>): Record<string, OperationHandler> {
  const out: Record<string, OperationHandler> = {};
  for (const [name, handler] of Object.entries(operations)) {
    out[name] = async (ctx, input) => {
      await checkOwner(ctx, input.Bucket, input.ExpectedBucketOwner);
      if (typeof input.CopySource === 'string' && typeof input.ExpectedSourceBucketOwner === 'string') {
        await checkOwner(ctx, parseCopySource(input.CopySource).bucket, input.ExpectedSourceBucketOwner);
      }
      return handler(ctx, input);
    };
  }
  return out;
}

async function checkOwner(ctx: RequestContext, bucket: unknown, expected: unknown): Promise<void> {
  if (typeof expected !== 'string' || expected === '' || typeof bucket !== 'string') return;
  const found = await bucketForRequest(ctx, bucket);
  if (found && found.OwnerAccount !== expected) throw accessDenied();
}
