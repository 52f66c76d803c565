import { test } from 'node:test';
import { loadServiceModel } from '../../models/index.js';
import { sdkHasOperation } from '../../../test/support/sdk-harness.js';
import { checkError, checkRequest, checkResponse, inputSample, modelledError } from '../rest/testing/conformance.js';
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
    const model = loadServiceModel(service);
    let checked = 0;
    for (const op of model.operations.values()) {
      if (!(await sdkHasOperation(service, op.name))) {
        await t.test(op.name, { skip: 'the installed SDK v3 client has no command for this operation' }, () => {});
        continue;
      }
      await t.test(op.name, async () => {
        const input = inputSample(model, op);
        await checkRequest(service, restJsonCodec, model, op, input, {});
        await checkResponse(service, restJsonCodec, model, op, input, {});
        const modelled = modelledError(model, op);
        if (modelled) await checkError(service, restJsonCodec, model, op, input, modelled.code, modelled.status, {});
        await checkError(service, restJsonCodec, model, op, input, 'ValidationException', 400, {});
        await checkError(service, restJsonCodec, model, op, input, 'ThrottlingException', 429, {});
      });
      checked++;
    }
    t.diagnostic(`${service}: ${checked} operations checked`);
  });
}
