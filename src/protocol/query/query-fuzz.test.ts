import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadServiceModel } from '../../models/index.js';
import { sampleValue } from '../../../test/support/sample-values.js';
import { sdkRequest } from '../../../test/support/sdk-harness.js';
import { queryCodec } from './index.js';
import { fuzzCodec } from './testing/fuzz.js';
import { syntheticModel } from './testing/synthetic-model.js';

/** Fuzzing the query parser with valid SDK requests mutated thousands of ways (seeded). */
const SYNTHETIC_SEEDS = [
  'Action=Echo&Version=2020-01-01&Name=n&Wrapped.member.1=a&Wrapped.member.2=b&Flat.1=f&Entry.1=e&Attrs.entry.1.key=k&Attrs.entry.1.value=v',
  'Action=Echo&FlatAttrs.1.Name=a&FlatAttrs.1.Val=1&Nested.Inner.Depth=2&Nested.Inner.Items.member.1=x&NestedList.item.1.label=l',
  'Action=Echo&Count=1&Big=2&Ratio=1.5&Flag=true&When=2024-01-15T10%3A30%3A01Z&WhenEpoch=1705314601&Data=AAEC&otherName=o',
  'Action=Echo&Wrapped=&Attrs=&Flat=',
];

for (const [service, seed] of [['iam', 1001], ['sts', 2002]] as const) {
  test(`${service}: 2500 malformed query requests parse or fail with a 4xx AwsError`, async () => {
    const model = loadServiceModel(service);
    const ops = [...model.operations.values()].filter((_, i) => i % 7 === 0 || model.operations.size < 20);
    const seeds: string[] = [];
    for (const op of ops) {
      const req = await sdkRequest(service, op.name, sampleValue(model, model.inputShape(op)) as Record<string, unknown>);
      seeds.push(req.body.toString('utf8'));
    }
    const counts = fuzzCodec({ model, codec: queryCodec, seeds, cases: 2500, seed });
    assert.equal(counts.parsed + counts.rejected, 2500);
    assert.ok(counts.parsed > 100 && counts.rejected > 100, JSON.stringify(counts));
  });
}

test('synthetic model (every query rule): 2500 malformed requests parse or fail with a 4xx AwsError', () => {
  const counts = fuzzCodec({ model: syntheticModel('query'), codec: queryCodec, seeds: SYNTHETIC_SEEDS, cases: 2500, seed: 3003 });
  assert.ok(counts.parsed > 100 && counts.rejected > 100, JSON.stringify(counts));
});
