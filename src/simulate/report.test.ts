import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatJson, formatTable } from './report.js';
import type { SimulationReport } from './runner.js';

const REPORT: SimulationReport = {
  results: [
    { technique: 'aws.defense-evasion.cloudtrail-stop', detected: true, findingTypes: ['Stealth:IAMUser/CloudTrailLoggingDisabled'], secondsToDetect: 0.412, cleanupErrors: [] },
    { technique: 'aws.impact.kms-schedule-key-deletion', detected: false, findingTypes: [], secondsToDetect: null, cleanupErrors: ['could not delete secret s: Throttling'] },
    { technique: 'aws.initial-access.root-credential-usage', detected: false, findingTypes: [], secondsToDetect: null, error: 'detonation failed: needs root', cleanupErrors: [] },
  ],
  cleanupErrors: ['could not delete IAM user bulwark-sim-x-attacker: DeleteConflict'],
};

test('the table: a row per technique, a summary, then each failure', () => {
  assert.equal(
    formatTable(REPORT),
    [
      'TECHNIQUE                                 DETECTED  SECONDS  FINDING TYPES',
      'aws.defense-evasion.cloudtrail-stop       yes       0.41     Stealth:IAMUser/CloudTrailLoggingDisabled',
      'aws.impact.kms-schedule-key-deletion      no        -        -',
      'aws.initial-access.root-credential-usage  FAILED    -        -',
      '',
      '1 of 3 techniques detected; 1 failed to run.',
      'aws.impact.kms-schedule-key-deletion: cleanup could not delete secret s: Throttling',
      'aws.initial-access.root-credential-usage: detonation failed: needs root',
      'run cleanup: could not delete IAM user bulwark-sim-x-attacker: DeleteConflict',
      '',
    ].join('\n'),
  );
});

test('the table says first when no finding could be read', () => {
  assert.match(formatTable({ ...REPORT, unwatched: 'GuardDuty is not reachable (NotImplemented)' }), /\n\nNo finding could be read: GuardDuty is not reachable \(NotImplemented\)\.\n1 of 3/);
});

test('JSON: the four members of each result, nothing else', () => {
  assert.deepEqual(JSON.parse(formatJson(REPORT)), [
    { technique: 'aws.defense-evasion.cloudtrail-stop', detected: true, findingTypes: ['Stealth:IAMUser/CloudTrailLoggingDisabled'], secondsToDetect: 0.412 },
    { technique: 'aws.impact.kms-schedule-key-deletion', detected: false, findingTypes: [], secondsToDetect: null },
    { technique: 'aws.initial-access.root-credential-usage', detected: false, findingTypes: [], secondsToDetect: null },
  ]);
});
