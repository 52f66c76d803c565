/**
 * The KMS key-management operations (the control plane apart from CreateKey/DescribeKey and
 * grants), for the service's operation table.
 */
import type { OperationHandler } from '../types.js';
import { createAlias, deleteAlias, listAliases, updateAlias } from './aliases.js';
import {
  connectCustomKeyStore,
  createCustomKeyStore,
  deleteCustomKeyStore,
  describeCustomKeyStores,
  disconnectCustomKeyStore,
  updateCustomKeyStore,
} from './custom-key-stores.js';
import { deleteImportedKeyMaterial, getParametersForImport, importKeyMaterial } from './import-material.js';
import { cancelKeyDeletion, disableKey, enableKey, getKeyLastUsage, listKeys, scheduleKeyDeletion, updateKeyDescription } from './key-lifecycle.js';
import { getKeyPolicy, listKeyPolicies, putKeyPolicy } from './key-policies.js';
import { listResourceTags, tagResource, untagResource } from './key-tags.js';
import { replicateKey, updatePrimaryRegion } from './multi-region.js';
import { disableKeyRotation, enableKeyRotation, getKeyRotationStatus, listKeyRotations, rotateKeyOnDemand } from './rotation.js';

export const managementOperations: Record<string, OperationHandler> = {
  ListKeys: listKeys,
  EnableKey: enableKey,
  DisableKey: disableKey,
  UpdateKeyDescription: updateKeyDescription,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  GetKeyLastUsage: getKeyLastUsage,
  CreateAlias: createAlias,
  UpdateAlias: updateAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListResourceTags: listResourceTags,
  GetKeyPolicy: getKeyPolicy,
  PutKeyPolicy: putKeyPolicy,
  ListKeyPolicies: listKeyPolicies,
  EnableKeyRotation: enableKeyRotation,
  DisableKeyRotation: disableKeyRotation,
  GetKeyRotationStatus: getKeyRotationStatus,
  RotateKeyOnDemand: rotateKeyOnDemand,
  ListKeyRotations: listKeyRotations,
  GetParametersForImport: getParametersForImport,
  ImportKeyMaterial: importKeyMaterial,
  DeleteImportedKeyMaterial: deleteImportedKeyMaterial,
  ReplicateKey: replicateKey,
  UpdatePrimaryRegion: updatePrimaryRegion,
  ConnectCustomKeyStore: connectCustomKeyStore,
  CreateCustomKeyStore: createCustomKeyStore,
  DeleteCustomKeyStore: deleteCustomKeyStore,
  DescribeCustomKeyStores: describeCustomKeyStores,
  DisconnectCustomKeyStore: disconnectCustomKeyStore,
  UpdateCustomKeyStore: updateCustomKeyStore,
};
