import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingTypeOf, pascalName } from './finding-type.js';

test('the title in PascalCase names the finding type', () => {
  assert.equal(pascalName('AWS CloudTrail logging stopped'), 'AWSCloudTrailLoggingStopped');
  assert.equal(pascalName('user-agent: curl/8 (suspicious)'), 'UserAgentCurl8Suspicious');
  assert.equal(pascalName('Zugriff über Tor à zéro'), 'ZugriffUberTorAZero');
  assert.equal(pascalName('x'.repeat(300)).length, 100);
  assert.equal(findingTypeOf('SSH opened to the internet', undefined, undefined), 'Custom:IAMUser/SSHOpenedToTheInternet');
});

test('the id names it when the title has no ASCII letter or digit', () => {
  assert.equal(findingTypeOf('日本語', '5a9e0c21-3d7b', undefined), 'Custom:IAMUser/5a9e0c213d7b');
  assert.throws(() => findingTypeOf('!!!', undefined, undefined), /set guardduty_finding_type/);
});

test('guardduty_finding_type must look like a GuardDuty finding type', () => {
  assert.equal(findingTypeOf('t', undefined, 'Backdoor:EC2/C&CActivity.B!DNS'), 'Backdoor:EC2/C&CActivity.B!DNS');
  assert.equal(findingTypeOf('t', undefined, 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS'), 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS');
  for (const bad of ['Stealth', 'Stealth:IAMUser', 'a b:c/d', 'Stealth:IAMUser/', 42]) {
    assert.throws(() => findingTypeOf('t', undefined, bad), /is not a finding type/, String(bad));
  }
});
