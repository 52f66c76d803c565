/**
 * Custom key stores (AWS CloudHSM key stores, external key stores) are not part of Bulwark: every
 * operation that creates or changes one is refused with a clear UnsupportedOperationException.
 * DescribeCustomKeyStores answers an empty list, as AWS does for an account without any.
 */
import type { OperationHandler } from '../types.js';
import { AwsError } from '../../core/aws-error.js';
import { customKeyStoresUnsupported } from './common.js';

const refuse =
  (operation: string): OperationHandler =>
  () => {
    throw customKeyStoresUnsupported(operation);
  };

export const connectCustomKeyStore = refuse('ConnectCustomKeyStore');
export const createCustomKeyStore = refuse('CreateCustomKeyStore');
export const deleteCustomKeyStore = refuse('DeleteCustomKeyStore');
export const disconnectCustomKeyStore = refuse('DisconnectCustomKeyStore');
export const updateCustomKeyStore = refuse('UpdateCustomKeyStore');

export const describeCustomKeyStores: OperationHandler = (_ctx, input) => {
  // Naming a store that cannot exist: AWS answers CustomKeyStoreNotFoundException.
  if (input.CustomKeyStoreId !== undefined || input.CustomKeyStoreName !== undefined) {
    // Unconfirmed wording.
    throw new AwsError('CustomKeyStoreNotFoundException', `Custom key store ${String(input.CustomKeyStoreId ?? input.CustomKeyStoreName)} does not exist.`);
  }
  return { CustomKeyStores: [], Truncated: false };
};
