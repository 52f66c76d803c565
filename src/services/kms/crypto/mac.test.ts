import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { generateMac, verifyMac } from './mac.js';
import { generateKeyMaterial } from './material.js';

describe('HMAC keys', () => {
  test('GenerateMac is HMAC with the spec hash; VerifyMac accepts it and rejects anything else', () => {
    for (const bits of [224, 256, 384, 512]) {
      const spec = `HMAC_${bits}`;
      const algorithm = `HMAC_SHA_${bits}`;
      const key = generateKeyMaterial(spec);
      const message = Buffer.from('message');
      const mac = generateMac(spec, key, algorithm, message);
      assert.ok(mac.equals(createHmac(`sha${bits}`, key).update(message).digest()), spec);
      assert.equal(mac.length, bits / 8);
      assert.equal(verifyMac(spec, key, algorithm, message, mac), true);
      const tampered = Buffer.from(mac);
      tampered[0] ^= 1;
      assert.equal(verifyMac(spec, key, algorithm, message, tampered), false);
      assert.equal(verifyMac(spec, key, algorithm, Buffer.from('messagf'), mac), false);
      assert.equal(verifyMac(spec, key, algorithm, message, mac.subarray(1)), false);
      assert.equal(verifyMac(spec, key, algorithm, message, Buffer.alloc(0)), false);
      assert.equal(verifyMac(spec, generateKeyMaterial(spec), algorithm, message, mac), false);
    }
  });

  test('the algorithm must match the key spec', () => {
    const key = generateKeyMaterial('HMAC_256');
    assert.throws(() => generateMac('HMAC_256', key, 'HMAC_SHA_512', Buffer.from('x')), { code: 'InvalidKeyUsageException' });
    assert.throws(() => verifyMac('SYMMETRIC_DEFAULT', key, 'HMAC_SHA_256', Buffer.from('x'), Buffer.alloc(32)), { code: 'InvalidKeyUsageException' });
  });
});
