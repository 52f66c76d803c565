import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AwsError } from '../../core/aws-error.js';
import { loadServiceModel, packageRoot, type OperationModel, type ServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { canonical } from '../../../test/support/compare.js';
import { sampleValue } from '../../../test/support/sample-values.js';
import { jsonCodec } from './index.js';

/**
 * The JSON-protocol services without an SDK v3 client here (and the three with one), checked
 * against botocore — the serializer and parser of boto3 and the AWS CLI — run in a python3
 * child process (botocore_bridge.py). Per operation: botocore's request parses back to the
 * input botocore sent; botocore reads our response as the output we wrote; botocore reads our
 * error's code, message, request id, status and modelled fields.
 *
 * Normalization: members botocore's (possibly older) model lacks are dropped by the bridge on
 * both sides of each comparison; nothing else. Skipped with a reason when python3 or botocore
 * is missing. The `hand-built` test below needs neither and always runs.
 */
const SERVICES = ['kms', 'secretsmanager', 'cloudtrail', 'organizations', 'ssm', 'events', 'config', 'acm', 'acm-pca', 'cognito-idp'];
const EMPTY = { type: 'structure', members: {} } as const;
const BRIDGE = fileURLToPath(new URL('src/protocol/json/botocore_bridge.py', packageRoot));

/** Dates and bytes in a form JSON carries to python and back. */
function toTransport(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.getTime() };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toTransport);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toTransport(v)]));
  }
  return value;
}

function fromTransport(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromTransport);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$date === 'number' && Object.keys(o).length === 1) return new Date(o.$date);
    if (typeof o.$bytes === 'string' && Object.keys(o).length === 1) return Buffer.from(o.$bytes, 'base64');
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fromTransport(v)]));
  }
  return value;
}

function botocoreAvailable(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' });
  if (probe.error) return `python3 is not installed (${probe.error.message})`;
  if (probe.status !== 0) return 'python3 has no botocore module (pip install botocore)';
  return undefined;
}

interface Case {
  model: ServiceModel;
  op: OperationModel;
  input: unknown;
  output: Record<string, unknown>;
  errorCode: string;
  errorFields: Record<string, unknown>;
}

function buildCase(model: ServiceModel, op: OperationModel): Case {
  const input = sampleValue(model, op.input ?? EMPTY);
  const output = (op.output ? sampleValue(model, op.output, { seed: 4 }) : {}) as Record<string, unknown>;
  const errorCode = op.errors?.[0]?.shape ?? 'ValidationException';
  const errorFields: Record<string, unknown> = {};
  if (op.errors?.[0]) {
    const sample = sampleValue(model, op.errors[0], { seed: 2 }) as Record<string, unknown>;
    for (const [k, v] of Object.entries(sample)) if (k.toLowerCase() !== 'message') errorFields[k] = v;
  }
  return { model, op, input, output, errorCode, errorFields };
}

/** The status a modelled error carries: its httpStatusCode, else 500 for a server fault, else 400. */
function expectedStatus(model: ServiceModel, code: string): number {
  const shape = model.shapes[code];
  return shape?.error?.httpStatusCode ?? (shape?.fault ? 500 : 400);
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

test('json codec against botocore (boto3 / AWS CLI serializers and parsers)', async (t) => {
  const missing = botocoreAvailable();
  if (missing) {
    t.skip(`botocore oracle unavailable: ${missing}`);
    return;
  }
  const cases: Case[] = [];
  for (const service of SERVICES) {
    const model = loadServiceModel(service);
    for (const op of model.operations.values()) cases.push(buildCase(model, op));
  }
  const wire = cases.map((c) => {
    const ctx = { requestId: `rid-${c.op.name}` };
    const response = jsonCodec.serializeResponse(c.model, c.op, c.output, ctx);
    const error = jsonCodec.serializeError(c.model, c.op, new AwsError(c.errorCode, `no luck: ${c.op.name} ✓`, { fields: c.errorFields }), ctx);
    return {
      service: c.model.name,
      operation: c.op.name,
      input: toTransport(c.input),
      outputSample: toTransport(c.output),
      response: { ...response, body: String(response.body) },
      errorFields: toTransport(c.errorFields),
      error: { ...error, body: String(error.body) },
    };
  });
  const run = spawnSync('python3', [BRIDGE], { input: JSON.stringify({ cases: wire }), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.equal(run.status, 0, `botocore bridge failed: ${run.stderr}`);
  const results = (JSON.parse(run.stdout) as { results: Record<string, any>[] }).results;
  const counts = new Map<string, { checked: number; skipped: number }>();
  for (const [i, c] of cases.entries()) {
    const r = results[i];
    const count = counts.get(c.model.name) ?? { checked: 0, skipped: 0 };
    counts.set(c.model.name, count);
    await t.test(`${c.model.name}.${c.op.name}`, { skip: r.skip }, () => {
      assert.equal(r.failure, undefined, r.failure);
      const req: HttpRequest = {
        method: r.request.method,
        path: '/',
        rawQuery: '',
        headers: lower(r.request.headers),
        body: Buffer.from(r.request.body, 'utf8'),
        sourceIp: '127.0.0.1',
        secure: false,
      };
      const op = jsonCodec.resolveOperation(req, c.model);
      assert.equal(op.name, c.op.name);
      assert.deepEqual(canonical(jsonCodec.parseRequest(req, c.model, op)), canonical(fromTransport(r.sent)), 'request');
      assert.deepEqual(canonical(fromTransport(r.output)), canonical(fromTransport(r.outputExpected)), 'response');
      assert.equal(r.error.code, c.errorCode);
      assert.equal(r.error.message, `no luck: ${c.op.name} ✓`);
      assert.equal(r.error.requestId, `rid-${c.op.name}`);
      assert.equal(r.error.status, expectedStatus(c.model, c.errorCode));
      if (r.error.fields) {
        const fields = fromTransport(r.error.fields) as Record<string, unknown>;
        for (const k of Object.keys(fields)) if (k.toLowerCase() === 'message') delete fields[k];
        assert.deepEqual(canonical(fields), canonical(fromTransport(r.errorFieldsExpected)), 'error fields');
      }
    });
    if (r.skip) count.skipped++;
    else count.checked++;
  }
  for (const [service, { checked, skipped }] of counts) t.diagnostic(`${service}: ${checked} operations checked with botocore, ${skipped} skipped`);
});

/** The wire JSON of an in-memory value, written by hand: epoch seconds and base64, nothing else. */
function handEncode(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(handEncode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, handEncode(v)]));
  return value;
}

test('json codec parses a hand-built request for every operation of every JSON service', async (t) => {
  for (const service of SERVICES) {
    const model = loadServiceModel(service);
    await t.test(service, () => {
      for (const op of model.operations.values()) {
        const input = sampleValue(model, op.input ?? EMPTY, { seed: 9 });
        const req: HttpRequest = {
          method: 'POST',
          path: '/',
          rawQuery: '',
          headers: { 'content-type': `application/x-amz-json-${model.metadata.jsonVersion}`, 'x-amz-target': `${model.metadata.targetPrefix}.${op.name}` },
          body: Buffer.from(JSON.stringify(handEncode(input))),
          sourceIp: '127.0.0.1',
          secure: false,
        };
        const resolved = jsonCodec.resolveOperation(req, model);
        assert.equal(resolved.name, op.name);
        assert.deepEqual(canonical(jsonCodec.parseRequest(req, model, resolved)), canonical(input), `${service}.${op.name}`);
      }
      t.diagnostic(`${service}: ${model.operations.size} operations parsed`);
    });
  }
});
