import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import type { OperationModel, ServiceModel } from '../../models/index.js';
import { canonical } from '../../../test/support/compare.js';
import { checkEveryOperation, checkRequest } from '../../../test/support/conformance.js';
import { sampleValue } from '../../../test/support/sample-values.js';
import { sdkResponse } from '../../../test/support/sdk-harness.js';
import { queryCodec } from './index.js';

/**
 * Conformance of the query codec with the real SDK v3 clients, for every IAM and STS
 * operation: (1) the SDK's request parses back to the SDK's input, (2) our response parses in
 * the SDK to our output, (3) our errors surface in the SDK with their code, message, status
 * and request id. No normalization is needed: the comparison is canonical() on both sides.
 */
const SERVICES = ['iam', 'sts'];
const REQUEST_ID = 'c0ffee00-1234-4bad-8bad-0123456789ab';

for (const service of SERVICES) {
  test(`${service}: every operation conforms to the SDK v3 client`, async (t) => {
    const counts = { requests: 0, responses: 0, errors: 0 };
    const { model, checked, skipped } = await checkEveryOperation(t, service, async (c) => {
      await checkRequest(c, queryCodec);
      counts.requests++;
      await checkResponse(service, c.model, c.op);
      counts.responses++;
      counts.errors += await checkErrors(service, c.model, c.op);
    });
    t.diagnostic(`${service}: ${checked}/${model.operations.size} operations, ${counts.requests} requests, ` +
      `${counts.responses} responses, ${counts.errors} errors checked; skipped: ${skipped.join(', ') || 'none'}`);
    assert.ok(checked > 0);
  });
}

async function checkResponse(service: string, model: ServiceModel, op: OperationModel): Promise<void> {
  const output = sampleValue(model, model.outputShape(op), { onlyBody: true }) as Record<string, unknown>;
  const res = queryCodec.serializeResponse(model, op, output, { requestId: REQUEST_ID });
  assert.equal(res.headers['x-amzn-requestid'], REQUEST_ID);
  const { output: got, error } = await sdkResponse(service, op.name, {}, res);
  assert.equal(error, undefined, `${op.name}: the SDK rejected our response: ${String(error)}`);
  assert.deepEqual(canonical(got), canonical(output), `${op.name} response`);
}

/** One modelled error of the operation (if it has any), a generic one and a validation error. */
async function checkErrors(service: string, model: ServiceModel, op: OperationModel): Promise<number> {
  const cases: { error: AwsError; name: string; code: string; status: number }[] = [];
  const modelled = op.errors?.[0]?.shape;
  if (modelled) {
    const shape = model.shape(modelled);
    const code = shape.error?.code ?? modelled;
    // Thrown with the default status: the codec takes the status from the model.
    cases.push({ error: new AwsError(code, `modelled ${code} <&> "quoted"`), name: modelled, code, status: shape.error?.httpStatusCode ?? 400 });
  }
  const denied = 'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: x:Y';
  cases.push({ error: new AwsError('AccessDenied', denied, { status: 403 }), name: 'AccessDenied', code: 'AccessDenied', status: 403 });
  const invalid = queryCodec.validationError(["Value 'x' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 1"]);
  cases.push({ error: invalid, name: 'ValidationError', code: 'ValidationError', status: 400 });
  for (const c of cases) {
    const res = queryCodec.serializeError(model, op, c.error, { requestId: REQUEST_ID });
    assert.equal(res.status, c.status);
    const { error } = await sdkResponse(service, op.name, {}, res);
    assert.ok(error, `${op.name}: the SDK accepted an error response`);
    assert.equal(error.name, c.name);
    assert.equal(error.Code, c.code);
    assert.equal(error.message, c.error.message);
    assert.equal(error.$metadata.httpStatusCode, c.status);
    assert.equal(error.$metadata.requestId, REQUEST_ID);
  }
  return cases.length;
}
