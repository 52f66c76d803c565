import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import { loadServiceModel, type OperationModel, type ServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { botocoreOracle, botocoreUnavailable, type OracleCase } from '../../../test/support/botocore-oracle.js';
import { canonical } from '../../../test/support/compare.js';
import { jsonWire, sampleValue } from '../../../test/support/sample-values.js';
import { jsonCodec } from './index.js';

/**
 * The JSON-protocol services without an SDK v3 client here (and the three with one), checked
 * against botocore — the serializer and parser of boto3 and the AWS CLI — run in a python3
 * child process (test/support/botocore-oracle.py). Per operation: botocore's request parses
 * back to the input botocore sent; botocore reads our response as the output we wrote;
 * botocore reads our error's code, message, request id, status and modelled fields.
 *
 * Normalization: members botocore's (possibly older) model lacks are dropped by the oracle on
 * both sides of each comparison; nothing else. Skipped with a reason when python3 or botocore
 * is missing. The `hand-built` test below needs neither and always runs.
 */
const SERVICES = ['kms', 'secretsmanager', 'cloudtrail', 'organizations', 'ssm', 'events', 'config', 'acm', 'acm-pca', 'cognito-idp'];
const EMPTY = { type: 'structure', members: {} } as const;

interface Case {
  model: ServiceModel;
  op: OperationModel;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
  errorCode: string;
  errorFields: Record<string, unknown>;
}

function buildCase(model: ServiceModel, op: OperationModel): Case {
  const input = sampleValue(model, op.input ?? EMPTY) as Record<string, unknown>;
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

test('json codec against botocore (boto3 / AWS CLI serializers and parsers)', { skip: botocoreUnavailable() }, async (t) => {
  const cases: Case[] = [];
  for (const service of SERVICES) {
    const model = loadServiceModel(service);
    for (const op of model.operations.values()) cases.push(buildCase(model, op));
  }
  // Two oracle cases per operation: the request and our response, then our error.
  const results = botocoreOracle(cases.flatMap((c): OracleCase[] => {
    const ctx = { requestId: `rid-${c.op.name}` };
    const error = new AwsError(c.errorCode, `no luck: ${c.op.name} ✓`, { fields: c.errorFields });
    return [
      { service: c.model.name, op: c.op.name, input: c.input, response: jsonCodec.serializeResponse(c.model, c.op, c.output, ctx), sample: c.output },
      { service: c.model.name, op: c.op.name, response: jsonCodec.serializeError(c.model, c.op, error, ctx), sample: c.errorFields },
    ];
  }));
  const counts = new Map<string, { checked: number; skipped: number }>();
  for (const [i, c] of cases.entries()) {
    const [r, e] = [results[2 * i], results[2 * i + 1]];
    const count = counts.get(c.model.name) ?? { checked: 0, skipped: 0 };
    counts.set(c.model.name, count);
    await t.test(`${c.model.name}.${c.op.name}`, { skip: r.skip }, () => {
      assert.equal(r.failure ?? e.failure, undefined);
      const req: HttpRequest = {
        method: r.request!.method,
        path: '/',
        rawQuery: '',
        headers: lower(r.request!.headers),
        body: Buffer.from(r.request!.body, 'utf8'),
        sourceIp: '127.0.0.1',
        secure: false,
      };
      const op = jsonCodec.resolveOperation(req, c.model);
      assert.equal(op.name, c.op.name);
      assert.deepEqual(canonical(jsonCodec.parseRequest(req, c.model, op)), canonical(r.sent), 'request');
      const { ResponseMetadata: _metadata, ...output } = r.parsed!;
      assert.deepEqual(canonical(output), canonical(r.known), 'response');
      const generic = e.parsed as { Error: { Code: string; Message: string }; ResponseMetadata: { RequestId?: string; HTTPStatusCode: number } };
      assert.equal(generic.Error.Code, c.errorCode);
      assert.equal(generic.Error.Message, `no luck: ${c.op.name} ✓`);
      assert.equal(generic.ResponseMetadata.RequestId, `rid-${c.op.name}`);
      assert.equal(generic.ResponseMetadata.HTTPStatusCode, expectedStatus(c.model, c.errorCode));
      if (e.fields) {
        const fields = { ...e.fields };
        for (const k of Object.keys(fields)) if (k.toLowerCase() === 'message') delete fields[k];
        assert.deepEqual(canonical(fields), canonical(e.known), 'error fields');
      }
    });
    if (r.skip) count.skipped++;
    else count.checked++;
  }
  for (const [service, { checked, skipped }] of counts) t.diagnostic(`${service}: ${checked} operations checked with botocore, ${skipped} skipped`);
});

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
          body: Buffer.from(JSON.stringify(jsonWire(input))),
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
