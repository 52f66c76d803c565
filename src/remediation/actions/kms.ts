/**
 * KMS remediation: a key scheduled for deletion kept. CancelKeyDeletion leaves the key
 * Disabled, as AWS does; the action then enables it (EnableKey), since a key someone
 * scheduled for deletion was in use until then.
 */
import { changed, unchanged, type RemediationAction, type SubjectOf } from '../action.js';

export const kmsCancelKeyDeletion: RemediationAction<'kms-key'> = {
  name: 'kms-cancel-key-deletion',
  description: 'Cancels the scheduled deletion of the key (CancelKeyDeletion) and enables it again (EnableKey), when it is PendingDeletion.',
  accepts: ['guardduty-finding', 'securityhub-findings', 'cloudtrail-call'],
  subject: 'kms-key',
  iamActions: ['kms:DescribeKey', 'kms:CancelKeyDeletion', 'kms:EnableKey'],
  async run({ keyId, region }: SubjectOf<'kms-key'>, ctx) {
    const { CancelKeyDeletionCommand, DescribeKeyCommand, EnableKeyCommand, KMSClient } = await import('@aws-sdk/client-kms');
    const kms = ctx.client((config) => new KMSClient(config), /^arn:aws[\w-]*:kms:([a-z0-9-]+):/.exec(keyId)?.[1] ?? region);
    const state = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState;
    if (state !== 'PendingDeletion') return unchanged(`${keyId} is ${state ?? 'in an unknown state'}, not pending deletion`);
    await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    return changed(`cancelled the deletion of ${keyId} and enabled it`);
  },
};
