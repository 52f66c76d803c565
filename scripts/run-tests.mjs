#!/usr/bin/env node
// Runs every compiled test file (dist/**/*.test.js) with node's test runner. Listing the files
// ourselves keeps the command identical on Node 20, 22 and 24, whose --test argument rules differ.
// Extra arguments filter by substring: `node scripts/run-tests.mjs sigv4 store`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = find('dist').filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (files.length === 0) {
  console.error('no test files found under dist/ (did the build run?)');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
// The store's transaction-misuse guard (src/store/tx-state.ts) is a development aid: on in tests.
const env = { ...process.env, BULWARK_STORE_GUARD: '1' };
const result = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...files], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
