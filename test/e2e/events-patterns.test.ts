import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';
import { events } from './events-helpers.js';
import { completeEvent, INVALID_CASES, MATCH_CASES } from './events-pattern-cases.js';

/** The pattern table (events-pattern-cases.ts) through TestEventPattern, as a client sees it. */
describe('TestEventPattern with the SDK v3: the operator table', () => {
  const bulwark = suiteServer();
  const testPattern = (pattern: string, event: Record<string, unknown>) =>
    events(bulwark.endpoint).send(new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify(event) }));

  for (const c of MATCH_CASES) {
    test(`${c.operator}: matches and misses`, async () => {
      const pattern = JSON.stringify(c.pattern);
      for (const fields of c.matches) assert.equal((await testPattern(pattern, completeEvent(fields))).Result, true, `should match ${JSON.stringify(fields)}`);
      for (const fields of c.misses) assert.equal((await testPattern(pattern, completeEvent(fields))).Result, false, `should not match ${JSON.stringify(fields)}`);
    });
  }

  test('refused patterns: InvalidEventPatternException with the reason and its location', async () => {
    for (const c of INVALID_CASES) {
      await rejectsWith(testPattern(c.pattern, completeEvent({})), 'InvalidEventPatternException', 400, `Event pattern is not valid. Reason: ${c.reason}`);
    }
  });

  test('the event must be a JSON object with the mandatory fields', async () => {
    const client = events(bulwark.endpoint);
    const pattern = '{"source":["aws.ec2"]}';
    await rejectsWith(client.send(new TestEventPatternCommand({ EventPattern: pattern, Event: 'not json' })), 'ValidationException', 400, 'Parameter Event is not valid.');
    await rejectsWith(client.send(new TestEventPatternCommand({ EventPattern: pattern, Event: '[]' })), 'ValidationException', 400, 'Parameter Event is not valid.');
    const { time: _, ...withoutTime } = completeEvent({});
    await rejectsWith(client.send(new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify(withoutTime) })), 'ValidationException', 400, 'Parameter Event is not valid.');
    const { resources: __, ...withoutResources } = completeEvent({});
    assert.equal((await client.send(new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify(withoutResources) }))).Result, true);
  });
});
