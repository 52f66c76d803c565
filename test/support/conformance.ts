import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { AwsError } from '../../src/core/aws-error.js';
import { loadServiceModel, type OperationModel, type ServiceModel } from '../../src/models/index.js';
import type { ProtocolCodec } from '../../src/protocol/codec.js';
import { canonical } from './compare.js';
import { sampleValue } from './sample-values.js';
import { drainStreams, sdkHasOperation, sdkRequest, sdkResponse } from './sdk-harness.js';

/**
 * Conformance of a codec with the real SDK v3 clients. The frame: each operation of a service
 * becomes one subtest that gets the operation and a sample input carrying every member
 * (idempotency tokens included, so the SDK fills nothing in); operations the installed SDK
 * client lacks are skipped subtests, with the reason. The checks, for one operation: the SDK's
 * request resolves to the operation and parses back to the sample input; a sample output we
 * serialize reads back in the SDK unchanged; an error we serialize reaches the SDK with its
 * code, message, status and request id. Service-specific expectations and normalizations (what
 * the SDK legitimately adds or rewrites) come in through `Normalizers`.
 */
export const NO_SDK_COMMAND = 'the installed SDK v3 client has no command for this operation';

export interface ConformanceCase {
  service: string;
  model: ServiceModel;
  op: OperationModel;
  input: Record<string, unknown>;
}

export function inputSample(model: ServiceModel, op: OperationModel): Record<string, unknown> {
  return sampleValue(model, model.inputShape(op)) as Record<string, unknown>;
}

/** Runs `check` as a subtest of `t` per operation of `service`, in model order; resolves what it checked and skipped. */
export async function checkEveryOperation(
  t: TestContext,
  service: string,
  check: (c: ConformanceCase, st: TestContext) => Promise<void>,
): Promise<{ model: ServiceModel; checked: number; skipped: string[] }> {
  const model = loadServiceModel(service);
  const result = { model, checked: 0, skipped: [] as string[] };
  for (const op of model.operations.values()) {
    if (!(await sdkHasOperation(service, op.name))) {
      result.skipped.push(op.name);
      await t.test(op.name, { skip: NO_SDK_COMMAND }, () => {});
      continue;
    }
    await t.test(op.name, (st) => check({ service, model, op, input: inputSample(model, op) }, st));
    result.checked++;
  }
  return result;
}

export interface Normalizers {
  /** Headers our serialized response must carry. */
  responseHeaders?(model: ServiceModel, op: OperationModel): Record<string, string>;
  /** The input as our parser should see it, given what the SDK was asked to send. */
  expectedInput?(op: OperationModel, input: Record<string, unknown>): Record<string, unknown>;
  /** Members of the parsed input to ignore (e.g. headers the SDK computes itself). */
  ignoreParsed?(op: OperationModel, parsed: Record<string, unknown>): Record<string, unknown>;
  /** The input to give the SDK when it reads our response (e.g. without a checksum request). */
  responseInput?(op: OperationModel, input: Record<string, unknown>): Record<string, unknown>;
  /** The output the SDK should hand back, given the sample we serialized. */
  expectedOutput?(op: OperationModel, output: Record<string, unknown>): Record<string, unknown>;
  /** The error name the SDK reports (e.g. for HEAD errors, which have no body). */
  expectedErrorName?(op: OperationModel, code: string, status: number): string;
  /** The error message the SDK reports. */
  expectedErrorMessage?(op: OperationModel, message: string): string;
}

export async function checkRequest({ service, model, op, input }: ConformanceCase, codec: ProtocolCodec, n: Normalizers = {}): Promise<void> {
  const req = await sdkRequest(service, op.name, input);
  const resolved = codec.resolveOperation(req, model);
  assert.equal(resolved.name, op.name, `${req.method} ${req.path}?${req.rawQuery} resolved to ${resolved.name}`);
  let parsed = codec.parseRequest(req, model, resolved);
  if (n.ignoreParsed) parsed = n.ignoreParsed(op, parsed);
  const expected = n.expectedInput ? n.expectedInput(op, input) : input;
  assert.deepEqual(canonical(parsed), canonical(expected), `${op.name}: parsed input differs`);
}

export async function checkResponse({ service, model, op, input }: ConformanceCase, codec: ProtocolCodec, n: Normalizers = {}): Promise<void> {
  const output = (op.output ? sampleValue(model, op.output, { seed: 5 }) : {}) as Record<string, unknown>;
  const res = codec.serializeResponse(model, op, output, { requestId: `req-${op.name}` });
  assert.equal(res.status, op.http.responseCode ?? 200);
  for (const [name, value] of Object.entries(n.responseHeaders?.(model, op) ?? {})) assert.equal(res.headers[name], value, `${op.name}: ${name}`);
  const { output: read, error } = await sdkResponse(service, op.name, n.responseInput ? n.responseInput(op, input) : input, res);
  assert.equal(error, undefined, `${op.name}: the SDK rejected our response: ${String(error)}`);
  const expected = n.expectedOutput ? n.expectedOutput(op, output) : output;
  assert.deepEqual(canonical(await drainStreams(read!)), canonical(expected), `${op.name}: output differs`);
}

/** The modelled error shape's members other than its message/code, as sample values. */
function errorFields(model: ServiceModel, code: string): Record<string, unknown> {
  const shape = model.shapes[code];
  const fields: Record<string, unknown> = {};
  if (!shape?.exception) return fields;
  const sample = sampleValue(model, shape, { seed: 3 }) as Record<string, unknown>;
  for (const [k, v] of Object.entries(sample)) if (!['message', 'code', 'type'].includes(k.toLowerCase())) fields[k] = v;
  return fields;
}

export async function checkError({ service, model, op, input }: ConformanceCase, codec: ProtocolCodec, code: string, status: number, n: Normalizers = {}): Promise<void> {
  const fields = errorFields(model, code);
  const message = `Bulwark says ${code} for ${op.name} — ünïcødé "quoted" <&>`;
  const requestId = `rid-${code}-${op.name}`;
  const res = codec.serializeError(model, op, new AwsError(code, message, { status, fields }), { requestId });
  assert.equal(res.status, status);
  const { error } = await sdkResponse(service, op.name, input, res);
  assert.ok(error, `${op.name}: the SDK accepted an error response`);
  const name = n.expectedErrorName ? n.expectedErrorName(op, code, status) : code;
  assert.equal(error.name, name);
  assert.equal(error.message, n.expectedErrorMessage ? n.expectedErrorMessage(op, message) : message);
  assert.equal(error.$metadata.httpStatusCode, status);
  assert.equal(error.$metadata.requestId, requestId);
  if (name === code) {
    for (const [k, v] of Object.entries(fields)) assert.deepEqual(canonical(error[k]), canonical(v), `${code}.${k}`);
  }
}

/** The op's first modelled error with its status, or undefined when it models none. */
export function modelledError(model: ServiceModel, op: OperationModel): { code: string; status: number } | undefined {
  const ref = op.errors?.[0];
  if (!ref) return undefined;
  const shape = model.shape(ref.shape);
  return { code: ref.shape, status: shape.error?.httpStatusCode ?? (shape.fault ? 500 : 400) };
}
