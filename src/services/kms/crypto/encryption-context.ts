/**
 * The canonical byte encoding of a KMS encryption context, used as additional authenticated
 * data. It is unambiguous (every string is length-prefixed) and independent of key order.
 */

function lengthPrefixed(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/**
 * Entries sorted by key (UTF-8 byte order), the entry count then each key and value as a
 * 4-byte big-endian length + UTF-8 bytes. Empty/undefined context → the encoding of zero entries.
 */
export function encodeEncryptionContext(context?: Record<string, string>): Buffer {
  const entries = Object.entries(context ?? {}).map(([k, v]) => [Buffer.from(k, 'utf8'), Buffer.from(v, 'utf8')] as const);
  entries.sort((a, b) => Buffer.compare(a[0], b[0]));
  const count = Buffer.alloc(4);
  count.writeUInt32BE(entries.length);
  return Buffer.concat([count, ...entries.flatMap(([k, v]) => [lengthPrefixed(k), lengthPrefixed(v)])]);
}
