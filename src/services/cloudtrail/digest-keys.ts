/**
 * The RSA key pairs that sign CloudTrail digest files. As AWS documents, CloudTrail uses a
 * different key pair per Region (every account's digests of a Region are signed with that
 * Region's key) and rotates it: here each key serves one 30-day period (periods are aligned on
 * the Unix epoch, so every process agrees which key is current), and is created on first use in
 * its period. Keys are never deleted: ListPublicKeys must still find the key of an old digest.
 *
 * Store: scope `aws-cloudtrail` / <region>, kind `cloudtrail:digest-key`, id `p<period number>`:
 * the public key (PKCS#1 DER, as ListPublicKeys returns it), its fingerprint (hex MD5 of that DER,
 * the digestPublicKeyFingerprint of the digests it signs), its validity, and the private key
 * (PKCS#8 DER) sealed under the master key, bound to the record's own label. Private keys are
 * opened once per process and kept (the records never change).
 *
 * Only names shaped like AWS Regions get a key, so a caller cannot make Bulwark generate RSA keys
 * for any string it signs its requests with.
 */
import { createHash, createPrivateKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { MasterKey } from '../../crypto/master-key.js';
import type { Scope, Store, StoreOps } from '../../store/index.js';

const KEY_KIND = 'cloudtrail:digest-key';
export const KEY_PERIOD_MS = 30 * 24 * 60 * 60 * 1000;

export interface DigestKeyRecord {
  Fingerprint: string;
  /** PKCS#1 RSAPublicKey, DER, base64. */
  PublicKey: string;
  ValidityStartTime: string;
  ValidityEndTime: string;
  /** PKCS#8 private key, DER, sealed under the master key. */
  SealedPrivateKey: string;
}

export interface SigningKey {
  fingerprint: string;
  privateKey: KeyObject;
}

const keyScope = (region: string): Scope => ({ account: 'aws-cloudtrail', region });
const periodId = (period: number): string => `p${String(period).padStart(8, '0')}`;
const sealLabel = (region: string, id: string): string => `cloudtrail:digest-key:${region}:${id}`;

const opened = new Map<string, KeyObject>();
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const generate = promisify(generateKeyPair);

/** The Region's key of the period `at` falls in, created when it does not exist yet. */
export async function currentDigestKey(store: Store, masterKey: MasterKey, region: string, at = new Date()): Promise<DigestKeyRecord & { id: string }> {
  const period = Math.floor(at.getTime() / KEY_PERIOD_MS);
  const id = periodId(period);
  const scope = keyScope(region);
  const found = await store.get<DigestKeyRecord>(scope, KEY_KIND, id);
  if (found) return { ...found.value, id };
  const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const der = publicKey.export({ type: 'pkcs1', format: 'der' });
  const record: DigestKeyRecord = {
    Fingerprint: createHash('md5').update(der).digest('hex'),
    PublicKey: der.toString('base64'),
    ValidityStartTime: new Date(Math.max(period * KEY_PERIOD_MS, Math.floor(at.getTime() / 1000) * 1000 - 60_000)).toISOString(),
    ValidityEndTime: new Date((period + 1) * KEY_PERIOD_MS).toISOString(),
    SealedPrivateKey: masterKey.seal(privateKey.export({ type: 'pkcs8', format: 'der' }), sealLabel(region, id)),
  };
  // Two processes may create the period's key at once: the first one stored wins.
  const stored = await store.transaction(async (tx) => {
    const raced = await tx.get<DigestKeyRecord>(scope, KEY_KIND, id);
    if (raced) return raced.value;
    await tx.put(scope, KEY_KIND, id, record, { expectVersion: 0 });
    return record;
  });
  return { ...stored, id };
}

/** The key that signs the Region's digests now. */
export async function signingKey(store: Store, masterKey: MasterKey, region: string, at = new Date()): Promise<SigningKey> {
  const key = await currentDigestKey(store, masterKey, region, at);
  const label = sealLabel(region, key.id);
  // By fingerprint too: another store (a reset, a second Bulwark in this process) has other keys under the same ids.
  const cached = `${label}:${key.Fingerprint}`;
  let privateKey = opened.get(cached);
  if (!privateKey) {
    privateKey = createPrivateKey({ key: masterKey.open(key.SealedPrivateKey, label), format: 'der', type: 'pkcs8' });
    opened.set(cached, privateKey);
  }
  return { fingerprint: key.Fingerprint, privateKey };
}

/** The Region's keys whose validity overlaps [start, end], oldest first. */
export async function digestKeysBetween(ops: StoreOps, region: string, start: Date, end: Date): Promise<DigestKeyRecord[]> {
  const out: DigestKeyRecord[] = [];
  let after: string | undefined;
  do {
    const page = await ops.list<DigestKeyRecord>(keyScope(region), KEY_KIND, { after, limit: 500 });
    for (const item of page.items) {
      const key = item.value;
      if (Date.parse(key.ValidityStartTime) <= end.getTime() && Date.parse(key.ValidityEndTime) >= start.getTime()) out.push(key);
    }
    after = page.next;
  } while (after !== undefined);
  return out;
}
