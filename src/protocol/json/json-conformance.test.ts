import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import type { ServiceModel } from '../../models/index.js';
import { canonical } from '../../../test/support/compare.js';
import { checkEveryOperation, checkRequest, checkResponse, type ConformanceCase, type Normalizers } from '../../../test/support/conformance.js';
import { sampleValue } from '../../../test/support/sample-values.js';
import { sdkResponse } from '../../../test/support/sdk-harness.js';
import { jsonCodec } from './index.js';
import { findErrorShape } from './write-error.js';

/**
 * Conformance of the JSON codec with the real AWS SDK for JavaScript v3, for every operation of
 * the JSON-protocol services that have an SDK client here: the SDK's request parses back to
 * the input it was given, our response (with the protocol's content type) reads back in the
 * SDK as the output we wrote, and our errors reach the SDK with their code, message, status,
 * request id and modelled fields.
 *
 * Normalization: none beyond `canonical()` (Dates → ISO, bytes → base64, absent = undefined).
 * Samples carry every member, idempotency tokens included, so the SDK fills nothing in.
 */
const SERVICES = ['kms', 'secretsmanager', 'cloudtrail'];
const JSON_RESPONSE: Normalizers = {
  responseHeaders: (model) => ({ 'content-type': `application/x-amz-json-${model.metadata.jsonVersion}` }),
};

/** Modelled fields of an error shape other than its message, as sample values. */
function errorFields(model: ServiceModel, code: string): Record<string, unknown> {
  const info = findErrorShape(model, code);
  const fields: Record<string, unknown> = {};
  if (!info) return fields;
  const sample = sampleValue(model, info.shape, { seed: 3 }) as Record<string, unknown>;
  for (const [k, v] of Object.entries(sample)) if (k.toLowerCase() !== 'message') fields[k] = v;
  return fields;
}

/** An error by its code, with the status the model gives it (json errors take theirs from the model). */
async function checkError({ service, model, op, input }: ConformanceCase, code: string): Promise<void> {
  const info = findErrorShape(model, code);
  const fields = errorFields(model, code);
  const message = `Bulwark says ${code} for ${op.name} — ünïcødé "quoted"`;
  const res = jsonCodec.serializeError(model, op, new AwsError(code, message, { fields }), { requestId: `rid-${code}` });
  const expectedStatus = info?.shape.error?.httpStatusCode ?? (info?.shape.fault ? 500 : 400);
  assert.equal(res.status, expectedStatus);
  const { error } = await sdkResponse(service, op.name, input, res);
  assert.ok(error, `${op.name}: the SDK accepted an error response`);
  assert.equal(error.name, code);
  assert.equal(error.message, message);
  assert.equal(error.$metadata.httpStatusCode, expectedStatus);
  assert.equal(error.$metadata.requestId, `rid-${code}`);
  for (const [k, v] of Object.entries(fields)) assert.deepEqual(canonical(error[k]), canonical(v), `${code}.${k}`);
}

for (const service of SERVICES) {
  test(`json conformance with SDK v3: ${service}`, async (t) => {
    const { model, checked } = await checkEveryOperation(t, service, async (c) => {
      await checkRequest(c, jsonCodec);
      await checkResponse(c, jsonCodec, JSON_RESPONSE);
      for (const ref of c.op.errors ?? []) await checkError(c, ref.shape);
      await checkError(c, 'ValidationException');
      await checkError(c, 'AccessDeniedException');
    });
    assert.ok(checked > 0);
    t.diagnostic(`${service}: ${checked} of ${model.operations.size} operations checked against the SDK`);
  });
}
