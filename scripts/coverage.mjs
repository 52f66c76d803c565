#!/usr/bin/env node
// Writes docs/COVERAGE.md from the compiled registry (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { coverageMarkdown } from '../dist/src/cli/coverage.js';

writeFileSync(new URL('../docs/COVERAGE.md', import.meta.url), coverageMarkdown());
console.log('docs/COVERAGE.md written');
