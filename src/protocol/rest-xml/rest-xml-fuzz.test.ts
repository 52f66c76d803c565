import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { sdkHasOperation, sdkRequest } from '../../../test/support/sdk-harness.js';
import { sampleValue } from '../../../test/support/sample-values.js';
import { fuzzRestCodec } from '../rest/testing/fuzz.js';
import { restXmlCodec } from './index.js';

/**
 * Fuzzing the rest-xml parser: 3000 malformed S3 requests mutated from real SDK requests (XML
 * payload documents, bound headers and query members, keys in the path, Hosts), including
 * deep nesting and DOCTYPE entities. Only a parsed input or a 4xx AwsError may come out.
 */
test('rest-xml fuzz: s3', async () => {
  const model = loadServiceModel('s3');
  const seeds: HttpRequest[] = [];
  for (const op of model.operations.values()) {
    if (!(await sdkHasOperation('s3', op.name))) continue;
    const input = op.input ? (sampleValue(model, op.input, { maxDepth: 3 }) as Record<string, unknown>) : {};
    const req = await sdkRequest('s3', op.name, input);
    seeds.push(req, { ...req, headers: { ...req.headers, host: 'val2x.s3.localhost.localstack.cloud:4566' }, path: req.path.replace(/^\/[^/]+/, '') || '/' });
  }
  const started = Date.now();
  const { parsed, rejected } = fuzzRestCodec({ model, codec: restXmlCodec, seeds, cases: 3000, seed: 20240603, body: 'xml' });
  assert.equal(parsed + rejected, 3000);
  assert.ok(rejected > 300 && parsed > 300, `parsed ${parsed}, rejected ${rejected}`);
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
});
