import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../../accounts/principal.js';
import { openStore, type Store } from '../../store/index.js';
import type { OperationInput, RequestContext } from '../types.js';
import { createLoginProfile, updateLoginProfile } from './login-profiles.js';
import { verifyMfaCode } from './mfa-records.js';
import { mfaAndPasswordOperations as ops } from './mfa-operations.js';
import { base32Decode, hotp, timeStep } from './totp.js';
import { createUser, deleteUser } from './users.js';
import { requestContext } from '../../../test/support/request-context.js';

const ACCOUNT = '000000000000';
const ROOT: Principal = { type: 'Root', account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT };
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0); // a step boundary

describe('IAM virtual MFA devices and the password policy (handlers)', () => {
  let store: Store;
  before(async () => {
    store = await openStore({ inMemory: true });
  });
  after(() => store.close());

  function ctx(at = T0, principal: Principal = ROOT): RequestContext {
    return requestContext(store, principal, 'iam', 'x', 'r', { account: ACCOUNT, receivedAt: new Date(at) });
  }
  const call = (name: string, input: OperationInput, at = T0, principal?: Principal) => Promise.resolve(ops[name]!(ctx(at, principal), input));
  const code = (seed: Buffer, step: number) => hotp(seed, step);
  const NOW = timeStep(T0);

  let seed: Buffer;
  let serial: string;
  let aliceId: string;

  test('CreateVirtualMFADevice: serial with path, a 64-character Base32 seed as blob, no QR code', async () => {
    aliceId = ((await createUser(ctx(), { UserName: 'alice' })) as any).User.UserId;
    const out = (await call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'alice-phone', Path: '/team/', Tags: [{ Key: 'k', Value: 'v' }] })) as any;
    serial = out.VirtualMFADevice.SerialNumber;
    assert.equal(serial, `arn:aws:iam::${ACCOUNT}:mfa/team/alice-phone`);
    const text = (out.VirtualMFADevice.Base32StringSeed as Buffer).toString('ascii');
    assert.match(text, /^[A-Z2-7]{64}$/);
    assert.equal(out.VirtualMFADevice.QRCodePNG, undefined);
    assert.deepEqual(out.VirtualMFADevice.Tags, [{ Key: 'k', Value: 'v' }]);
    seed = base32Decode(text);
    await assert.rejects(call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'ALICE-PHONE' }), { code: 'EntityAlreadyExists', status: 409 });
  });

  test('EnableMFADevice needs two consecutive valid codes', async () => {
    const enable = (c1: string, c2: string, at = T0) => call('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2 }, at);
    const bad = { code: 'InvalidAuthenticationCode', status: 403, message: 'Authentication code for device is not valid.' };
    await assert.rejects(enable('000000', '000000'), bad);
    await assert.rejects(enable(code(seed, NOW), code(seed, NOW)), bad); // the same code twice
    await assert.rejects(enable(code(seed, NOW + 1), code(seed, NOW)), bad); // wrong order
    await assert.rejects(enable(code(seed, NOW - 100), code(seed, NOW - 99)), bad); // far outside the window
    await assert.rejects(call('EnableMFADevice', { UserName: 'nobody', SerialNumber: serial, AuthenticationCode1: '1', AuthenticationCode2: '2' }), { code: 'NoSuchEntity' });
    await assert.rejects(call('EnableMFADevice', { UserName: 'alice', SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/none`, AuthenticationCode1: '1', AuthenticationCode2: '2' }), { code: 'NoSuchEntity' });
    await enable(code(seed, NOW - 1), code(seed, NOW));
    await assert.rejects(enable(code(seed, NOW), code(seed, NOW + 1)), { code: 'EntityAlreadyExists' });
  });

  test('ListMFADevices, ListVirtualMFADevices (AssignmentStatus), GetMFADevice', async () => {
    await call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'spare' });
    const mine = (await call('ListMFADevices', { UserName: 'alice' })) as any;
    assert.deepEqual(mine.MFADevices.map((d: any) => [d.UserName, d.SerialNumber]), [['alice', serial]]);
    assert.ok(mine.MFADevices[0].EnableDate instanceof Date);
    const asAlice: Principal = { type: 'IAMUser', account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/alice`, userId: aliceId };
    assert.equal(((await call('ListMFADevices', {}, T0, asAlice)) as any).MFADevices.length, 1);
    const list = async (status?: string) => ((await call('ListVirtualMFADevices', status ? { AssignmentStatus: status } : {})) as any).VirtualMFADevices;
    assert.deepEqual((await list()).map((d: any) => d.SerialNumber), [`arn:aws:iam::${ACCOUNT}:mfa/spare`, serial]);
    const assigned = await list('Assigned');
    assert.equal(assigned.length, 1);
    assert.equal(assigned[0].User.UserName, 'alice');
    assert.equal(assigned[0].Base32StringSeed, undefined);
    assert.deepEqual((await list('Unassigned')).map((d: any) => d.SerialNumber), [`arn:aws:iam::${ACCOUNT}:mfa/spare`]);
    const got = (await call('GetMFADevice', { SerialNumber: serial })) as any;
    assert.equal(got.UserName, 'alice');
    await call('TagMFADevice', { SerialNumber: serial, Tags: [{ Key: 'x', Value: 'y' }] });
    assert.deepEqual(((await call('ListMFADeviceTags', { SerialNumber: serial })) as any).Tags, [{ Key: 'k', Value: 'v' }, { Key: 'x', Value: 'y' }]);
  });

  test('verifyMfaCode: the current code once (no replay), ±1 step, the drift learned at Enable', async () => {
    const at = (s: number) => new Date(T0 + s * 30_000);
    // Enable consumed steps up to NOW: the same code is refused.
    assert.equal(await verifyMfaCode(store, ACCOUNT, serial, code(seed, NOW), at(0)), false);
    assert.equal(await verifyMfaCode(store, ACCOUNT, serial, code(seed, NOW + 1), at(1)), true);
    assert.equal(await verifyMfaCode(store, ACCOUNT, serial, code(seed, NOW + 1), at(1)), false, 'replay');
    assert.equal(await verifyMfaCode(store, ACCOUNT, serial, code(seed, NOW + 3), at(2)), true, 'one step ahead');
    assert.equal(await verifyMfaCode(store, ACCOUNT, serial, code(seed, NOW + 10), at(4)), false, 'too far ahead');
    assert.equal(await verifyMfaCode(store, ACCOUNT, serial, '123456', at(4)), false);
    assert.equal(await verifyMfaCode(store, ACCOUNT, `arn:aws:iam::${ACCOUNT}:mfa/spare`, '123456', at(4)), false, 'unassigned');
    assert.equal(await verifyMfaCode(store, ACCOUNT, `arn:aws:iam::${ACCOUNT}:mfa/none`, '123456', at(4)), false);
  });

  test('ResyncMFADevice re-anchors a drifting clock', async () => {
    const later = T0 + 10 * 30_000;
    const skew = 20; // the device runs 10 minutes fast
    const now = NOW + 10;
    assert.equal(await verifyMfaCode(store, ACCOUNT, serial, code(seed, now + skew), new Date(later)), false);
    const resync = (c1: string, c2: string) => call('ResyncMFADevice', { UserName: 'alice', SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2 }, later);
    await assert.rejects(resync('000000', '111111'), { code: 'InvalidAuthenticationCode' });
    await resync(code(seed, now + skew - 1), code(seed, now + skew));
    assert.equal(await verifyMfaCode(store, ACCOUNT, serial, code(seed, now + skew + 1), new Date(later + 30_000)), true);
  });

  test('DeleteUser and DeleteVirtualMFADevice refuse while assigned; DeactivateMFADevice frees it', async () => {
    await assert.rejects(Promise.resolve(deleteUser(ctx(), { UserName: 'alice' })), { code: 'DeleteConflict', status: 409, message: 'Cannot delete entity, must delete MFA device first.' });
    await assert.rejects(call('DeleteVirtualMFADevice', { SerialNumber: serial }), { code: 'DeleteConflict', status: 409 });
    await assert.rejects(call('DeactivateMFADevice', { UserName: 'alice', SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/spare` }), { code: 'NoSuchEntity' });
    await call('DeactivateMFADevice', { UserName: 'alice', SerialNumber: serial });
    assert.deepEqual(((await call('ListMFADevices', { UserName: 'alice' })) as any).MFADevices, []);
    assert.equal(await verifyMfaCode(store, ACCOUNT, serial, code(seed, NOW + 40), new Date(T0 + 40 * 30_000)), false);
    await call('DeleteVirtualMFADevice', { SerialNumber: serial });
    await assert.rejects(call('DeleteVirtualMFADevice', { SerialNumber: serial }), { code: 'NoSuchEntity', message: `VirtualMFADevice with serial number ${serial} doesn't exist.` });
    await deleteUser(ctx(), { UserName: 'alice' });
  });

  test('account password policy: NoSuchEntity when unset, defaults, enforced on login profiles, ChangePassword', async () => {
    const notFound = { code: 'NoSuchEntity', status: 404, message: `The Password Policy with domain name ${ACCOUNT} cannot be found.` };
    await assert.rejects(call('GetAccountPasswordPolicy', {}), notFound);
    await call('UpdateAccountPasswordPolicy', {});
    assert.deepEqual(((await call('GetAccountPasswordPolicy', {})) as any).PasswordPolicy, {
      MinimumPasswordLength: 6,
      RequireSymbols: false,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
    });
    const user = ((await createUser(ctx(), { UserName: 'carol' })) as any).User;
    // The account policy replaces the default one: 6 lower-case letters now pass.
    await createLoginProfile(ctx(), { UserName: 'carol', Password: 'simple' });
    await call('UpdateAccountPasswordPolicy', { MinimumPasswordLength: 10, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, MaxPasswordAge: 90, AllowUsersToChangePassword: true });
    const policy = ((await call('GetAccountPasswordPolicy', {})) as any).PasswordPolicy;
    assert.equal(policy.ExpirePasswords, true);
    assert.equal(policy.MaxPasswordAge, 90);
    const violation = (message: string) => ({ code: 'PasswordPolicyViolation', status: 400, message });
    const update = (Password: string) => Promise.resolve(updateLoginProfile(ctx(), { UserName: 'carol', Password }));
    await assert.rejects(update('Short1!'), violation('Password should have a minimum length of 10'));
    await assert.rejects(update('longenough1A'), violation('Password should have at least one symbol'));
    await assert.rejects(update('longenough!A'), violation('Password should have at least one number'));
    await assert.rejects(update('longenough!1'), violation('Password should have at least one uppercase letter'));
    await assert.rejects(update('LONGENOUGH!1'), violation('Password should have at least one lowercase letter'));
    await update('Long-enough!1');

    const asCarol: Principal = { type: 'IAMUser', account: ACCOUNT, arn: user.Arn, userId: user.UserId };
    const change = (OldPassword: string, NewPassword: string, p: Principal = asCarol) => call('ChangePassword', { OldPassword, NewPassword }, T0, p);
    await assert.rejects(change('wrong', 'Another-one!2'), { message: 'The old password is incorrect.' });
    await assert.rejects(change('Long-enough!1', 'short'), violation('Password should have a minimum length of 10'));
    await assert.rejects(change('Long-enough!1', 'Another-one!2', ROOT), { code: 'InvalidUserType' });
    await change('Long-enough!1', 'Another-one!2');
    await change('Another-one!2', 'Third-one!!3');

    await call('DeleteAccountPasswordPolicy', {});
    await assert.rejects(call('GetAccountPasswordPolicy', {}), notFound);
    await assert.rejects(call('DeleteAccountPasswordPolicy', {}), { code: 'NoSuchEntity' });
    // Back to the default policy.
    await assert.rejects(update('simple'), { code: 'PasswordPolicyViolation', message: 'Password does not conform to the account password policy.' });
  });
});
