/** BinaryEquals: base64 values compared byte for byte. */
import { INVALID, type OperatorSpec } from './operator.js';

const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Canonical bytes (as a latin1 string) of a base64 value, or undefined if it is not base64. */
export function decodeBase64(v: string): string | undefined {
  const t = v.trim();
  if (t.length % 4 !== 0 || !B64_RE.test(t)) return undefined;
  return Buffer.from(t, 'base64').toString('latin1');
}

export const binaryOperators: OperatorSpec<any>[] = [
  {
    name: 'BinaryEquals',
    negated: false,
    variables: false,
    wildcards: false,
    compile: (v: string) => decodeBase64(v) ?? INVALID,
    test: (c: string, p: string) => decodeBase64(c) === p,
  },
];
