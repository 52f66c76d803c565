import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { completeEvent, INVALID_CASES, MATCH_CASES } from '../../../test/e2e/events-pattern-cases.js';
import { compileEventPattern, invalidEventPattern, PatternError } from './index.js';

describe('event patterns: the operator table', () => {
  for (const c of MATCH_CASES) {
    test(c.operator, () => {
      const pattern = compileEventPattern(JSON.stringify(c.pattern));
      for (const fields of c.matches) assert.equal(pattern.matches(completeEvent(fields)), true, `should match ${JSON.stringify(fields)}`);
      for (const fields of c.misses) assert.equal(pattern.matches(completeEvent(fields)), false, `should not match ${JSON.stringify(fields)}`);
    });
  }
});

describe('event patterns: refusals with AWS reasons', () => {
  for (const c of INVALID_CASES) {
    test(`${c.operator}: ${c.pattern}`, () => {
      assert.throws(
        () => compileEventPattern(c.pattern),
        (err: unknown) => {
          assert.ok(err instanceof PatternError);
          assert.equal(err.message, c.reason);
          return true;
        },
      );
    });
  }

  test('the AWS error wraps the reason', () => {
    const err = invalidEventPattern(new PatternError('Filter is not an object', '[Source: (String)"[]"; line: 1, column: 2]'));
    assert.equal(err.code, 'InvalidEventPatternException');
    assert.equal(err.status, 400);
    assert.equal(err.message, 'Event pattern is not valid. Reason: Filter is not an object\n at [Source: (String)"[]"; line: 1, column: 2]');
  });

  test('a long pattern is shown cut at 500 characters', () => {
    const long = `{"a":["${'x'.repeat(600)}"],"b":"c"}`;
    assert.throws(() => compileEventPattern(long), (err: PatternError) => {
      assert.match(err.message, /^"b" must be an object or an array\n at \[Source: \(String\)"\{"a":\["x+"\[truncated 118 chars\]; line: 1, column: 616\]$/);
      return true;
    });
  });
});

describe('event patterns: matching details', () => {
  test('duplicate keys: the last one counts', () => {
    assert.equal(compileEventPattern('{"source":["a"],"source":["b"]}').matches({ source: 'b' }), true);
  });

  test('wildcards never backtrack', () => {
    const p = compileEventPattern(JSON.stringify({ v: [{ wildcard: `${'*a'.repeat(30)}*b` }] }));
    const started = performance.now();
    assert.equal(p.matches({ v: 'a'.repeat(20_000) }), false);
    assert.ok(performance.now() - started < 200);
  });

  test('nested arrays of values are flattened', () => {
    assert.equal(compileEventPattern('{"v":["x"]}').matches({ v: [['y', ['x']]] }), true);
  });
});
