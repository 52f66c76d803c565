import { test } from 'node:test';
import { checkError, checkEveryOperation, checkRequest, checkResponse, modelledError } from '../../../test/support/conformance.js';
import { restJsonCodec } from './index.js';

/**
 * Conformance of the rest-json codec with the real AWS SDK for JavaScript v3, for every
 * operation of GuardDuty and Security Hub: request → parse, serialize → SDK output, and one
 * modelled error plus a generic one per operation.
 *
 * Normalization: none beyond `canonical()`. Samples carry every member (idempotency tokens
 * included), so the SDK fills nothing in.
 */
const SERVICES = ['guardduty', 'securityhub'];

for (const service of SERVICES) {
  test(`rest-json conformance with SDK v3: ${service}`, async (t) => {
    const { checked } = await checkEveryOperation(t, service, async (c) => {
      await checkRequest(c, restJsonCodec);
      await checkResponse(c, restJsonCodec);
      const modelled = modelledError(c.model, c.op);
      if (modelled) await checkError(c, restJsonCodec, modelled.code, modelled.status);
      await checkError(c, restJsonCodec, 'ValidationException', 400);
      await checkError(c, restJsonCodec, 'ThrottlingException', 429);
    });
    t.diagnostic(`${service}: ${checked} operations checked`);
  });
}
