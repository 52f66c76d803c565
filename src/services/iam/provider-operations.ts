/**
 * Identity providers (OIDC, SAML), instance profiles and service-linked roles: the handlers of
 * oidc-providers.ts, saml-providers.ts, instance-profiles.ts and service-linked-roles.ts, for
 * IAM's operation table.
 */
import type { OperationHandler } from '../types.js';
import {
  addRoleToInstanceProfile,
  createInstanceProfile,
  deleteInstanceProfile,
  getInstanceProfile,
  instanceProfileTagTarget,
  listInstanceProfiles,
  listInstanceProfilesForRole,
  removeRoleFromInstanceProfile,
} from './instance-profiles.js';
import {
  addClientIDToOpenIDConnectProvider,
  createOpenIDConnectProvider,
  deleteOpenIDConnectProvider,
  getOpenIDConnectProvider,
  listOpenIDConnectProviders,
  oidcTagTarget,
  removeClientIDFromOpenIDConnectProvider,
  updateOpenIDConnectProviderThumbprint,
} from './oidc-providers.js';
import { createSAMLProvider, deleteSAMLProvider, getSAMLProvider, listSAMLProviders, samlTagTarget, updateSAMLProvider } from './saml-providers.js';
import { createServiceLinkedRole, deleteServiceLinkedRole, getServiceLinkedRoleDeletionStatus } from './service-linked-roles.js';
import { listResourceTags, tagResource, untagResource } from './tags.js';

export const providerAndProfileOperations: Record<string, OperationHandler> = {
  CreateOpenIDConnectProvider: createOpenIDConnectProvider,
  GetOpenIDConnectProvider: getOpenIDConnectProvider,
  ListOpenIDConnectProviders: listOpenIDConnectProviders,
  DeleteOpenIDConnectProvider: deleteOpenIDConnectProvider,
  AddClientIDToOpenIDConnectProvider: addClientIDToOpenIDConnectProvider,
  RemoveClientIDFromOpenIDConnectProvider: removeClientIDFromOpenIDConnectProvider,
  UpdateOpenIDConnectProviderThumbprint: updateOpenIDConnectProviderThumbprint,
  TagOpenIDConnectProvider: tagResource(oidcTagTarget),
  UntagOpenIDConnectProvider: untagResource(oidcTagTarget),
  ListOpenIDConnectProviderTags: listResourceTags(oidcTagTarget),

  CreateSAMLProvider: createSAMLProvider,
  GetSAMLProvider: getSAMLProvider,
  ListSAMLProviders: listSAMLProviders,
  UpdateSAMLProvider: updateSAMLProvider,
  DeleteSAMLProvider: deleteSAMLProvider,
  TagSAMLProvider: tagResource(samlTagTarget),
  UntagSAMLProvider: untagResource(samlTagTarget),
  ListSAMLProviderTags: listResourceTags(samlTagTarget),

  CreateInstanceProfile: createInstanceProfile,
  GetInstanceProfile: getInstanceProfile,
  ListInstanceProfiles: listInstanceProfiles,
  DeleteInstanceProfile: deleteInstanceProfile,
  AddRoleToInstanceProfile: addRoleToInstanceProfile,
  RemoveRoleFromInstanceProfile: removeRoleFromInstanceProfile,
  ListInstanceProfilesForRole: listInstanceProfilesForRole,
  TagInstanceProfile: tagResource(instanceProfileTagTarget),
  UntagInstanceProfile: untagResource(instanceProfileTagTarget),
  ListInstanceProfileTags: listResourceTags(instanceProfileTagTarget),

  CreateServiceLinkedRole: createServiceLinkedRole,
  DeleteServiceLinkedRole: deleteServiceLinkedRole,
  GetServiceLinkedRoleDeletionStatus: getServiceLinkedRoleDeletionStatus,
};
