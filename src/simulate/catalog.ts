/** Every technique the simulator knows, in the order a full run detonates them, and choosing among them. */
import type { AnyTechnique } from './technique.js';
import { kaliLinuxUserAgent, rootCredentialUsage } from './techniques/caller-signals.js';
import { cloudTrailDelete, cloudTrailEventSelectors, cloudTrailLifecycleRule, cloudTrailStop } from './techniques/cloudtrail.js';
import { iamCreateUserLoginProfile, iamUpdateUserLoginProfile } from './techniques/iam-login-profile.js';
import { iamPasswordPolicyWeakened } from './techniques/iam-password-policy.js';
import { iamBackdoorRole, iamBackdoorUser, iamCreateAdminUser, iamCreateBackdoorRole } from './techniques/iam-persistence.js';
import { kmsKeyPolicyBackdoor, kmsScheduleKeyDeletion } from './techniques/kms.js';
import { organizationsLeave } from './techniques/organizations-leave.js';
import { s3AccessLoggingDisabled, s3BackdoorBucketPolicy, s3BlockPublicAccessDisabled } from './techniques/s3-policy.js';
import { s3RansomwareBatchDeletion, s3RansomwareClientSideEncryption, s3RansomwareIndividualDeletion } from './techniques/s3-ransomware.js';
import { secretsManagerBatchRetrieveSecrets, secretsManagerRetrieveSecrets, ssmRetrieveSecureStringParameters } from './techniques/secrets-retrieval.js';
import { stsFederationToken } from './techniques/sts-federation-token.js';
import { threatListCaller } from './techniques/threat-list-caller.js';

export const TECHNIQUES: readonly AnyTechnique[] = [
  // Stratus Red Team's techniques whose calls Bulwark serves.
  secretsManagerBatchRetrieveSecrets,
  secretsManagerRetrieveSecrets,
  ssmRetrieveSecureStringParameters,
  cloudTrailDelete,
  cloudTrailEventSelectors,
  cloudTrailLifecycleRule,
  cloudTrailStop,
  organizationsLeave,
  s3BackdoorBucketPolicy,
  s3RansomwareBatchDeletion,
  s3RansomwareClientSideEncryption,
  s3RansomwareIndividualDeletion,
  iamBackdoorRole,
  iamBackdoorUser,
  iamCreateAdminUser,
  iamCreateBackdoorRole,
  iamCreateUserLoginProfile,
  stsFederationToken,
  iamUpdateUserLoginProfile,
  // Bulwark's own.
  kmsScheduleKeyDeletion,
  kmsKeyPolicyBackdoor,
  s3BlockPublicAccessDisabled,
  s3AccessLoggingDisabled,
  iamPasswordPolicyWeakened,
  rootCredentialUsage,
  kaliLinuxUserAgent,
  threatListCaller,
];

export class UnknownTechniqueError extends Error {
  constructor(readonly ids: string[]) {
    super(`unknown technique${ids.length > 1 ? 's' : ''}: ${ids.join(', ')} (bulwark simulate --list shows them)`);
    this.name = 'UnknownTechniqueError';
  }
}

/** The named techniques in catalog order (every one when `ids` is empty); throws on an unknown id. */
export function selectTechniques(ids: readonly string[]): AnyTechnique[] {
  if (ids.length === 0) return [...TECHNIQUES];
  const known = new Set(TECHNIQUES.map((t) => t.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new UnknownTechniqueError(unknown);
  const wanted = new Set(ids);
  return TECHNIQUES.filter((t) => wanted.has(t.id));
}
