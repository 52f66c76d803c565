import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UndoStack } from './undo-stack.js';

test('undo runs every action newest first, past failures, and reports the failures', async () => {
  const stack = new UndoStack();
  const ran: string[] = [];
  stack.push('delete bucket', async () => ran.push('bucket'));
  stack.push('delete trail', async () => {
    ran.push('trail');
    throw Object.assign(new Error('the trail is busy'), { name: 'ConflictException' });
  });
  stack.push('delete user', async () => ran.push('user'));
  assert.deepEqual(await stack.unwind(), [{ description: 'delete trail', error: 'ConflictException: the trail is busy' }]);
  assert.deepEqual(ran, ['user', 'trail', 'bucket']);
  assert.equal(stack.size, 0);
  assert.deepEqual(await stack.unwind(), []);
});
