/**
 * SSH public keys for CodeCommit: Upload/Get/List/Update/DeleteSSHPublicKey. A key is accepted
 * in OpenSSH form (`ssh-rsa …` or `ssh-ed25519 …`) or as a PEM public key; the fingerprint is
 * the MD5 of the decoded OpenSSH key blob in colon-separated hex, as IAM reports it.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler } from '../types.js';
import { iamScope, limitExceeded, newId, noSuchEntity, nowIso, pageOutput, paginate, toDate } from './common.js';
import { SSH_KEY_KIND } from './credential-kinds.js';
import { childId, listChildren, type EntityRecord } from './entities.js';
import { targetUser } from './users.js';

type JsonWebKey = { kty?: string; crv?: string; n?: string; e?: string; x?: string };

export const MAX_SSH_KEYS_PER_USER = 5;
const MIN_RSA_BITS = 2048;

interface SshKeyRecord {
  SSHPublicKeyId: string;
  /** The key in OpenSSH form (`<type> <base64 blob>`), comment dropped. */
  body: string;
  Fingerprint: string;
  Status: 'Active' | 'Inactive';
  UploadDate: string;
}

function unrecognized(): AwsError {
  return new AwsError('UnrecognizedPublicKeyEncoding', 'The public key encoding format is unsupported or unrecognized.', { status: 400 });
}

/** Reads one SSH wire-format string (uint32 length + bytes) at `offset`. */
function readString(buf: Buffer, offset: number): { value: Buffer; next: number } {
  if (offset + 4 > buf.length) throw unrecognized();
  const len = buf.readUInt32BE(offset);
  if (offset + 4 + len > buf.length) throw unrecognized();
  return { value: buf.subarray(offset + 4, offset + 4 + len), next: offset + 4 + len };
}

function sshString(data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, data]);
}

/** An unsigned big-endian integer as an SSH mpint (a leading zero when the top bit is set). */
function mpint(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  return sshString((trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function unsigned(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/** The key as JWK from its OpenSSH blob; throws UnrecognizedPublicKeyEncoding. */
function blobToJwk(blob: Buffer): JsonWebKey {
  const type = readString(blob, 0);
  const kind = type.value.toString('latin1');
  if (kind === 'ssh-rsa') {
    const e = readString(blob, type.next);
    const n = readString(blob, e.next);
    if (n.next !== blob.length) throw unrecognized();
    return { kty: 'RSA', e: unsigned(e.value).toString('base64url'), n: unsigned(n.value).toString('base64url') };
  }
  if (kind === 'ssh-ed25519') {
    const x = readString(blob, type.next);
    if (x.next !== blob.length || x.value.length !== 32) throw unrecognized();
    return { kty: 'OKP', crv: 'Ed25519', x: x.value.toString('base64url') };
  }
  throw unrecognized();
}

/** The OpenSSH blob of a PEM public key. */
function pemToBlob(pem: string): Buffer {
  let jwk: JsonWebKey;
  try {
    jwk = createPublicKey(pem).export({ format: 'jwk' });
  } catch {
    throw unrecognized();
  }
  if (jwk.kty === 'RSA' && jwk.n && jwk.e) {
    return Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(Buffer.from(jwk.e, 'base64url')), mpint(Buffer.from(jwk.n, 'base64url'))]);
  }
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && jwk.x) {
    return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(Buffer.from(jwk.x, 'base64url'))]);
  }
  throw unrecognized();
}

/** The key's OpenSSH form and fingerprint; rejects what IAM rejects (other types, RSA under 2048 bits). */
export function parseSshPublicKey(text: string): { body: string; fingerprint: string } {
  const trimmed = text.trim();
  let blob: Buffer;
  if (trimmed.startsWith('-----BEGIN')) {
    blob = pemToBlob(trimmed);
  } else {
    const [type, data] = trimmed.split(/\s+/);
    if (!type || !data || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) throw unrecognized();
    blob = Buffer.from(data, 'base64');
    if (readString(blob, 0).value.toString('latin1') !== type) throw unrecognized();
  }
  const jwk = blobToJwk(blob);
  let key;
  try {
    key = createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    throw unrecognized();
  }
  if (jwk.kty === 'RSA' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) throw unrecognized();
  const type = readString(blob, 0).value.toString('latin1');
  const fingerprint = (createHash('md5').update(blob).digest('hex').match(/../g) ?? []).join(':');
  return { body: `${type} ${blob.toString('base64')}`, fingerprint };
}

function toPem(body: string): string {
  const blob = Buffer.from(body.split(' ')[1] ?? '', 'base64');
  return createPublicKey({ key: blobToJwk(blob), format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
}

function fullOutput(user: EntityRecord, key: SshKeyRecord, encoding = 'SSH'): Record<string, unknown> {
  return {
    UserName: user.Name,
    SSHPublicKeyId: key.SSHPublicKeyId,
    Fingerprint: key.Fingerprint,
    SSHPublicKeyBody: encoding === 'PEM' ? toPem(key.body) : key.body,
    Status: key.Status,
    UploadDate: toDate(key.UploadDate),
  };
}

function noSuchKey(id: string): AwsError {
  return noSuchEntity(`The Public Key with id ${id} cannot be found.`);
}

export const uploadSshPublicKey: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const { body, fingerprint } = parseSshPublicKey(input.SSHPublicKeyBody as string);
  return ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    const existing = (await listChildren<SshKeyRecord>(tx, scope, SSH_KEY_KIND, user.Id)).map((k) => k.value);
    if (existing.some((k) => k.Fingerprint === fingerprint)) {
      throw new AwsError('DuplicateSSHPublicKey', 'The SSH public key is already associated with the specified IAM user.', { status: 400 });
    }
    if (existing.length >= MAX_SSH_KEYS_PER_USER) throw limitExceeded(`Cannot exceed quota for PublicKeysPerUser: ${MAX_SSH_KEYS_PER_USER}`);
    const key: SshKeyRecord = { SSHPublicKeyId: newId('APKA'), body, Fingerprint: fingerprint, Status: 'Active', UploadDate: nowIso() };
    await tx.put(scope, SSH_KEY_KIND, childId(user.Id, key.SSHPublicKeyId), key, { expectVersion: 0 });
    return { SSHPublicKey: fullOutput(user, key) };
  });
};

export const getSshPublicKey: OperationHandler = async (ctx, input) => {
  const user = await targetUser(ctx, ctx.store, input.UserName);
  const id = input.SSHPublicKeyId as string;
  const key = await ctx.store.get<SshKeyRecord>(iamScope(ctx), SSH_KEY_KIND, childId(user.Id, id));
  if (!key) throw noSuchKey(id);
  return { SSHPublicKey: fullOutput(user, key.value, input.Encoding as string) };
};

export const listSshPublicKeys: OperationHandler = async (ctx, input) => {
  const user = await targetUser(ctx, ctx.store, input.UserName);
  const keys = (await listChildren<SshKeyRecord>(ctx.store, iamScope(ctx), SSH_KEY_KIND, user.Id)).map((k) => k.value);
  keys.sort((a, b) => (a.SSHPublicKeyId < b.SSHPublicKeyId ? -1 : 1));
  return pageOutput('SSHPublicKeys', paginate(keys, (k) => k.SSHPublicKeyId, input), (k) => ({
    UserName: user.Name,
    SSHPublicKeyId: k.SSHPublicKeyId,
    Status: k.Status,
    UploadDate: toDate(k.UploadDate),
  }));
};

export const updateSshPublicKey: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const id = input.SSHPublicKeyId as string;
  await ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    const key = await tx.get<SshKeyRecord>(scope, SSH_KEY_KIND, childId(user.Id, id));
    if (!key) throw noSuchKey(id);
    await tx.put(scope, SSH_KEY_KIND, key.id, { ...key.value, Status: input.Status as SshKeyRecord['Status'] });
  });
  return {};
};

export const deleteSshPublicKey: OperationHandler = async (ctx, input) => {
  const id = input.SSHPublicKeyId as string;
  await ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    if (!(await tx.delete(iamScope(ctx), SSH_KEY_KIND, childId(user.Id, id)))) throw noSuchKey(id);
  });
  return {};
};
