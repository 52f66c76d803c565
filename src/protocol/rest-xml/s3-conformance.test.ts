import { test } from 'node:test';
import { checkError, checkEveryOperation, checkRequest, checkResponse, modelledError } from '../../../test/support/conformance.js';
import { restXmlCodec } from './index.js';
import { s3Normalizers, S3_SKIPS } from './testing/s3-normalizers.js';

/**
 * Conformance of the rest-xml codec with the real AWS SDK for JavaScript v3, for every S3
 * operation (path-style, as the harness configures the SDK; virtual-hosted addressing is
 * covered by s3-addressing.test.ts): request → parse, serialize → SDK output (streaming bodies
 * drained), and one modelled error plus generic ones per operation. The normalizations for
 * what the SDK itself adds or rewrites are in testing/s3-normalizers.ts.
 */
test('rest-xml conformance with SDK v3: s3', async (t) => {
  const { checked } = await checkEveryOperation(t, 's3', async (c, st) => {
    const skip = S3_SKIPS[c.op.name];
    await st.test('request', { skip: skip?.request }, () => checkRequest(c, restXmlCodec, s3Normalizers));
    await st.test('response', { skip: skip?.response }, () => checkResponse(c, restXmlCodec, s3Normalizers));
    await st.test('errors', async () => {
      const modelled = modelledError(c.model, c.op);
      if (modelled) await checkError(c, restXmlCodec, modelled.code, modelled.status, s3Normalizers);
      await checkError(c, restXmlCodec, 'AccessDenied', 403, s3Normalizers);
      await checkError(c, restXmlCodec, 'InvalidArgument', 400, s3Normalizers);
    });
  });
  t.diagnostic(`s3: ${checked} operations checked`);
});
