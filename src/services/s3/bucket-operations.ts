/**
 * The bucket operations of S3: the bucket itself (buckets.ts), its configurations with meaning
 * to Bulwark (bucket-config.ts) and those kept as put (bucket-stored-configs.ts).
 */
import type { OperationHandler } from '../types.js';
import { bucketConfigOperations } from './bucket-config.js';
import { storedConfigOperations } from './bucket-stored-configs.js';
import { bucketLifecycleOperations } from './buckets.js';

export const bucketOperations: Record<string, OperationHandler> = {
  ...bucketLifecycleOperations,
  ...bucketConfigOperations,
  ...storedConfigOperations,
};
