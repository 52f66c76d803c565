import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { inAwsOrder, STRATUS_LOGS, stratusRecords } from '../../bench/detect-corpus.js';
import { eventFromRecord, recipientAccount, type TrailEvent } from './trail-event.js';
import { eventFromText } from './trail-text.js';

const noStratus = existsSync(STRATUS_LOGS) ? false : 'the Stratus Red Team logs (../shared/data) are not beside this checkout';

function facts(event: TrailEvent | undefined) {
  assert.ok(event);
  const { eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent, errorCode, identity } = event;
  return { eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent, errorCode, identity };
}

const base = {
  eventVersion: '1.11',
  userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', accessKeyId: 'AKIAEXAMPLE', userName: 'alice' },
  eventTime: '2026-11-22T10:00:00Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'CreateUser',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.7',
  userAgent: 'aws-cli/1.40',
  requestParameters: { userName: 'bob' },
  responseElements: null,
  recipientAccountId: '111122223333',
};

test('real records in AWS layout: the text path reads the same facts as a full parse', { skip: noStratus }, () => {
  let records = 0;
  for (const list of stratusRecords().values()) {
    for (const record of list) {
      const ordered = inAwsOrder(record);
      assert.deepEqual(facts(eventFromText(JSON.stringify(ordered))), facts(eventFromRecord(ordered)));
      assert.equal(recipientAccount(eventFromText(JSON.stringify(ordered))!), recipientAccount(eventFromRecord(ordered)));
      // Keys as the files hold them (sorted): the fallback gives the same facts too.
      assert.deepEqual(facts(eventFromText(JSON.stringify(record))), facts(eventFromRecord(record)));
      records++;
    }
  }
  assert.equal(records, 310);
});

test('the text path: escapes, a later errorCode, missing fields, nested look-alikes', () => {
  const cases: Array<Record<string, unknown>> = [
    base,
    { ...base, userAgent: 'agent "quoted" \\ back\\slash \u00e9' },
    { ...base, errorCode: 'AccessDenied', errorMessage: 'no' },
    // errorCode after the request parameters (not AWS's layout, still a valid record)
    { ...base, requestParameters: { x: 1 }, errorCode: 'NoSuchEntity' },
    // a nested errorCode key, and no error
    { ...base, requestParameters: { errorCode: 'not-the-call', eventName: 'Fake' } },
    // no userAgent: facts come from the full parse
    Object.fromEntries(Object.entries(base).filter(([k]) => k !== 'userAgent')),
    // a userIdentity holding a nested object followed by the eventTime key inside it
    { ...base, userIdentity: { ...base.userIdentity, sessionContext: { attributes: { mfaAuthenticated: 'true' } }, invokedBy: 's3.amazonaws.com' } },
  ];
  for (const record of cases) assert.deepEqual(facts(eventFromText(JSON.stringify(record))), facts(eventFromRecord(record)), JSON.stringify(record));
  const crafted = '{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","x":{"eventTime":"1"},"arn":"a"},"eventTime":"2026-01-01T00:00:00Z","eventSource":"s","eventName":"N","awsRegion":"r","sourceIPAddress":"1.2.3.4","userAgent":"u"}';
  assert.equal(eventFromText(crafted)?.identity.arn, 'a');
  assert.equal(eventFromText(crafted)?.eventName, 'N');
});

test('the text path: the whole record on demand, and what is not a record', () => {
  const event = eventFromText(JSON.stringify(base));
  assert.equal(recipientAccount(event!), '111122223333');
  assert.equal(recipientAccount(eventFromText(JSON.stringify({ ...base, recipientAccountId: undefined }))!), '111122223333', "the caller's account when no recipient is recorded");
  assert.deepEqual(event?.record().requestParameters, { userName: 'bob' });
  assert.equal(eventFromText('not json'), undefined);
  assert.equal(eventFromText('[1,2]'), undefined);
  assert.equal(eventFromText('{"eventVersion":"1.08","userIdentity":{"type":"IAMUser"},"eventTime":"x",'), undefined);
  const identity = eventFromText(JSON.stringify({ ...base, userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/R/s', sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::1:role/R', userName: 'R' } } } }))?.identity;
  assert.equal(identity?.key, 'arn:aws:iam::1:role/R');
  assert.equal(identity?.userName, 'R');
});
