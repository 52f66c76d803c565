import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeliveryError } from '../events/delivery/delivery-error.js';
import { deliveryFailure, isAuthenticationFailure } from './failures.js';

const sdkError = (name: string, status?: number) => Object.assign(new Error(`${name} happened`), { name, $metadata: status === undefined ? undefined : { httpStatusCode: status } });

test('refusals are final, throttling and server or connection failures are retried', () => {
  const cases: Array<[Error, string, boolean]> = [
    [sdkError('AccessDenied', 403), 'NO_PERMISSIONS', false],
    [sdkError('AccessDeniedException', 400), 'NO_PERMISSIONS', false],
    [sdkError('NoSuchBucket', 404), 'RESOURCE_NOT_FOUND', false],
    [sdkError('NoSuchEntityException', 404), 'RESOURCE_NOT_FOUND', false],
    [sdkError('TrailNotFoundException', 400), 'RESOURCE_NOT_FOUND', false],
    [sdkError('ValidationException', 400), 'SDK_CLIENT_ERROR', false],
    [sdkError('ThrottlingException', 400), 'THROTTLING', true],
    [sdkError('SlowDown', 503), 'THROTTLING', true],
    [sdkError('InternalFailure', 500), 'SDK_CLIENT_ERROR', true],
    [sdkError('ECONNREFUSED'), 'SDK_CLIENT_ERROR', true],
  ];
  for (const [err, code, retryable] of cases) {
    const failure = deliveryFailure(err, 'remediation/x on bucket b');
    assert.deepEqual([failure.code, failure.retryable], [code, retryable], err.name);
    assert.equal(failure.message, `remediation/x on bucket b: ${err.name}: ${err.name} happened`);
  }
});

test("an action's own DeliveryError keeps its code and retry, with the action and resource in front", () => {
  const failure = deliveryFailure(new DeliveryError('RESOURCE_NOT_FOUND', 'not imported yet', true), 'remediation/y on finding f');
  assert.deepEqual([failure.code, failure.retryable, failure.message], ['RESOURCE_NOT_FOUND', true, 'remediation/y on finding f: not imported yet']);
});

test('authentication failures of a kept session are recognised (one retry with a new session)', () => {
  for (const name of ['InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'ExpiredToken']) assert.equal(isAuthenticationFailure(sdkError(name, 403)), true, name);
  for (const name of ['AccessDenied', 'NoSuchBucket']) assert.equal(isAuthenticationFailure(sdkError(name, 403)), false, name);
});
