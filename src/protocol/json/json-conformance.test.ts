import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import { loadServiceModel, type OperationModel, type ServiceModel } from '../../models/index.js';
import { canonical } from '../../../test/support/compare.js';
import { sampleValue } from '../../../test/support/sample-values.js';
import { sdkHasOperation, sdkRequest, sdkResponse } from '../../../test/support/sdk-harness.js';
import { jsonCodec } from './index.js';
import { findErrorShape } from './write-error.js';

/**
 * Conformance of the JSON codec with the real AWS SDK for JavaScript v3, for every operation of
 * the JSON-protocol services that have an SDK client here: the SDK's request parses back to
 * the input it was given, our response reads back in the SDK as the output we wrote, and our
 * errors reach the SDK with their code, message, status, request id and modelled fields.
 *
 * Normalization: none beyond `canonical()` (Dates → ISO, bytes → base64, absent = undefined).
 * Samples carry every member, idempotency tokens included, so the SDK fills nothing in.
 */
const SERVICES = ['kms', 'secretsmanager', 'cloudtrail'];
const EMPTY = { type: 'structure', members: {} } as const;

function inputSample(model: ServiceModel, op: OperationModel): Record<string, unknown> {
  return sampleValue(model, op.input ?? EMPTY) as Record<string, unknown>;
}

async function checkRequest(service: string, model: ServiceModel, op: OperationModel, input: Record<string, unknown>): Promise<void> {
  const req = await sdkRequest(service, op.name, input);
  const resolved = jsonCodec.resolveOperation(req, model);
  assert.equal(resolved.name, op.name);
  const parsed = jsonCodec.parseRequest(req, model, resolved);
  assert.deepEqual(canonical(parsed), canonical(input), `${op.name}: parsed input differs`);
}

async function checkResponse(service: string, model: ServiceModel, op: OperationModel, input: Record<string, unknown>): Promise<void> {
  const output = (op.output ? sampleValue(model, op.output, { seed: 5 }) : {}) as Record<string, unknown>;
  const res = jsonCodec.serializeResponse(model, op, output, { requestId: `req-${op.name}` });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], `application/x-amz-json-${model.metadata.jsonVersion}`);
  const { output: read, error } = await sdkResponse(service, op.name, input, res);
  assert.equal(error, undefined, `${op.name}: the SDK rejected our response: ${String(error)}`);
  assert.deepEqual(canonical(read), canonical(output), `${op.name}: output differs`);
}

/** Modelled fields of an error shape other than its message, as sample values. */
function errorFields(model: ServiceModel, code: string): Record<string, unknown> {
  const info = findErrorShape(model, code);
  const fields: Record<string, unknown> = {};
  if (!info) return fields;
  const sample = sampleValue(model, info.shape, { seed: 3 }) as Record<string, unknown>;
  for (const [k, v] of Object.entries(sample)) if (k.toLowerCase() !== 'message') fields[k] = v;
  return fields;
}

async function checkError(service: string, model: ServiceModel, op: OperationModel, input: Record<string, unknown>, code: string): Promise<void> {
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
    const model = loadServiceModel(service);
    let checked = 0;
    for (const op of model.operations.values()) {
      if (!(await sdkHasOperation(service, op.name))) {
        await t.test(op.name, { skip: 'the installed SDK v3 client has no command for this operation' }, () => {});
        continue;
      }
      await t.test(op.name, async () => {
        const input = inputSample(model, op);
        await checkRequest(service, model, op, input);
        await checkResponse(service, model, op, input);
        for (const ref of op.errors ?? []) await checkError(service, model, op, input, ref.shape);
        await checkError(service, model, op, input, 'ValidationException');
        await checkError(service, model, op, input, 'AccessDeniedException');
      });
      checked++;
    }
    assert.ok(checked > 0);
    t.diagnostic(`${service}: ${checked} of ${model.operations.size} operations checked against the SDK`);
  });
}
