import { benchUser, call, kmsCall, runSideBySide } from './side-by-side.js';

/**
 * `npm run bench:kms [-- --seconds 10 --connections 32 --rounds 5]`
 * Authorized 64-byte KMS Encrypt and Decrypt: on Bulwark signed by an IAM user whose identity
 * policy allows them on a key with the default key policy (SigV4, the key policy and the
 * identity policy evaluated on every call), side by side with moto_server (no authorization).
 */
await runSideBySide([24680, 24681], async (target) => {
  const key = JSON.parse(await call(target.endpoint, kmsCall('CreateKey', {}))).KeyMetadata;
  const credentials =
    target.name === 'bulwark'
      ? await benchUser(target.endpoint, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: key.Arn }] })
      : undefined;
  const encrypt = kmsCall('Encrypt', { KeyId: key.KeyId, Plaintext: Buffer.alloc(64, 7).toString('base64') });
  const blob = JSON.parse(await call(target.endpoint, encrypt, credentials)).CiphertextBlob as string;
  return {
    credentials,
    scenarios: [
      { name: 'kms:Encrypt (64 B, authorized)', request: encrypt },
      { name: 'kms:Decrypt (64 B, authorized)', request: kmsCall('Decrypt', { CiphertextBlob: blob }) },
    ],
  };
});
