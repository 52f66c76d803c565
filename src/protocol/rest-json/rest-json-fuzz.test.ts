import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { sdkRequest } from '../../../test/support/sdk-harness.js';
import { sampleValue } from '../../../test/support/sample-values.js';
import { fuzzRestCodec } from '../rest/testing/fuzz.js';
import { restJsonCodec } from './index.js';

/**
 * Fuzzing the rest-json parser: 2500 malformed requests per service, mutated from real SDK
 * requests of a spread of operations. Only a parsed input or a 4xx AwsError may come out.
 */
for (const [service, seed] of [['guardduty', 20240601], ['securityhub', 20240602]] as const) {
  test(`rest-json fuzz: ${service}`, async () => {
    const model = loadServiceModel(service);
    const seeds: HttpRequest[] = [];
    const ops = [...model.operations.values()].filter((_, i) => i % 4 === 0);
    for (const op of ops) {
      const input = op.input ? (sampleValue(model, op.input, { maxDepth: 3 }) as Record<string, unknown>) : {};
      seeds.push(await sdkRequest(service, op.name, input));
    }
    const started = Date.now();
    const { parsed, rejected } = fuzzRestCodec({ model, codec: restJsonCodec, seeds, cases: 2500, seed, body: 'json' });
    assert.equal(parsed + rejected, 2500);
    assert.ok(rejected > 500 && parsed > 100, `parsed ${parsed}, rejected ${rejected}`);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });
}
