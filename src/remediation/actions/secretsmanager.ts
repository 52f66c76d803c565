/**
 * Secrets Manager remediation: a secret whose value may have leaked rotated now, with the
 * rotation it is configured with (RotateSecret without new settings). A secret without a
 * rotation function cannot be rotated, and says so.
 */
import { DeliveryError } from '../../events/delivery/delivery-error.js';
import { errorName } from './common.js';
import { changed, unchanged, type RemediationAction, type SubjectOf } from '../action.js';

export const secretsManagerRotateSecret: RemediationAction<'secret'> = {
  name: 'secretsmanager-rotate-secret',
  description: 'Starts a rotation of the secret with its configured rotation function and rules (RotateSecret); a rotation already under way counts as done.',
  accepts: ['guardduty-finding', 'securityhub-findings', 'cloudtrail-call'],
  subject: 'secret',
  iamActions: ['secretsmanager:DescribeSecret', 'secretsmanager:RotateSecret'],
  async run({ secretId, region }: SubjectOf<'secret'>, ctx) {
    const { DescribeSecretCommand, RotateSecretCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const secrets = ctx.client((config) => new SecretsManagerClient(config), /^arn:aws[\w-]*:secretsmanager:([a-z0-9-]+):/.exec(secretId)?.[1] ?? region);
    const secret = await secrets.send(new DescribeSecretCommand({ SecretId: secretId }));
    if (!secret.RotationLambdaARN) {
      throw new DeliveryError('INVALID_PARAMETER', `${secret.Name ?? secretId} has no rotation function configured, so it cannot be rotated (configure one with RotateSecret first).`, false);
    }
    try {
      const out = await secrets.send(new RotateSecretCommand({ SecretId: secretId }));
      return changed(`started rotating ${secret.Name ?? secretId} (version ${out.VersionId ?? '?'})`);
    } catch (err) {
      if (errorName(err) === 'InvalidRequestException' && /previous rotation/i.test((err as Error).message)) return unchanged(`a rotation of ${secret.Name ?? secretId} is already under way`);
      throw err;
    }
  },
};
