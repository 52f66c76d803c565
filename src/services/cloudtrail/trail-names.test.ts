import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsError } from '../../core/aws-error.js';
import { checkTrailName, parseTrailArn, parseTrailReference } from './trail-names.js';

const rejects = (fn: () => unknown, code: string, message?: string | RegExp) =>
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof AwsError);
    assert.equal(err.code, code);
    assert.equal(err.status, 400);
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return true;
  });

test('trail names: 3–128 characters, letters/digits/._- , alphanumeric ends, no adjacent specials, not an IP', () => {
  for (const ok of ['abc', 'My.Trail_1-x', 'a'.repeat(128), '1trail9', 'a.b_c-d', '192.168.5']) assert.doesNotThrow(() => checkTrailName(ok), ok);
  rejects(() => checkTrailName('ab'), 'InvalidTrailNameException', 'Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.');
  rejects(() => checkTrailName(''), 'InvalidTrailNameException', /Specified name length: 0 characters/);
  rejects(() => checkTrailName('a'.repeat(129)), 'InvalidTrailNameException', 'Trail name too long. Maximum allowed length: 128 characters. Specified name length: 129 characters.');
  rejects(() => checkTrailName('-trail'), 'InvalidTrailNameException', 'Trail name must starts with a letter or number.');
  rejects(() => checkTrailName('trail!'), 'InvalidTrailNameException', 'Trail name must ends with a letter or number.');
  rejects(() => checkTrailName('my#trail'), 'InvalidTrailNameException', /^Trail name or ARN can only contain uppercase letters/);
  rejects(() => checkTrailName('tr\u00e4il'), 'InvalidTrailNameException', /can only contain/);
  for (const adjacent of ['my--trail', 'my-_trail', 'my..trail', 'my._trail']) rejects(() => checkTrailName(adjacent), 'InvalidTrailNameException', /adjacent/);
  rejects(() => checkTrailName('192.168.5.4'), 'InvalidTrailNameException', /IP address/);
});

test('a name or ARN: ARNs must be trail ARNs whose name part follows the rules', () => {
  assert.deepEqual(parseTrailReference('my-trail'), { given: 'my-trail', name: 'my-trail' });
  const arn = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/my-trail';
  assert.deepEqual(parseTrailReference(arn), { given: arn, name: 'my-trail', account: '123456789012', region: 'eu-west-1' });
  for (const bad of ['arn:aws:cloudtrail:eu-west-1:123456789012:eventdatastore/x', 'arn:aws:s3:::bucket', 'arn:aws:cloudtrail:eu-west-1:12345:trail/abc', 'arn:']) {
    rejects(() => parseTrailReference(bad), 'CloudTrailARNInvalidException');
  }
  rejects(() => parseTrailReference('arn:aws:cloudtrail:eu-west-1:123456789012:trail/ab'), 'InvalidTrailNameException', /too short/);
  assert.deepEqual(parseTrailArn(arn), { region: 'eu-west-1', account: '123456789012', name: 'my-trail' });
  assert.equal(parseTrailArn('my-trail'), undefined);
  assert.equal(parseTrailArn('arn:aws:cloudtrail:eu-west-1:123456789012:trail/bad\u0000name'), undefined);
});
