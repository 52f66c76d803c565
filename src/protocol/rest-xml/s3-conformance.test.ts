import { test } from 'node:test';
import { loadServiceModel } from '../../models/index.js';
import { sdkHasOperation } from '../../../test/support/sdk-harness.js';
import { checkError, checkRequest, checkResponse, inputSample, modelledError } from '../rest/testing/conformance.js';
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
  const service = 's3';
  const model = loadServiceModel(service);
  let checked = 0;
  for (const op of model.operations.values()) {
    if (!(await sdkHasOperation(service, op.name))) {
      await t.test(op.name, { skip: 'the installed SDK v3 client has no command for this operation' }, () => {});
      continue;
    }
    const skip = S3_SKIPS[op.name];
    await t.test(op.name, async (st) => {
      const input = inputSample(model, op);
      await st.test('request', { skip: skip?.request }, () => checkRequest(service, restXmlCodec, model, op, input, s3Normalizers));
      await st.test('response', { skip: skip?.response }, () => checkResponse(service, restXmlCodec, model, op, input, s3Normalizers));
      await st.test('errors', async () => {
        const modelled = modelledError(model, op);
        if (modelled) await checkError(service, restXmlCodec, model, op, input, modelled.code, modelled.status, s3Normalizers);
        await checkError(service, restXmlCodec, model, op, input, 'AccessDenied', 403, s3Normalizers);
        await checkError(service, restXmlCodec, model, op, input, 'InvalidArgument', 400, s3Normalizers);
      });
    });
    checked++;
  }
  t.diagnostic(`s3: ${checked} operations checked`);
});
