/**
 * The encoding modifiers: `base64` (the value as Base64 of its UTF-8 bytes) and `base64offset`
 * (the three forms the value takes inside a longer Base64 text, depending on where in a 3-byte
 * group it starts).
 */

export function base64(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64');
}

/**
 * Base64 turns each 3 bytes into 4 characters. When `offset` (0–2) bytes precede the value in
 * its group, the first characters also carry those bytes: skip 0, 2 or 3 characters. At the
 * end, a group the value fills only partly ends in a character that mixes in the next byte and
 * in padding: drop 3 characters after 1 byte of the last group, 2 after 2, none after 3.
 */
export function base64Offsets(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const skipStart = [0, 2, 3];
  const dropEnd = [0, 3, 2];
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const end = encoded.length - dropEnd[(offset + bytes.length) % 3];
    forms.push(encoded.slice(skipStart[offset], end));
  }
  return forms;
}
