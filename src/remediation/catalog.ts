/**
 * The catalog: every remediation action by name. Adding one is adding its definition here
 * (actions/<service>.ts); the maintained role's policy, the docs check and the runner read it.
 */
import type { RemediationAction } from './action.js';
import { cloudTrailStartLogging } from './actions/cloudtrail.js';
import { iamDeactivateAccessKey, iamQuarantinePrincipal } from './actions/iam.js';
import { kmsCancelKeyDeletion } from './actions/kms.js';
import { s3BlockPublicAccess, s3RemovePublicPolicyStatements } from './actions/s3.js';
import { secretsManagerRotateSecret } from './actions/secretsmanager.js';
import { securityHubResolveFinding } from './actions/securityhub.js';

const ACTIONS = [
  s3BlockPublicAccess,
  s3RemovePublicPolicyStatements,
  iamDeactivateAccessKey,
  iamQuarantinePrincipal,
  cloudTrailStartLogging,
  kmsCancelKeyDeletion,
  secretsManagerRotateSecret,
  securityHubResolveFinding,
];

// Each action takes only its own kind of subject; the runner hands it only those (index.ts).
export const CATALOG: ReadonlyMap<string, RemediationAction> = new Map(ACTIONS.map((action) => [action.name, action as RemediationAction]));
