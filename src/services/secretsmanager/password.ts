/**
 * GetRandomPassword with a CSPRNG (node:crypto randomInt): PasswordLength 1–4096 (default 32,
 * the model checks the range); upper and lower case letters, digits and the punctuation
 * !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ unless excluded; the space only with IncludeSpace;
 * ExcludeCharacters removes single characters. RequireEachIncludedType (default true) puts at
 * least one character of each included letter, digit and punctuation class in the password.
 */
import { randomInt } from 'node:crypto';
import type { OperationHandler } from '../types.js';
import { invalidParameter } from './errors.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export const getRandomPassword: OperationHandler = (_ctx, input) => {
  const length = typeof input.PasswordLength === 'number' ? input.PasswordLength : 32;
  const excluded = new Set(typeof input.ExcludeCharacters === 'string' ? Array.from(input.ExcludeCharacters) : []);
  const keep = (chars: string): string[] => Array.from(chars).filter((c) => !excluded.has(c));
  const classes: string[][] = [];
  if (input.ExcludeLowercase !== true) classes.push(keep(LOWER));
  if (input.ExcludeUppercase !== true) classes.push(keep(UPPER));
  if (input.ExcludeNumbers !== true) classes.push(keep(DIGITS));
  if (input.ExcludePunctuation !== true) classes.push(keep(PUNCTUATION));
  const required = classes.filter((c) => c.length > 0);
  const pool = required.flat();
  if (input.IncludeSpace === true && !excluded.has(' ')) pool.push(' ');
  // Unconfirmed wording (both).
  if (pool.length === 0) throw invalidParameter('The password cannot be generated: every character type or character is excluded.');
  const requireEach = input.RequireEachIncludedType !== false;
  if (requireEach && length < required.length) {
    throw invalidParameter(`The password length ${length} is too short to include each of the ${required.length} required character types.`);
  }
  const chars: string[] = [];
  if (requireEach) for (const c of required) chars.push(c[randomInt(c.length)] as string);
  while (chars.length < length) chars.push(pool[randomInt(pool.length)] as string);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const t = chars[i] as string;
    chars[i] = chars[j] as string;
    chars[j] = t;
  }
  return { RandomPassword: chars.join('') };
};
