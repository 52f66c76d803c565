import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { STRATUS_LOGS } from '../../bench/detect-corpus.js';

const BIN = fileURLToPath(new URL('../../../bin/bulwark.js', import.meta.url));
const stratus = fileURLToPath(STRATUS_LOGS);
const noStratus = existsSync(stratus) ? false : 'the Stratus Red Team logs (../shared/data) are not beside this checkout';
const dir = mkdtempSync(join(tmpdir(), 'bulwark-detect-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'detect', ...args], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

type Finding = { Type: string; SchemaVersion: string; Severity: number; Service: { Count: number; Action: { AwsApiCallAction: { Api: string } } } };

test('bulwark detect over the real Stratus logs: GuardDuty findings as JSON', { skip: noStratus }, async () => {
  const result = await run(['--format', 'json', stratus]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /310 events in 35 files/);
  const findings = JSON.parse(result.stdout) as Finding[];
  const types = new Set(findings.map((f) => f.Type));
  assert.ok(types.has('Stealth:IAMUser/CloudTrailLoggingDisabled'), [...types].join(', '));
  for (const finding of findings) {
    assert.equal(finding.SchemaVersion, '2.0');
    assert.ok(finding.Service.Count >= 1);
  }
  const stop = findings.find((f) => f.Type === 'Stealth:IAMUser/CloudTrailLoggingDisabled' && f.Service.Action.AwsApiCallAction.Api === 'StopLogging');
  assert.ok(stop, 'the StopLogging call is the finding’s action');
});

test('bulwark detect: ASFF and table output', { skip: noStratus }, async () => {
  const asff = await run(['--format=asff', join(stratus, 'aws.defense-evasion.cloudtrail-stop.json')]);
  assert.equal(asff.code, 0, asff.stderr);
  const [first] = JSON.parse(asff.stdout) as Array<Record<string, unknown>>;
  assert.equal(first.SchemaVersion, '2018-10-08');
  assert.match(String(first.ProductArn), /^arn:aws:securityhub:[^:]+::product\/aws\/guardduty$/);
  assert.deepEqual(first.Types, ['TTPs/Defense Evasion/Stealth:IAMUser-CloudTrailLoggingDisabled']);
  const table = await run([join(stratus, 'aws.defense-evasion.cloudtrail-stop.json')]);
  assert.match(table.stdout, /^SEVERITY\s+TYPE\s+COUNT/);
  assert.match(table.stdout, /Stealth:IAMUser\/CloudTrailLoggingDisabled/);
});

test('bulwark detect: a threat list the user supplies names the callers on it', { skip: noStratus }, async () => {
  const file = join(stratus, 'aws.defense-evasion.cloudtrail-stop.json');
  const list = join(dir, 'bad-ips.txt');
  writeFileSync(list, '# our list\n86.245.153.0/24\n');
  const result = await run(['--format', 'json', '--threat-list', list, file]);
  assert.equal(result.code, 0, result.stderr);
  const types = (JSON.parse(result.stdout) as Finding[]).map((f) => f.Type);
  assert.ok(types.includes('UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom'), types.join(', '));
  const trusted = await run(['--format', 'json', '--trusted-ips', list, file]);
  assert.deepEqual(JSON.parse(trusted.stdout), [], 'no finding for calls from trusted addresses');
});

test('bulwark detect: usage errors exit 2, unreadable input exits 1, no input is no finding', async () => {
  const bad = await run(['--format', 'xml', dir]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format must be table, json or asff/);
  assert.equal((await run([])).code, 2);
  assert.equal((await run(['--bogus', dir])).code, 2);
  const missing = await run([join(dir, 'nope')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nope/);
  const empty = await run(['--format', 'json', dir]);
  assert.equal(empty.code, 0);
  assert.deepEqual(JSON.parse(empty.stdout), []);
  assert.equal((await run(['--help'])).code, 0);
});
