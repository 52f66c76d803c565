/**
 * AWS KMS: keys with real cryptography (src/services/kms/crypto/), key policies and grants
 * enforced by the IAM policy engine, key lifecycle, rotation, imported material and
 * multi-Region keys. Key material is sealed under the Bulwark master key at rest.
 */
import type { ServiceDefinition } from '../types.js';
import { kmsAuthorization } from './authorization.js';
import { dataOperations } from './data-operations.js';
import { sweepKeys } from './key-lifecycle.js';
import { createKey, describeKey } from './keys.js';
import { managementOperations } from './management-operations.js';

export const kmsService: ServiceDefinition = {
  name: 'kms',
  operations: {
    CreateKey: createKey,
    DescribeKey: describeKey,
    ...dataOperations,
    ...managementOperations,
  },
  authorization: kmsAuthorization,
  housekeeping: (store, now, masterKey) => sweepKeys(store, now, { masterKey }),
};
