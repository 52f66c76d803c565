/** The IAM operations for virtual MFA devices and the account password policy. */
import type { OperationHandler } from '../types.js';
import { changePassword } from './change-password.js';
import {
  createVirtualMfaDevice,
  deactivateMfaDevice,
  deleteVirtualMfaDevice,
  enableMfaDevice,
  getMfaDevice,
  listMfaDevices,
  listVirtualMfaDevices,
  mfaTagTarget,
  resyncMfaDevice,
} from './mfa-devices.js';
import { deleteAccountPasswordPolicy, getAccountPasswordPolicy, updateAccountPasswordPolicy } from './password-policy.js';
import { listResourceTags, tagResource, untagResource } from './tags.js';

export const mfaAndPasswordOperations: Record<string, OperationHandler> = {
  CreateVirtualMFADevice: createVirtualMfaDevice,
  ListVirtualMFADevices: listVirtualMfaDevices,
  DeleteVirtualMFADevice: deleteVirtualMfaDevice,
  EnableMFADevice: enableMfaDevice,
  DeactivateMFADevice: deactivateMfaDevice,
  ResyncMFADevice: resyncMfaDevice,
  ListMFADevices: listMfaDevices,
  GetMFADevice: getMfaDevice,
  TagMFADevice: tagResource(mfaTagTarget),
  UntagMFADevice: untagResource(mfaTagTarget),
  ListMFADeviceTags: listResourceTags(mfaTagTarget),

  UpdateAccountPasswordPolicy: updateAccountPasswordPolicy,
  GetAccountPasswordPolicy: getAccountPasswordPolicy,
  DeleteAccountPasswordPolicy: deleteAccountPasswordPolicy,
  ChangePassword: changePassword,
};
