/**
 * A minimal DER reader and writer: just enough ASN.1 to build and parse the ML-DSA
 * SubjectPublicKeyInfo and PKCS#8 structures that node:crypto on Node 20 cannot handle.
 */

export interface DerElement {
  tag: number;
  /** The element's contents (without tag and length). */
  value: Buffer;
  /** Offset just past this element in the buffer it was read from. */
  end: number;
}

/** Encodes one element: tag, definite length (short or long form), contents. */
export function derEncode(tag: number, value: Buffer): Buffer {
  const len = value.length;
  let header: Buffer;
  if (len < 0x80) header = Buffer.from([tag, len]);
  else {
    const bytes: number[] = [];
    for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, value]);
}

export const derSequence = (...items: Buffer[]): Buffer => derEncode(0x30, Buffer.concat(items));

/** Encodes a dotted OBJECT IDENTIFIER. */
export function derOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => Number(a));
  const out: number[] = [40 * arcs[0] + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift(0x80 | (n & 0x7f));
    out.push(...chunk);
  }
  return derEncode(0x06, Buffer.from(out));
}

/** Reads one element at `offset`; undefined when the bytes are not well-formed DER. */
export function derRead(buf: Buffer, offset = 0): DerElement | undefined {
  if (offset + 2 > buf.length) return undefined;
  const tag = buf[offset];
  let len = buf[offset + 1];
  let pos = offset + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4 || pos + count > buf.length) return undefined;
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + buf[pos + i];
    pos += count;
    if (len < 0x80) return undefined; // not minimal
  }
  if (pos + len > buf.length) return undefined;
  return { tag, value: buf.subarray(pos, pos + len), end: pos + len };
}

/** Reads all elements directly inside a constructed value; undefined when malformed. */
export function derChildren(value: Buffer): DerElement[] | undefined {
  const out: DerElement[] = [];
  for (let pos = 0; pos < value.length; ) {
    const el = derRead(value, pos);
    if (!el) return undefined;
    out.push(el);
    pos = el.end;
  }
  return out;
}
