import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import { loadServiceModel, type ServiceModel, type ServiceTable } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { botocoreOracle, botocoreUnavailable } from '../../../test/support/botocore-oracle.js';
import { canonical } from '../../../test/support/compare.js';
import { sampleValue } from '../../../test/support/sample-values.js';
import { ec2Codec } from './index.js';

/**
 * Conformance of the ec2 codec for every operation of the EC2 table. No SDK v3 EC2 client is
 * installed, so botocore (boto3's engine, driven through a small Python script) is the oracle:
 * (1) botocore's request body parses back to the input, (2) our response parses in botocore to
 * our output, (3) our error document parses in botocore to the code, message and request id.
 *
 * Normalization, requests only: EC2 sends nothing for an empty list or a structure with no
 * members set, so the sample's depth-limited `{}` items and the lists left empty by them are
 * pruned from both sides before comparing.
 */
const REQUEST_ID = '59dbff89-35bd-4eac-99ed-be587example';
const skip = botocoreUnavailable();

function tableOf(model: ServiceModel): ServiceTable {
  return { metadata: model.metadata, operationCount: model.modelOperationCount, operations: Object.fromEntries(model.operations), shapes: { ...model.shapes } };
}

function formRequest(body: string): HttpRequest {
  return {
    method: 'POST', path: '/', rawQuery: '', body: Buffer.from(body), sourceIp: '127.0.0.1', secure: false,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: 'ec2.us-east-1.amazonaws.com' },
  };
}

/** Drops `{}` and `[]` (recursively) — values EC2's wire format cannot carry. */
function pruneEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(pruneEmpty).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, pruneEmpty(v)] as const).filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

test('ec2: every operation conforms to botocore', { skip }, (t) => {
  const model = loadServiceModel('ec2');
  const ops = [...model.operations.values()];
  const samples = ops.map((op) => ({
    op,
    input: sampleValue(model, model.inputShape(op)) as Record<string, unknown>,
    output: sampleValue(model, model.outputShape(op), { onlyBody: true }) as Record<string, unknown>,
  }));
  const errorFor = (i: number) => new AwsError(i % 2 ? 'InvalidInstanceID.NotFound' : 'UnauthorizedOperation',
    `You are not authorized <&> "op ${i}"`, { status: i % 2 ? 400 : 403 });
  const results = botocoreOracle(samples.flatMap((s, i) => [
    { op: s.op.name, input: s.input, response: ec2Codec.serializeResponse(model, s.op, s.output, { requestId: REQUEST_ID }) },
    { op: s.op.name, response: ec2Codec.serializeError(model, s.op, errorFor(i), { requestId: REQUEST_ID }) },
  ]), tableOf(model));
  let checked = 0;
  samples.forEach((s, i) => {
    const [ok, failed] = [results[2 * i], results[2 * i + 1]];
    assert.deepEqual([ok.failure, failed.failure], [undefined, undefined], `${s.op.name}: ${ok.failure ?? failed.failure}`);
    const req = formRequest(ok.request?.body ?? '');
    const op = ec2Codec.resolveOperation(req, model);
    assert.equal(op.name, s.op.name);
    const parsed = ec2Codec.parseRequest(req, model, op);
    assert.deepEqual(pruneEmpty(canonical(parsed)), pruneEmpty(canonical(s.input)), `${s.op.name} request`);

    const got = { ...ok.parsed };
    assert.equal((got.ResponseMetadata as { RequestId?: string }).RequestId, REQUEST_ID);
    delete got.ResponseMetadata;
    assert.deepEqual(canonical(got), canonical(s.output), `${s.op.name} response`);

    const error = errorFor(i);
    assert.deepEqual(failed.parsed?.Error, { Code: error.code, Message: error.message }, `${s.op.name} error`);
    const meta = failed.parsed?.ResponseMetadata as { RequestId?: string; HTTPStatusCode?: number };
    assert.equal(meta.RequestId, REQUEST_ID);
    assert.equal(meta.HTTPStatusCode, error.status);
    checked++;
  });
  t.diagnostic(`ec2: ${checked}/${ops.length} operations (of ${model.modelOperationCount} in the AWS model): requests, responses and errors`);
});
