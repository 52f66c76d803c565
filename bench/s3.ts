import type { UnsignedRequest } from './sign.js';
import { benchUser, call, runSideBySide } from './side-by-side.js';

/**
 * `npm run bench:s3 [-- --seconds 10 --connections 32 --rounds 5]`
 * Authorized 4 KiB PutObject and GetObject: on Bulwark signed by an IAM user whose identity
 * policy allows them on the bucket (SigV4, policy evaluation, the default SSE-S3 encryption
 * and the write's durability included), side by side with moto_server.
 */
const BUCKET = 'bench-bucket';
const s3Call = (method: string, path: string, body = ''): UnsignedRequest => ({ service: 's3', method, path, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body });

await runSideBySide([24686, 24687], async (target) => {
  await call(target.endpoint, s3Call('PUT', `/${BUCKET}`));
  const credentials =
    target.name === 'bulwark'
      ? await benchUser(target.endpoint, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: `arn:aws:s3:::${BUCKET}/*` }] })
      : undefined;
  const put = s3Call('PUT', `/${BUCKET}/object-4k`, 'x'.repeat(4096));
  await call(target.endpoint, put, credentials);
  return {
    credentials,
    scenarios: [
      { name: 's3:PutObject (4 KiB, authorized)', request: put },
      { name: 's3:GetObject (4 KiB, authorized)', request: s3Call('GET', `/${BUCKET}/object-4k`) },
    ],
  };
});
