/**
 * Virtual MFA devices as stored, and code verification shared by IAM (Enable/Resync) and STS
 * (TokenCode). A device is keyed by its lower-cased name (names are unique in the account); an
 * assigned device also has a marker `<user id>/<name>` under MFA_USER_KIND, so DeleteUser can
 * refuse while one is assigned and ListMFADevices finds a user's devices.
 */
import { GLOBAL_REGION, type Scope, type Store, type StoreOps } from '../../store/index.js';
import type { Tag } from './common.js';
import { base32Decode, codeAt, timeStep } from './totp.js';

export const MFA_DEVICE_KIND = 'iam:mfa-device';
export const MFA_USER_KIND = 'iam:user-mfa';

export interface MfaDeviceRecord {
  SerialNumber: string;
  Name: string;
  Path: string;
  CreateDate: string;
  Tags?: Tag[];
  /** The seed, Base32 text. */
  seed: string;
  /** The user it is assigned to (enabled for). */
  userId?: string;
  EnableDate?: string;
  /** Steps the device's clock is ahead (+) or behind (−), learned at Enable/Resync/each use. */
  drift: number;
  /** The last time step whose code was accepted; older or equal steps are refused (no replay). */
  lastStep: number;
}

const SERIAL = /^arn:aws:iam::(\d{12}):mfa\/(?:.*\/)?([^/]+)$/;

/** The account and device name a virtual device's serial number names, or undefined. */
export function parseSerial(serial: string): { account: string; name: string } | undefined {
  const m = SERIAL.exec(serial);
  return m ? { account: m[1] as string, name: m[2] as string } : undefined;
}

export const deviceKey = (name: string): string => name.toLowerCase();
export const userDeviceKey = (userId: string, name: string): string => `${userId}/${name.toLowerCase()}`;

/** The virtual device with exactly this serial number in `scope`, if any. */
export async function findDevice(ops: StoreOps, scope: Scope, serial: string): Promise<{ record: MfaDeviceRecord; version: number } | undefined> {
  const parsed = parseSerial(serial);
  if (!parsed || parsed.account !== scope.account) return undefined;
  const found = await ops.get<MfaDeviceRecord>(scope, MFA_DEVICE_KIND, deviceKey(parsed.name));
  if (!found || found.value.SerialNumber !== serial) return undefined;
  return { record: found.value, version: found.version };
}

/** How many steps either side of the expected one a single code may come from. */
export const USE_WINDOW = 1;

/**
 * The time step (within `window` steps of `center`) whose code is `code` and that is later
 * than `after`, nearest to `center` first; undefined when none.
 */
export function matchStep(seed: string, code: string, center: number, window: number, after: number): number | undefined {
  const secret = base32Decode(seed);
  for (let d = 0; d <= window; d++) {
    for (const s of d === 0 ? [center] : [center - d, center + d]) {
      if (s > after && codeAt(secret, s) === code) return s;
    }
  }
  return undefined;
}

/**
 * The first step t (within `window` of `center`) where code1 is t's code and code2 is t+1's:
 * two consecutive codes, as EnableMFADevice and ResyncMFADevice require.
 */
export function matchConsecutive(seed: string, code1: string, code2: string, center: number, window: number): number | undefined {
  const secret = base32Decode(seed);
  for (let d = 0; d <= window; d++) {
    for (const s of d === 0 ? [center] : [center - d, center + d]) {
      if (codeAt(secret, s) === code1 && codeAt(secret, s + 1) === code2) return s;
    }
  }
  return undefined;
}

/**
 * Whether `code` is a valid one-time code now for the enabled (assigned) virtual MFA device
 * `serialNumber` of `account`. An accepted code's step is remembered, so the same code (or an
 * older one) is refused afterwards. False when no such assigned device exists.
 */
export async function verifyMfaCode(store: Store, account: string, serialNumber: string, code: string, now: Date): Promise<boolean> {
  const scope: Scope = { account, region: GLOBAL_REGION };
  return store.transaction(async (tx) => {
    const found = await findDevice(tx, scope, serialNumber);
    if (!found || found.record.userId === undefined) return false;
    const device = found.record;
    const step = matchStep(device.seed, code, timeStep(now.getTime()) + device.drift, USE_WINDOW, device.lastStep);
    if (step === undefined) return false;
    await tx.put(scope, MFA_DEVICE_KIND, deviceKey(device.Name), { ...device, lastStep: step }, { expectVersion: found.version });
    return true;
  });
}
