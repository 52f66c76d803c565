import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordPolicyChange } from './password-policy-change.js';
import { detect, summary, trailRecord } from './testing/trail-records.js';

const STRONG = { minimumPasswordLength: 14, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: true, requireLowercaseCharacters: true, maxPasswordAge: 90, passwordReusePrevention: 24 };

function update(parameters: Record<string, unknown>, errorCode?: string) {
  return trailRecord(Object.assign({ eventSource: 'iam.amazonaws.com', eventName: 'UpdateAccountPasswordPolicy', requestParameters: parameters }, errorCode ? { errorCode } : {}));
}

test('the first policy seen is the baseline; a stronger one is not reported', () => {
  assert.deepEqual(detect([passwordPolicyChange()], [update({ minimumPasswordLength: 8 }), update(STRONG)]), []);
});

test('one weakened setting is Low, several are Medium, and the finding names them', () => {
  const one = detect([passwordPolicyChange()], [update(STRONG), update(Object.assign({}, STRONG, { minimumPasswordLength: 8 }))]);
  assert.deepEqual(summary(one), ['Stealth:IAMUser/PasswordPolicyChange 2']);
  assert.deepEqual(one[0].additionalInfo?.weakenedSettings, ['MinimumPasswordLength']);
  const several = detect([passwordPolicyChange()], [update(STRONG), update({ minimumPasswordLength: 14 })]);
  assert.deepEqual(summary(several), ['Stealth:IAMUser/PasswordPolicyChange 5']);
  assert.deepEqual(several[0].additionalInfo?.weakenedSettings, ['RequireSymbols', 'RequireNumbers', 'RequireUppercaseCharacters', 'RequireLowercaseCharacters', 'MaxPasswordAge', 'PasswordReusePrevention']);
});

test('a denied attempt to weaken is Low and leaves the known policy as it was', () => {
  const found = detect([passwordPolicyChange()], [update(STRONG), update({ minimumPasswordLength: 6 }, 'AccessDenied'), update(Object.assign({}, STRONG, { requireSymbols: false }))]);
  assert.deepEqual(summary(found), ['Stealth:IAMUser/PasswordPolicyChange 2', 'Stealth:IAMUser/PasswordPolicyChange 2']);
  assert.deepEqual(found[1].additionalInfo?.weakenedSettings, ['RequireSymbols']);
});

test('deleting the policy is Medium, a denied attempt Low', () => {
  const remove = (errorCode?: string) => trailRecord(Object.assign({ eventSource: 'iam.amazonaws.com', eventName: 'DeleteAccountPasswordPolicy' }, errorCode ? { errorCode } : {}));
  assert.deepEqual(summary(detect([passwordPolicyChange()], [remove(), remove('AccessDenied')])), ['Stealth:IAMUser/PasswordPolicyChange 5', 'Stealth:IAMUser/PasswordPolicyChange 2']);
});
