import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base32Decode, base32Encode, hotp, timeStep, totp } from './totp.js';

// RFC 6238 appendix B: the seeds are ASCII "1234567890" repeated to the hash's length.
const SEEDS = {
  sha1: Buffer.from('12345678901234567890', 'ascii'),
  sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii'),
} as const;

const VECTORS: Array<[number, string, string, string]> = [
  // time (s), SHA1, SHA256, SHA512
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

test('TOTP matches the RFC 6238 test vectors (8 digits, SHA-1/256/512)', () => {
  for (const [t, sha1, sha256, sha512] of VECTORS) {
    assert.equal(totp(SEEDS.sha1, t * 1000, { digits: 8 }), sha1, `sha1 @${t}`);
    assert.equal(totp(SEEDS.sha256, t * 1000, { digits: 8, algorithm: 'sha256' }), sha256, `sha256 @${t}`);
    assert.equal(totp(SEEDS.sha512, t * 1000, { digits: 8, algorithm: 'sha512' }), sha512, `sha512 @${t}`);
  }
});

test('6-digit codes are the last six digits; the step is 30 s', () => {
  assert.equal(totp(SEEDS.sha1, 59_000), '287082');
  assert.equal(totp(SEEDS.sha1, 1111111109_000), '081804');
  assert.equal(timeStep(59_000), 1);
  assert.equal(timeStep(60_000), 2);
});

test('HOTP matches the RFC 4226 appendix D values', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => assert.equal(hotp(SEEDS.sha1, counter), code));
});

test('Base32 round-trips and matches RFC 4648 vectors', () => {
  const cases: Array<[string, string]> = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
  for (const [plain, encoded] of cases) {
    assert.equal(base32Encode(Buffer.from(plain)), encoded);
    assert.equal(base32Decode(encoded).toString(), plain);
    assert.equal(base32Decode(`${encoded.toLowerCase()}======`).toString(), plain);
  }
  assert.equal(base32Encode(SEEDS.sha1), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  assert.throws(() => base32Decode('ABC1'));
});
