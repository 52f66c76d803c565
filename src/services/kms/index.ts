/**
 * AWS KMS: keys with real cryptography (src/services/kms/crypto/), key policies and grants
 * enforced by the IAM policy engine, key lifecycle, rotation, imported material and
 * multi-Region keys. Key material is sealed under the Bulwark master key at rest.
 */
import { invalidatingWrites } from '../shared/invalidating-writes.js';
import type { ServiceDefinition } from '../types.js';
import { kmsAuthorization } from './authorization.js';
import { dataOperations } from './data-operations.js';
import { invalidateKeyCache, READ_ONLY_OPERATIONS } from './key-cache.js';
import { sweepKeys } from './key-lifecycle.js';
import { createKey, describeKey } from './keys.js';
import { managementOperations } from './management-operations.js';

export const kmsService: ServiceDefinition = {
  name: 'kms',
  operations: invalidatingWrites(
    { CreateKey: createKey, DescribeKey: describeKey, ...dataOperations, ...managementOperations },
    (operation) => READ_ONLY_OPERATIONS.has(operation),
    invalidateKeyCache,
  ),
  authorization: kmsAuthorization,
  housekeeping: (store, now, masterKey) => sweepKeys(store, now, { masterKey }),
};

