/**
 * Amazon S3: buckets and objects on disk (ctx.blobs) with metadata in the store, versioning,
 * multipart uploads, checksums; bucket policies, ACLs and Block Public Access enforced through
 * the policy engine; SSE-S3 and SSE-KMS encryption at rest; Object Lock.
 */
import type { ServiceDefinition } from '../types.js';
import { s3Authorization } from './authorization.js';
import { bucketOperations } from './bucket-operations.js';
import { checkS3Input } from './common.js';
import { objectOperations } from './object-operations.js';
import { protectionOperations } from './protection-operations.js';
import { securityOperations } from './security-operations.js';

export const s3Service: ServiceDefinition = {
  name: 's3',
  checkInput: checkS3Input,
  operations: {
    ...bucketOperations,
    ...objectOperations,
    ...securityOperations,
    ...protectionOperations,
  },
  authorization: s3Authorization,
};
