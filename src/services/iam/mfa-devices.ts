/**
 * Virtual MFA devices: CreateVirtualMFADevice, ListVirtualMFADevices, DeleteVirtualMFADevice,
 * EnableMFADevice, DeactivateMFADevice, ResyncMFADevice, ListMFADevices, GetMFADevice and the
 * device tags. Codes are real TOTP (RFC 6238, SHA-1, 30 s, 6 digits) from the seed returned at
 * creation. QRCodePNG is not produced (the member is optional; clients use Base32StringSeed).
 */
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { entityAlreadyExists, iamArn, iamScope, limitExceeded, noSuchEntity, nowIso, outputTags, pageOutput, paginate, requestTags, toDate, deleteConflict } from './common.js';
import { entityById, listChildren, requireEntity, type EntityRecord } from './entities.js';
import {
  deviceKey,
  findDevice,
  matchConsecutive,
  MFA_DEVICE_KIND,
  MFA_USER_KIND,
  userDeviceKey,
  type MfaDeviceRecord,
} from './mfa-records.js';
import { timeStep } from './totp.js';
import { callerUser, userOutput } from './users.js';

/** AWS allows up to 8 MFA devices per user. */
const MAX_DEVICES_PER_USER = 8;
/** Steps either side of now searched for the two codes of EnableMFADevice / ResyncMFADevice. */
const ENABLE_WINDOW = 10;
const RESYNC_WINDOW = 60;

function invalidCode(): AwsError {
  return new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', { status: 403 });
}

function noDevice(serial: string): AwsError {
  return noSuchEntity(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
}

async function requireDevice(ops: StoreOps, scope: Scope, serial: string): Promise<{ record: MfaDeviceRecord; version: number }> {
  const found = await findDevice(ops, scope, serial);
  if (!found) throw noDevice(serial);
  return found;
}

async function saveDevice(ops: StoreOps, scope: Scope, record: MfaDeviceRecord, version: number): Promise<void> {
  await ops.put(scope, MFA_DEVICE_KIND, deviceKey(record.Name), record, { expectVersion: version });
}

/** The user named, or the caller when no name is given (IAM users only). */
async function namedOrCaller(ctx: RequestContext, ops: StoreOps, name: unknown): Promise<EntityRecord> {
  return typeof name === 'string' ? requireEntity(ops, iamScope(ctx), 'user', name) : callerUser(ctx, ops);
}

/** The device, which must be assigned to `user` (NoSuchEntity otherwise). */
async function userDevice(ops: StoreOps, scope: Scope, user: EntityRecord, serial: string): Promise<{ record: MfaDeviceRecord; version: number }> {
  const found = await findDevice(ops, scope, serial);
  if (!found || found.record.userId !== user.Id) throw noSuchEntity(`MFA Device with serial number ${serial} does not exist.`);
  return found;
}

export const createVirtualMfaDevice: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const name = input.VirtualMFADeviceName as string;
  const path = (input.Path as string | undefined) ?? '/';
  const tags = requestTags(input);
  const seed = base32Seed();
  const record: MfaDeviceRecord = {
    SerialNumber: iamArn(ctx.account, 'mfa', path, name),
    Name: name,
    Path: path,
    CreateDate: nowIso(),
    Tags: tags,
    seed,
    drift: 0,
    lastStep: -1,
  };
  await ctx.store.transaction(async (tx) => {
    if (await tx.get(scope, MFA_DEVICE_KIND, deviceKey(name))) throw entityAlreadyExists('MFADevice entity at the same path and name already exists.');
    await tx.put(scope, MFA_DEVICE_KIND, deviceKey(name), record, { expectVersion: 0 });
  });
  // The blob is the Base32 text's bytes (the SDKs hand back the text, base64-decoded from the wire).
  return { VirtualMFADevice: { SerialNumber: record.SerialNumber, Base32StringSeed: Buffer.from(seed, 'ascii'), Tags: outputTags(tags) } };
};

/** A 40-byte random seed as 64 Base32 characters, the length IAM's seeds have. */
function base32Seed(): string {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(64)].map((b) => ALPHABET[b & 31]).join('');
}

export const listVirtualMfaDevices: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const status = (input.AssignmentStatus as string | undefined) ?? 'Any';
  const devices = (await ctx.store.list<MfaDeviceRecord>(scope, MFA_DEVICE_KIND)).items
    .map((i) => i.value)
    .filter((d) => status === 'Any' || (status === 'Assigned') === (d.userId !== undefined))
    .sort((a, b) => (a.SerialNumber < b.SerialNumber ? -1 : 1));
  const page = paginate(devices, (d) => d.SerialNumber, input);
  const out = pageOutput('VirtualMFADevices', page, (d) => d);
  const items: Record<string, unknown>[] = [];
  for (const d of page.items) {
    const user = d.userId ? await entityById(ctx.store, scope, 'user', d.userId) : undefined;
    items.push({ SerialNumber: d.SerialNumber, User: user ? userOutput(user, false) : undefined, EnableDate: d.EnableDate ? toDate(d.EnableDate) : undefined, Tags: outputTags(d.Tags) });
  }
  out.VirtualMFADevices = items;
  return out;
};

export const deleteVirtualMfaDevice: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const serial = input.SerialNumber as string;
  await ctx.store.transaction(async (tx) => {
    const { record } = await requireDevice(tx, scope, serial);
    if (record.userId !== undefined) throw deleteConflict('MFA VirtualDevice in use. Must deactivate first.');
    await tx.delete(scope, MFA_DEVICE_KIND, deviceKey(record.Name));
  });
  return {};
};

export const enableMfaDevice: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const serial = input.SerialNumber as string;
  await ctx.store.transaction(async (tx) => {
    const user = await requireEntity(tx, scope, 'user', input.UserName as string);
    const found = await findDevice(tx, scope, serial);
    if (!found) throw noDevice(serial);
    const device = found.record;
    if (device.userId !== undefined) throw entityAlreadyExists('MFA Device is already in use.');
    if ((await listChildren(tx, scope, MFA_USER_KIND, user.Id)).length >= MAX_DEVICES_PER_USER) {
      throw limitExceeded('Cannot exceed quota for MFADevicesPerUser: 8');
    }
    const now = timeStep(ctx.receivedAt.getTime());
    const step = matchConsecutive(device.seed, input.AuthenticationCode1 as string, input.AuthenticationCode2 as string, now, ENABLE_WINDOW);
    if (step === undefined) throw invalidCode();
    const enabled: MfaDeviceRecord = { ...device, userId: user.Id, EnableDate: nowIso(), drift: step + 1 - now, lastStep: step + 1 };
    await saveDevice(tx, scope, enabled, found.version);
    await tx.put(scope, MFA_USER_KIND, userDeviceKey(user.Id, device.Name), { name: device.Name });
  });
  return {};
};

export const resyncMfaDevice: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const user = await requireEntity(tx, scope, 'user', input.UserName as string);
    const found = await userDevice(tx, scope, user, input.SerialNumber as string);
    const now = timeStep(ctx.receivedAt.getTime());
    const step = matchConsecutive(found.record.seed, input.AuthenticationCode1 as string, input.AuthenticationCode2 as string, now, RESYNC_WINDOW);
    if (step === undefined) throw invalidCode();
    await saveDevice(tx, scope, { ...found.record, drift: step + 1 - now, lastStep: Math.max(found.record.lastStep, step + 1) }, found.version);
  });
  return {};
};

export const deactivateMfaDevice: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const user = await namedOrCaller(ctx, tx, input.UserName);
    const found = await userDevice(tx, scope, user, input.SerialNumber as string);
    const rest = { ...found.record, drift: 0, lastStep: -1 };
    delete rest.userId;
    delete rest.EnableDate;
    await saveDevice(tx, scope, rest, found.version);
    await tx.delete(scope, MFA_USER_KIND, userDeviceKey(user.Id, found.record.Name));
  });
  return {};
};

async function devicesOf(ops: StoreOps, scope: Scope, user: EntityRecord): Promise<MfaDeviceRecord[]> {
  const out: MfaDeviceRecord[] = [];
  for (const marker of await listChildren<{ name: string }>(ops, scope, MFA_USER_KIND, user.Id)) {
    const d = await ops.get<MfaDeviceRecord>(scope, MFA_DEVICE_KIND, deviceKey(marker.value.name));
    if (d && d.value.userId === user.Id) out.push(d.value);
  }
  return out.sort((a, b) => (a.SerialNumber < b.SerialNumber ? -1 : 1));
}

export const listMfaDevices: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  // The root user's own (hardware or virtual) devices are not modelled: root lists none.
  if (input.UserName === undefined && ctx.principal.type === 'Root') return { MFADevices: [], IsTruncated: false };
  const user = await namedOrCaller(ctx, ctx.store, input.UserName);
  const devices = await devicesOf(ctx.store, scope, user);
  return pageOutput('MFADevices', paginate(devices, (d) => d.SerialNumber, input), (d) => ({
    UserName: user.Name,
    SerialNumber: d.SerialNumber,
    EnableDate: toDate(d.EnableDate ?? d.CreateDate),
  }));
};

export const getMfaDevice: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const serial = input.SerialNumber as string;
  const found = await findDevice(ctx.store, scope, serial);
  if (!found || found.record.userId === undefined) throw noSuchEntity(`MFA Device with serial number ${serial} does not exist.`);
  const user = await entityById(ctx.store, scope, 'user', found.record.userId);
  if (typeof input.UserName === 'string' && user?.Name.toLowerCase() !== input.UserName.toLowerCase()) {
    throw noSuchEntity(`MFA Device with serial number ${serial} does not exist.`);
  }
  return { UserName: user?.Name, SerialNumber: serial, EnableDate: found.record.EnableDate ? toDate(found.record.EnableDate) : undefined };
};

/** The device's tags, for tags.ts' Tag/Untag/List handlers. */
export async function mfaTagTarget(ops: StoreOps, scope: Scope, input: OperationInput) {
  const found = await requireDevice(ops, scope, input.SerialNumber as string);
  return { tags: found.record.Tags ?? [], save: (tags: MfaDeviceRecord['Tags']) => saveDevice(ops, scope, { ...found.record, Tags: tags }, found.version) };
}
