import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CreateKeyCommand, DescribeKeyCommand, EnableKeyRotationCommand, KMSClient, ListKeyRotationsCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { clientConfig, rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/** The server's housekeeping really deletes keys when their window ends and runs due rotations. */
describe('KMS housekeeping', () => {
  const bulwark = suiteServer();
  const DAY = 86_400_000;

  test('a key scheduled for deletion is gone once its window has passed, not before', async () => {
    const kms = new KMSClient(clientConfig(bulwark.endpoint));
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    assert.equal(scheduled.KeyState, 'PendingDeletion');
    await bulwark.housekeeping.runNow(new Date(Date.now() + 6 * DAY));
    assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.KeyState, 'PendingDeletion');
    await bulwark.housekeeping.runNow(new Date(Date.now() + 7 * DAY + 60_000));
    await rejectsWith(kms.send(new DescribeKeyCommand({ KeyId: key.KeyId })), 'NotFoundException', 400, `Key '${key.Arn}' does not exist`);
  });

  test('automatic rotation runs when its period has passed', async () => {
    const kms = new KMSClient(clientConfig(bulwark.endpoint));
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    await bulwark.housekeeping.runNow(new Date(Date.now() + 91 * DAY));
    const rotations = (await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations ?? [];
    assert.equal(rotations.filter((r) => r.RotationType === 'AUTOMATIC').length, 1);
  });
});
