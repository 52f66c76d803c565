import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toSentinels } from '../glob.js';
import { arnMatches, compileArnPattern } from './arn.js';
import { runFamily } from '../testing/condition-vectors.js';

runFamily('arn');

test('ARN parts are matched one by one', () => {
  const p = compileArnPattern(toSentinels('arn:aws:s3:::*'));
  assert.equal(arnMatches(p, 'arn:aws:s3:::bucket/key'), true);
  assert.equal(arnMatches(p, 'arn:aws:sqs:us-east-1:1:q'), false);
  assert.equal(arnMatches(p, 'arn:aws:s3'), false);
});
