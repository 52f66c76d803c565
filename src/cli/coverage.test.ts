import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { packageRoot } from '../models/index.js';
import { coverageMarkdown } from './coverage.js';

test('docs/COVERAGE.md is up to date (run `npm run coverage`)', () => {
  const committed = readFileSync(new URL('docs/COVERAGE.md', packageRoot), 'utf8');
  assert.equal(committed, coverageMarkdown());
});
