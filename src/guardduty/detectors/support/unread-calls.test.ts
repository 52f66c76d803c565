import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trailEvent } from '../testing/trail-records.js';
import { UnreadCalls } from './unread-calls.js';

const event = trailEvent({ eventSource: 's3.amazonaws.com', eventName: 'GetObject' });

test('calls leave the queue once older than the window; the bound follows', () => {
  const queue = new UnreadCalls(10_000);
  queue.push(event, 0, 1);
  queue.push(event, 5_000, 2);
  queue.push(event, 9_000, 3);
  assert.deepEqual([queue.size, queue.bound], [3, 6]);
  queue.push(event, 12_000, 4);
  assert.deepEqual([queue.size, queue.bound], [3, 9], 'the call at 0 is older than 12 s - 10 s');
  assert.deepEqual(
    queue.take().map((c) => c.time),
    [5_000, 9_000, 12_000],
  );
  assert.deepEqual([queue.size, queue.bound], [0, 0]);
});

test('past the limit the oldest call leaves; a long stream keeps only the latest', () => {
  const queue = new UnreadCalls(Infinity, 100);
  for (let i = 0; i < 10_000; i++) queue.push(event, i, i % 2);
  assert.equal(queue.size, 100);
  assert.equal(queue.bound, 50);
  const calls = queue.take();
  assert.equal(calls[0].time, 9_900);
  assert.equal(calls.at(-1)!.time, 9_999);
});
