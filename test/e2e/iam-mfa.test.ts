import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteAccountPasswordPolicyCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetAccountPasswordPolicyCommand,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { base32Decode, hotp, timeStep } from '../../src/services/iam/totp.js';
import { iam, rejectsWith, ROOT, sts, type Keys } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

const ACCOUNT = '000000000000';

describe('IAM virtual MFA devices with real TOTP, MFA-protected AssumeRole, password policy (SDK v3)', () => {
  const bulwark = suiteServer();
  let bob: Keys;
  let serial: string;
  let seed: Buffer;
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/needs-mfa`;
  const codeAt = (offset: number) => hotp(seed, timeStep(Date.now()) + offset);

  test('setup: user bob with keys, a role whose trust policy requires MFA', async () => {
    const c = iam(bulwark.endpoint);
    const user = await c.send(new CreateUserCommand({ UserName: 'bob' }));
    await c.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'sts', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:*', 'iam:ListMFADevices'], Resource: '*' }] }) }));
    const key = await c.send(new CreateAccessKeyCommand({ UserName: 'bob' }));
    bob = { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: user.User!.Arn }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
    };
    await c.send(new CreateRoleCommand({ RoleName: 'needs-mfa', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  });

  test('CreateVirtualMFADevice returns the serial and the Base32 seed; EnableMFADevice checks two consecutive codes', async () => {
    const c = iam(bulwark.endpoint);
    const out = await c.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob-phone' }));
    serial = out.VirtualMFADevice!.SerialNumber!;
    assert.equal(serial, `arn:aws:iam::${ACCOUNT}:mfa/bob-phone`);
    const text = Buffer.from(out.VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    assert.match(text, /^[A-Z2-7]{64}$/);
    seed = base32Decode(text);

    const enable = (c1: string, c2: string) => c.send(new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2 }));
    await rejectsWith(enable('123456', '654321'), 'InvalidAuthenticationCodeException', 403, 'Authentication code for device is not valid.');
    await enable(codeAt(-2), codeAt(-1));
    const listed = await c.send(new ListMFADevicesCommand({ UserName: 'bob' }));
    assert.deepEqual(listed.MFADevices!.map((d) => [d.UserName, d.SerialNumber]), [['bob', serial]]);
    const assigned = await c.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    assert.deepEqual(assigned.VirtualMFADevices!.map((d) => [d.SerialNumber, d.User?.UserName]), [[serial, 'bob']]);
    // Bob's own view, without UserName.
    assert.equal((await iam(bulwark.endpoint, bob).send(new ListMFADevicesCommand({}))).MFADevices!.length, 1);
  });

  test('AssumeRole with MFA: no code → trust denies; a wrong code → AccessDenied; the right code → a session', async () => {
    const s = sts(bulwark.endpoint, bob);
    await rejectsWith(s.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'mfa-session' })), 'AccessDenied', 403, /not authorized to perform: sts:AssumeRole/);
    const wrong = codeAt(0) === '000000' ? '000001' : '000000';
    await rejectsWith(
      s.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'mfa-session', SerialNumber: serial, TokenCode: wrong })),
      'AccessDenied',
      403,
      'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    );
    const code = codeAt(0);
    const out = await s.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'mfa-session', SerialNumber: serial, TokenCode: code }));
    const creds = out.Credentials!;
    const me = await sts(bulwark.endpoint, { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken! }).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/needs-mfa/mfa-session`);
    // The same code again is a replay.
    await rejectsWith(s.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code })), 'AccessDenied', 403, /invalid MFA one time pass code/);
    // Bob's device is not the root user's.
    await rejectsWith(sts(bulwark.endpoint, ROOT).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: codeAt(1) })), 'AccessDenied', 403, /Please verify your MFA serial number is valid and associated with this user/);
  });

  test('DeleteUser refuses while the device is assigned; deactivate, delete', async () => {
    const c = iam(bulwark.endpoint);
    await c.send(new CreateUserCommand({ UserName: 'temp' }));
    await rejectsWith(c.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })), 'DeleteConflictException', 409);
    await c.send(new DeactivateMFADeviceCommand({ UserName: 'bob', SerialNumber: serial }));
    assert.deepEqual((await c.send(new ListMFADevicesCommand({ UserName: 'bob' }))).MFADevices, []);
    await c.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    assert.deepEqual((await c.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices, []);
    await rejectsWith(c.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })), 'NoSuchEntityException', 404);
    await c.send(new DeleteUserCommand({ UserName: 'temp' }));
  });

  test('account password policy: Get/Update/Delete and enforcement on CreateLoginProfile', async () => {
    const c = iam(bulwark.endpoint);
    await rejectsWith(c.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404, `The Password Policy with domain name ${ACCOUNT} cannot be found.`);
    await c.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireNumbers: true }));
    const got = await c.send(new GetAccountPasswordPolicyCommand({}));
    assert.equal(got.PasswordPolicy!.MinimumPasswordLength, 14);
    assert.equal(got.PasswordPolicy!.RequireNumbers, true);
    assert.equal(got.PasswordPolicy!.RequireSymbols, false);
    await rejectsWith(c.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Short-1' })), 'PasswordPolicyViolationException', 400, 'Password should have a minimum length of 14');
    await c.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'a-long-password-1' }));
    await c.send(new DeleteAccountPasswordPolicyCommand({}));
    await rejectsWith(c.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404);
  });
});
