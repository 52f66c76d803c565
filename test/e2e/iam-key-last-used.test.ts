import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GetAccessKeyLastUsedCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { iam, sts, userWithKey } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/** A key that signs a request gets its last use recorded (date, region, service). */
describe('GetAccessKeyLastUsed', () => {
  const bulwark = suiteServer();

  test('N/A before first use; date, region and service after', async () => {
    const keys = await userWithKey(bulwark.endpoint, 'walker');
    const before = await iam(bulwark.endpoint).send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keys.accessKeyId }));
    assert.equal(before.AccessKeyLastUsed?.ServiceName, 'N/A');
    assert.equal(before.AccessKeyLastUsed?.LastUsedDate, undefined);

    const started = Date.now();
    await sts(bulwark.endpoint, keys).send(new GetCallerIdentityCommand({}));
    let used;
    for (let i = 0; i < 50 && !used?.LastUsedDate; i++) {
      await new Promise((r) => setTimeout(r, 20)); // the stamp is written in the background
      used = (await iam(bulwark.endpoint).send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keys.accessKeyId }))).AccessKeyLastUsed;
    }
    assert.equal(used?.ServiceName, 'sts');
    assert.equal(used?.Region, 'us-east-1');
    assert.ok(used?.LastUsedDate && used.LastUsedDate.getTime() >= started - 1000, String(used?.LastUsedDate));
  });
});
