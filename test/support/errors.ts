import assert from 'node:assert/strict';
import { AwsError } from '../../src/core/aws-error.js';

/** The AwsError `fn` throws; fails the test when it throws something else or nothing. */
export function errorOf(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AwsError, `expected an AwsError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}
