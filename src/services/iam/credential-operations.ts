/** The IAM operations for SSH public keys, signing and server certificates and service-specific credentials. */
import type { OperationHandler } from '../types.js';
import {
  deleteServerCertificate,
  getServerCertificate,
  listServerCertificates,
  serverCertTagTarget,
  updateServerCertificate,
  uploadServerCertificate,
} from './server-certificates.js';
import {
  createServiceSpecificCredential,
  deleteServiceSpecificCredential,
  listServiceSpecificCredentials,
  resetServiceSpecificCredential,
  updateServiceSpecificCredential,
} from './service-credentials.js';
import { deleteSigningCertificate, listSigningCertificates, updateSigningCertificate, uploadSigningCertificate } from './signing-certificates.js';
import { deleteSshPublicKey, getSshPublicKey, listSshPublicKeys, updateSshPublicKey, uploadSshPublicKey } from './ssh-public-keys.js';
import { listResourceTags, tagResource, untagResource } from './tags.js';

export const credentialOperations: Record<string, OperationHandler> = {
  UploadSSHPublicKey: uploadSshPublicKey,
  GetSSHPublicKey: getSshPublicKey,
  ListSSHPublicKeys: listSshPublicKeys,
  UpdateSSHPublicKey: updateSshPublicKey,
  DeleteSSHPublicKey: deleteSshPublicKey,

  UploadSigningCertificate: uploadSigningCertificate,
  ListSigningCertificates: listSigningCertificates,
  UpdateSigningCertificate: updateSigningCertificate,
  DeleteSigningCertificate: deleteSigningCertificate,

  UploadServerCertificate: uploadServerCertificate,
  GetServerCertificate: getServerCertificate,
  ListServerCertificates: listServerCertificates,
  UpdateServerCertificate: updateServerCertificate,
  DeleteServerCertificate: deleteServerCertificate,
  TagServerCertificate: tagResource(serverCertTagTarget),
  UntagServerCertificate: untagResource(serverCertTagTarget),
  ListServerCertificateTags: listResourceTags(serverCertTagTarget),

  CreateServiceSpecificCredential: createServiceSpecificCredential,
  ListServiceSpecificCredentials: listServiceSpecificCredentials,
  UpdateServiceSpecificCredential: updateServiceSpecificCredential,
  ResetServiceSpecificCredential: resetServiceSpecificCredential,
  DeleteServiceSpecificCredential: deleteServiceSpecificCredential,
};
