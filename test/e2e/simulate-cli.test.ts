import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, test } from 'node:test';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { TECHNIQUES } from '../../src/simulate/index.js';
import { clientConfig } from '../support/aws-clients.js';
import { awsEnv, suiteServer, type ProcessResult } from '../support/server.js';

/** `bulwark simulate` as a user runs it: bin/bulwark.js in its own process, credentials from the environment. */
const BIN = new URL('../../../bin/bulwark.js', import.meta.url).pathname;

function simulate(endpoint: string, args: string[]): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'simulate', '--endpoint', endpoint, ...args], { env: awsEnv(endpoint), encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

/** How many calls of `eventName` the event history holds. */
async function eventCount(endpoint: string, eventName: string): Promise<number> {
  const cloudTrail = new CloudTrailClient(clientConfig(endpoint));
  let count = 0;
  let token: string | undefined;
  do {
    const page = await cloudTrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }], NextToken: token }));
    count += page.Events?.length ?? 0;
    token = page.NextToken;
  } while (token);
  return count;
}

describe('bulwark simulate (command line)', () => {
  const bulwark = suiteServer();

  test('--list names every technique with its source and expected finding types', async () => {
    const { status, stdout } = await simulate(bulwark.endpoint, ['--list']);
    assert.equal(status, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^TECHNIQUE\s+SOURCE\s+TITLE\s+EXPECTED FINDING TYPES$/);
    assert.equal(lines.length, TECHNIQUES.length + 1);
    for (const technique of TECHNIQUES) {
      const line = lines.find((l) => l.startsWith(`${technique.id} `));
      assert.ok(line, technique.id);
      assert.ok(line.includes(technique.expectedFindingTypes[0]!), line);
    }
  });

  test('--format json prints exactly {technique, detected, findingTypes, secondsToDetect} per technique named, each detected', async () => {
    const named = ['aws.defense-evasion.cloudtrail-stop', 'aws.persistence.iam-backdoor-user'];
    const { status, stdout, stderr } = await simulate(bulwark.endpoint, [...named, '--format', 'json', '--timeout', '1']);
    assert.equal(status, 0, stderr);
    const results = JSON.parse(stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      results.map((r) => r.technique),
      named,
    );
    for (const result of results) assert.deepEqual(Object.keys(result), ['technique', 'detected', 'findingTypes', 'secondsToDetect']);
    assert.deepEqual(
      results.map((r) => [r.detected, r.findingTypes]),
      [
        [true, ['Stealth:IAMUser/CloudTrailLoggingDisabled']],
        [true, ['Persistence:IAM/AccountManipulation']],
      ],
    );
    for (const result of results) assert.ok(typeof result.secondsToDetect === 'number' && result.secondsToDetect > 0 && result.secondsToDetect <= 1, String(result.secondsToDetect));
  });

  test('the table has a row per technique and a summary', async () => {
    const { status, stdout } = await simulate(bulwark.endpoint, ['aws.defense-evasion.iam-password-policy-weakened', '--timeout', '1']);
    assert.equal(status, 0);
    assert.match(stdout, /^TECHNIQUE\s+DETECTED\s+SECONDS\s+FINDING TYPES\naws\.defense-evasion\.iam-password-policy-weakened\s+yes\s+\d+\.\d\d\s+Stealth:IAMUser\/PasswordPolicyChange\n/);
    assert.match(stdout, /\n1 of 1 techniques detected\.\n$/);
  });

  test('an unknown technique is a usage error (exit 2) and nothing runs', async () => {
    const usersCreated = () => eventCount(bulwark.endpoint, 'CreateUser');
    const before = await usersCreated();
    const { status, stdout, stderr } = await simulate(bulwark.endpoint, ['aws.defense-evasion.cloudtrail-stop', 'aws.impact.no-such-technique']);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /unknown technique: aws\.impact\.no-such-technique/);
    assert.equal(await usersCreated(), before, 'no attacker user was created');
  });

  test('a bad option value is a usage error (exit 2)', async () => {
    const { status, stderr } = await simulate(bulwark.endpoint, ['--format', 'xml']);
    assert.equal(status, 2);
    assert.match(stderr, /--format must be table or json/);
  });

  test('an unreachable endpoint fails the run (exit 1)', async () => {
    const { status, stderr } = await simulate('http://127.0.0.1:9', ['aws.defense-evasion.cloudtrail-stop']);
    assert.equal(status, 1);
    assert.match(stderr, /bulwark simulate: .*ECONNREFUSED/);
  });
});
