import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import { loadServiceModel, type OperationModel, type ServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { random, type Random } from '../../../test/support/prng.js';
import { jsonWire, sampleValue } from '../../../test/support/sample-values.js';
import { jsonCodec } from './index.js';

/**
 * Fuzzing the JSON request parser: malformed bodies (random bytes, truncations, byte
 * mutations, wrong JSON types, huge numbers, deep nesting, bad escapes and bad UTF-8) and
 * malformed headers (targets, content types, methods, paths). The only allowed outcomes of
 * resolveOperation + parseRequest are a parsed input object or an AwsError with a 4xx status.
 * The PRNG is seeded: a failure names its seed and case, and reruns identically.
 */
const SEED = 0x5eed_1501;
const SERVICES = ['kms', 'secretsmanager', 'cloudtrail', 'organizations', 'ssm', 'events', 'config', 'acm', 'acm-pca', 'cognito-idp'];
const EMPTY = { type: 'structure', members: {} } as const;

interface Valid {
  model: ServiceModel;
  op: OperationModel;
  json: unknown;
}

const valid: Valid[] = [];
for (const service of SERVICES) {
  const model = loadServiceModel(service);
  for (const op of model.operations.values()) valid.push({ model, op, json: jsonWire(sampleValue(model, op.input ?? EMPTY)) });
}

function makeRequest(v: Valid, body: Buffer, overrides: Partial<HttpRequest> = {}, headers: Record<string, string> = {}): HttpRequest {
  return {
    method: 'POST',
    path: '/',
    rawQuery: '',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${v.model.metadata.targetPrefix}.${v.op.name}`, ...headers },
    body,
    sourceIp: '127.0.0.1',
    secure: false,
    ...overrides,
  };
}

type Outcome = 'parsed' | 'rejected' | { failure: string };

/** Runs one step; anything but an input object or a 4xx AwsError is a failure. */
function outcome(step: () => Record<string, unknown>): Outcome {
  try {
    const input = step();
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return { failure: `parsed to a non-object: ${String(input)}` };
    return 'parsed';
  } catch (err) {
    if (err instanceof AwsError && err.status >= 400 && err.status < 500) return 'rejected';
    return { failure: `threw ${err instanceof AwsError ? `${err.code} ${err.status}` : String(err)}` };
  }
}

const SCALARS: unknown[] = [
  0, -1, 1.5, 2147483648, -9223372036854775808, 1e308, 5e-324, '', 'x', 'NaN', 'Infinity', '2024-01-15T10:30:00Z',
  '====', 'AQID', true, false, null, [], [1, 'a', null], {}, { a: { b: [] } }, '\u0000', '😀', '\ud800',
];

function randomValue(r: Random, depth = 0): unknown {
  const kind = r.next();
  if (depth > 3 || kind < 0.6) return r.pick(SCALARS);
  if (kind < 0.8) return Array.from({ length: r.int(3) }, () => randomValue(r, depth + 1));
  return Object.fromEntries(Array.from({ length: r.int(3) }, (_, i) => [`k${i}`, randomValue(r, depth + 1)]));
}

/** Replaces one random node of a JSON tree with a random value of another type. */
function mutateTree(r: Random, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || r.next() < 0.25) return randomValue(r);
  if (Array.isArray(value)) {
    if (value.length === 0) return [randomValue(r)];
    const i = r.int(value.length);
    return value.map((v, j) => (j === i ? mutateTree(r, v) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { [`k${r.int(9)}`]: randomValue(r) };
  const key = r.pick(keys);
  return { ...(value as Record<string, unknown>), [key]: mutateTree(r, (value as Record<string, unknown>)[key]) };
}

const BAD_FRAGMENTS = [
  '"\\u12"', '"\\uZZZZ"', '"\\x41"', '"\\', '"\\ud800"', '"\\udc00\\ud800"', '"a\u0001b"', '1e999', '-1e999',
  '123456789012345678901234567890', '0x10', '.5', '01', 'NaN', 'Infinity', '-', '1.', '[', '{"a"', '{"a":1', 'true false', '"\u2028"',
];

type Generator = (r: Random, v: Valid) => HttpRequest;

const GENERATORS: Record<string, Generator> = {
  'random bytes': (r, v) => makeRequest(v, r.bytes(r.int(200))),
  truncated: (r, v) => {
    const text = Buffer.from(JSON.stringify(v.json));
    return makeRequest(v, text.subarray(0, r.int(text.length)));
  },
  'byte mutations': (r, v) => {
    const bytes = Buffer.from(JSON.stringify(v.json));
    for (let n = 1 + r.int(4); n > 0 && bytes.length > 0; n--) bytes[r.int(bytes.length)] = r.int(256);
    return makeRequest(v, bytes);
  },
  'wrong types': (r, v) => makeRequest(v, Buffer.from(JSON.stringify(mutateTree(r, v.json)) ?? 'null')),
  'huge numbers and bad escapes': (r, v) => {
    const text = JSON.stringify(v.json);
    const at = text.indexOf(':', r.int(text.length));
    const fragment = r.pick(BAD_FRAGMENTS);
    if (at < 0) return makeRequest(v, Buffer.from(`{"X":${fragment}}`));
    const end = text.slice(at + 1).search(/[,}\]]/);
    return makeRequest(v, Buffer.from(text.slice(0, at + 1) + fragment + (end < 0 ? '' : text.slice(at + 1 + end))));
  },
  'deep nesting': (r, v) => {
    const n = 10 + r.int(5000);
    const open = r.next() < 0.5 ? '[' : '{"a":';
    const close = open === '[' ? ']' : '}';
    const keys = Object.keys((v.json ?? {}) as object);
    const key = r.pick(keys) ?? 'a';
    return makeRequest(v, Buffer.from(`{"${key}":${open.repeat(n)}1${close.repeat(r.next() < 0.8 ? n : n - 1)}}`));
  },
  'bad UTF-8': (r, v) => {
    const text = Buffer.from(JSON.stringify(v.json));
    const at = r.int(text.length);
    return makeRequest(v, Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]).subarray(0, 1 + r.int(6)), text.subarray(at)]));
  },
  'headers and paths': (r, v) => {
    const targets = ['', '.', 'x', `${v.model.metadata.targetPrefix}.`, `.${v.op.name}`, `${v.model.metadata.targetPrefix}.${v.op.name}.extra`, r.bytes(12).toString('latin1'), `${v.model.metadata.targetPrefix}.${v.op.name}`];
    const types = ['', 'text/plain', 'application/x-amz-json-1.1', 'application/json; charset=utf-8', 'multipart/form-data; boundary=x', ';;;', r.bytes(8).toString('latin1')];
    const methods = ['POST', 'GET', 'PUT', 'DELETE', 'post', ''];
    const paths = ['/', '', '/x/y', '/%ZZ', '/?a=b', '//'];
    return makeRequest(v, Buffer.from(JSON.stringify(v.json)), { method: r.pick(methods), path: r.pick(paths) }, { 'x-amz-target': r.pick(targets), 'content-type': r.pick(types) });
  },
};

const CASES_PER_GENERATOR = 1000;

test(`json parser fuzz: ${Object.keys(GENERATORS).length * CASES_PER_GENERATOR} malformed requests (seed ${SEED})`, (t) => {
  const r = random(SEED);
  const failures: string[] = [];
  let parsed = 0;
  let rejected = 0;
  for (const [name, generate] of Object.entries(GENERATORS)) {
    for (let i = 0; i < CASES_PER_GENERATOR; i++) {
      const v = r.pick(valid);
      const req = generate(r, v);
      // The full path (resolve, then parse), and the parser alone on the intended operation.
      const full = outcome(() => jsonCodec.parseRequest(req, v.model, jsonCodec.resolveOperation(req, v.model)));
      const parserOnly = outcome(() => jsonCodec.parseRequest(req, v.model, v.op));
      for (const o of [full, parserOnly]) {
        if (typeof o === 'object') failures.push(`${name} #${i} (${v.model.name}.${v.op.name}): ${o.failure}; body ${req.body.subarray(0, 120).toString('latin1')}`);
      }
      if (parserOnly === 'parsed') parsed++;
      else rejected++;
    }
  }
  t.diagnostic(`parser alone: ${parsed} parsed, ${rejected} rejected with a 4xx AwsError`);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} failures with seed ${SEED}`);
  assert.ok(parsed > 0 && rejected > 0, `both outcomes should occur (parsed ${parsed}, rejected ${rejected})`);
});
