/**
 * AWS KMS: keys with real cryptography (src/services/kms/crypto/), key policies and grants
 * enforced by the IAM policy engine, key lifecycle, rotation, imported material and
 * multi-Region keys. Key material is sealed under the Bulwark master key at rest.
 */
import type { OperationHandler, ServiceDefinition } from '../types.js';
import { kmsAuthorization } from './authorization.js';
import { dataOperations } from './data-operations.js';
import { invalidateKeyCache, READ_ONLY_OPERATIONS } from './key-cache.js';
import { sweepKeys } from './key-lifecycle.js';
import { createKey, describeKey } from './keys.js';
import { managementOperations } from './management-operations.js';

export const kmsService: ServiceDefinition = {
  name: 'kms',
  operations: invalidatingWrites({
    CreateKey: createKey,
    DescribeKey: describeKey,
    ...dataOperations,
    ...managementOperations,
  }),
  authorization: kmsAuthorization,
  housekeeping: (store, now, masterKey) => sweepKeys(store, now, { masterKey }),
};

/** Each operation that may change keys, aliases or grants empties the key cache once it ran. */
function invalidatingWrites(operations: Record<string, OperationHandler>): Record<string, OperationHandler> {
  const out: Record<string, OperationHandler> = {};
  for (const [name, handler] of Object.entries(operations)) {
    out[name] = READ_ONLY_OPERATIONS.has(name)
      ? handler
      : async (ctx, input) => {
          try {
            return await handler(ctx, input);
          } finally {
            invalidateKeyCache();
          }
        };
  }
  return out;
}
