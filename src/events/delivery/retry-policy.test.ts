import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffMs, DEFAULT_RETRY_TIMING, retryLimits } from './retry-policy.js';

test("AWS's defaults: 185 retries within 24 hours", () => {
  assert.deepEqual(retryLimits({ Id: 't', Arn: 'x' }), { maxRetries: 185, maxAgeMs: 86_400_000 });
  assert.deepEqual(retryLimits({ Id: 't', Arn: 'x', RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 } }), { maxRetries: 0, maxAgeMs: 60_000 });
});

test('exponential backoff with jitter, capped', () => {
  assert.equal(backoffMs(1, DEFAULT_RETRY_TIMING, () => 0), 500);
  assert.equal(backoffMs(1, DEFAULT_RETRY_TIMING, () => 1), 1000);
  assert.equal(backoffMs(4, DEFAULT_RETRY_TIMING, () => 1), 8000);
  assert.equal(backoffMs(40, DEFAULT_RETRY_TIMING, () => 1), 180_000);
  assert.equal(backoffMs(185, DEFAULT_RETRY_TIMING, () => 0), 90_000);
});
