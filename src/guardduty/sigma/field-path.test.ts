import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventFromRecord } from '../trail-event.js';
import { fieldReader, isFact, someLeaf, valueAt } from './field-path.js';
import { countingEvent } from './testing.js';

const record = {
  eventName: 'ModifySnapshotAttribute',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' },
  requestParameters: {
    createVolumePermission: { add: { items: [{ userId: '444455556666' }, { userId: '777788889999', group: null }] } },
    valuesToAdd: ['1', ['2', '3']],
    'x-amz.header': 'dotted',
    empty: '',
  },
  responseElements: null,
};

test('a dotted path reads nested fields', () => {
  assert.equal(valueAt(record, 'userIdentity.arn'), 'arn:aws:iam::111122223333:user/alice');
  assert.equal(valueAt(record, 'requestParameters.empty'), '');
  assert.equal(valueAt(record, 'responseElements'), null);
  assert.equal(valueAt(record, 'responseElements.x'), undefined);
  assert.equal(valueAt(record, 'requestParameters.missing'), undefined);
  assert.equal(valueAt(record, 'eventName.length'), undefined);
});

test('arrays on the way are entered and their values flattened', () => {
  assert.deepEqual(valueAt(record, 'requestParameters.createVolumePermission.add.items.userId'), ['444455556666', '777788889999']);
  assert.deepEqual(valueAt(record, 'requestParameters.valuesToAdd'), ['1', '2', '3']);
  assert.deepEqual(valueAt(record, 'requestParameters.createVolumePermission.add.items.group'), [null]);
  assert.equal(valueAt(record, 'requestParameters.createVolumePermission.add.items.none'), undefined);
});

test('a key holding a dot is found; inherited properties are not fields', () => {
  assert.equal(valueAt(record, 'requestParameters.x-amz.header'), 'dotted');
  assert.equal(valueAt(record, 'constructor'), undefined);
  assert.equal(valueAt(record, 'requestParameters.toString'), undefined);
});

test('someLeaf tries every scalar of the record, at any depth, nulls left out', () => {
  const seen: unknown[] = [];
  assert.equal(someLeaf(record, (leaf) => (seen.push(leaf), false)), false);
  assert.ok(seen.includes('777788889999'));
  assert.ok(seen.includes('dotted'));
  assert.ok(seen.includes(''));
  assert.ok(!seen.includes(null));
  assert.equal(someLeaf(record, (leaf) => leaf === '2'), true);
});

test('facts are read from the TrailEvent without parsing the record', () => {
  assert.equal(isFact('eventName'), true);
  assert.equal(isFact('userIdentity.arn'), true);
  assert.equal(isFact('userIdentity.userName'), false);
  const event = countingEvent(record);
  assert.equal(fieldReader('eventName', true)(event), 'ModifySnapshotAttribute');
  assert.equal(fieldReader('userIdentity.type', true)(event), 'IAMUser');
  assert.equal(fieldReader('errorCode', true)(event), undefined);
  assert.equal(event.recordCalls, 0);
  assert.equal(fieldReader('eventName', false)(event), 'ModifySnapshotAttribute');
  assert.equal(event.recordCalls, 1);
});

test('a fact reader and a record reader agree on the facts', () => {
  const event = eventFromRecord({ ...record, errorCode: 'AccessDenied', sourceIPAddress: '192.0.2.1' });
  for (const field of ['eventName', 'errorCode', 'sourceIPAddress', 'userIdentity.type', 'userIdentity.arn', 'awsRegion']) {
    assert.equal(fieldReader(field, true)(event), fieldReader(field, false)(event), field);
  }
});
