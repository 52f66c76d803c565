import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { KEY_SPECS } from './key-specs.js';
import { generateKeyMaterial, publicKeyDer } from './material.js';
import { digestLength, sign, verify, type MessageType } from './signing.js';

const HASH_OF: Record<string, string> = { 32: 'sha256', 48: 'sha384', 64: 'sha512' };
const SPECS = ['RSA_2048', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87'];
const material: Record<string, Buffer> = Object.fromEntries(SPECS.map((s) => [s, generateKeyMaterial(s)]));

function flip(buf: Buffer, index = buf.length >> 1): Buffer {
  const out = Buffer.from(buf);
  out[index] ^= 0x01;
  return out;
}

function checkRejections(spec: string, algorithm: string, type: MessageType, message: Buffer, signature: Buffer): void {
  const key = material[spec];
  assert.equal(verify(spec, key, algorithm, type, flip(message), signature), false, `${algorithm} tampered message`);
  assert.equal(verify(spec, key, algorithm, type, message, flip(signature)), false, `${algorithm} tampered signature`);
  assert.equal(verify(spec, key, algorithm, type, message, signature.subarray(1)), false, `${algorithm} truncated signature`);
  assert.equal(verify(spec, key, algorithm, type, message, Buffer.alloc(0)), false, `${algorithm} empty signature`);
  assert.equal(verify(spec, key, algorithm, type, message, randomBytes(signature.length)), false, `${algorithm} random signature`);
}

describe('KMS Sign / Verify', () => {
  test('digestLength', () => {
    assert.equal(digestLength('RSASSA_PSS_SHA_256'), 32);
    assert.equal(digestLength('RSASSA_PKCS1_V1_5_SHA_384'), 48);
    assert.equal(digestLength('ECDSA_SHA_512'), 64);
    assert.equal(digestLength('ED25519_PH_SHA_512'), 64);
    assert.equal(digestLength('ML_DSA_SHAKE_256'), 64);
    assert.equal(digestLength('ED25519_SHA_512'), undefined);
    assert.equal(digestLength('NOPE'), undefined);
  });

  test('hash-based algorithms: RAW and DIGEST signatures are interchangeable, tampering fails', () => {
    for (const spec of ['RSA_2048', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519']) {
      for (const algorithm of KEY_SPECS[spec].signingAlgorithms) {
        if (algorithm === 'ED25519_SHA_512') continue;
        const key = material[spec];
        const message = randomBytes(100);
        const digest = createHash(HASH_OF[digestLength(algorithm)!]).update(message).digest();
        const rawSig = sign(spec, key, algorithm, 'RAW', message);
        const digestSig = sign(spec, key, algorithm, 'DIGEST', digest);
        for (const sig of [rawSig, digestSig]) {
          assert.ok(verify(spec, key, algorithm, 'RAW', message, sig), `${spec} ${algorithm} RAW`);
          assert.ok(verify(spec, key, algorithm, 'DIGEST', digest, sig), `${spec} ${algorithm} DIGEST`);
        }
        checkRejections(spec, algorithm, 'RAW', message, rawSig);
        checkRejections(spec, algorithm, 'DIGEST', digest, digestSig);
        // A digest signed as a RAW message is hashed twice and does not verify as DIGEST.
        assert.equal(verify(spec, key, algorithm, 'DIGEST', digest, sign(spec, key, algorithm, 'RAW', digest)), false);
      }
    }
  });

  test('ECDSA signatures are DER SEQUENCEs', () => {
    const sig = sign('ECC_NIST_P256', material.ECC_NIST_P256, 'ECDSA_SHA_256', 'DIGEST', randomBytes(32));
    assert.equal(sig[0], 0x30);
    assert.equal(sig[1], sig.length - 2);
  });

  test('Ed25519 (pure) signs RAW only', () => {
    const spec = 'ECC_NIST_EDWARDS25519';
    const message = randomBytes(77);
    const sig = sign(spec, material[spec], 'ED25519_SHA_512', 'RAW', message);
    assert.equal(sig.length, 64);
    assert.ok(verify(spec, material[spec], 'ED25519_SHA_512', 'RAW', message, sig));
    checkRejections(spec, 'ED25519_SHA_512', 'RAW', message, sig);
    assert.throws(() => sign(spec, material[spec], 'ED25519_SHA_512', 'DIGEST', randomBytes(64)), { code: 'ValidationException' });
    // Pure Ed25519 and Ed25519ph signatures are domain-separated.
    assert.equal(verify(spec, material[spec], 'ED25519_PH_SHA_512', 'RAW', message, sig), false);
  });

  test('Ed25519ph matches RFC 8032 HashEdDSA (@noble/curves ed25519ph)', () => {
    const spec = 'ECC_NIST_EDWARDS25519';
    const message = randomBytes(50);
    const pub = createPublicKey({ key: publicKeyDer(spec, material[spec]), format: 'der', type: 'spki' });
    const rawPub = Buffer.from(pub.export({ format: 'jwk' }).x!, 'base64url');
    const sig = sign(spec, material[spec], 'ED25519_PH_SHA_512', 'DIGEST', createHash('sha512').update(message).digest());
    assert.ok(ed25519ph.verify(sig, message, rawPub));
  });

  test('ML-DSA: RAW and EXTERNAL_MU signatures are interchangeable (FIPS 204, empty context)', () => {
    for (const spec of ['ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87']) {
      const key = material[spec];
      const message = randomBytes(300);
      const der = publicKeyDer(spec, key);
      const pk = publicKeyFromSpki(der);
      const tr = shake256(pk, 64);
      const mu = shake256(Buffer.concat([tr, Buffer.from([0, 0]), message]), 64);
      const rawSig = sign(spec, key, 'ML_DSA_SHAKE_256', 'RAW', message);
      const muCopy = Buffer.from(mu);
      const muSig = sign(spec, key, 'ML_DSA_SHAKE_256', 'EXTERNAL_MU', mu);
      assert.ok(mu.equals(muCopy), 'the caller\'s μ is left untouched');
      for (const sig of [rawSig, muSig]) {
        assert.ok(verify(spec, key, 'ML_DSA_SHAKE_256', 'RAW', message, sig), `${spec} RAW`);
        assert.ok(verify(spec, key, 'ML_DSA_SHAKE_256', 'EXTERNAL_MU', mu, sig), `${spec} EXTERNAL_MU`);
      }
      checkRejections(spec, 'ML_DSA_SHAKE_256', 'RAW', message, rawSig);
      checkRejections(spec, 'ML_DSA_SHAKE_256', 'EXTERNAL_MU', mu, muSig);
      assert.throws(() => sign(spec, key, 'ML_DSA_SHAKE_256', 'DIGEST', randomBytes(64)), { code: 'ValidationException' });
      assert.throws(() => sign(spec, key, 'ML_DSA_SHAKE_256', 'EXTERNAL_MU', randomBytes(32)), { code: 'ValidationException' });
    }
    const pk = publicKeyFromSpki(publicKeyDer('ML_DSA_65', material.ML_DSA_65));
    const message = Buffer.from('independent check');
    assert.ok(ml_dsa65.verify(sign('ML_DSA_65', material.ML_DSA_65, 'ML_DSA_SHAKE_256', 'RAW', message), message, pk));
  });

  test('parameter errors', () => {
    assert.throws(() => sign('RSA_2048', material.RSA_2048, 'ECDSA_SHA_256', 'RAW', Buffer.from('x')), { code: 'InvalidKeyUsageException' });
    assert.throws(() => sign('ECC_NIST_P384', material.ECC_NIST_P384, 'ECDSA_SHA_256', 'RAW', Buffer.from('x')), { code: 'InvalidKeyUsageException' });
    assert.throws(() => sign('RSA_2048', material.RSA_2048, 'RSASSA_PSS_SHA_256', 'DIGEST', randomBytes(48)), { code: 'ValidationException' });
    assert.throws(() => sign('RSA_2048', material.RSA_2048, 'RSASSA_PSS_SHA_256', 'EXTERNAL_MU', randomBytes(64)), { code: 'ValidationException' });
    assert.throws(() => sign('SM2', Buffer.alloc(0), 'SM2DSA', 'RAW', Buffer.from('x')), { code: 'UnsupportedOperationException' });
  });
});

function shake256(data: Buffer, outputLength: number): Buffer {
  return createHash('shake256', { outputLength }).update(data).digest();
}

/** The BIT STRING contents of an ML-DSA SPKI (the last element; public keys are > 127 bytes). */
function publicKeyFromSpki(der: Buffer): Buffer {
  // SEQUENCE { SEQUENCE { OID } (13 bytes), BIT STRING } with long-form lengths.
  const outerLenBytes = der[1] & 0x7f;
  let pos = 2 + outerLenBytes + 13;
  assert.equal(der[pos], 0x03);
  const lenBytes = der[pos + 1] & 0x7f;
  pos += 2 + lenBytes;
  assert.equal(der[pos], 0);
  return der.subarray(pos + 1);
}

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe('signatures verified by the openssl CLI', { skip: hasOpenssl ? false : 'openssl CLI not found' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kms-sig-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function files(spec: string, message: Buffer, signature: Buffer): { pub: string; msg: string; sig: string } {
    const pub = join(dir, `${spec}.pem`);
    const msg = join(dir, 'msg');
    const sig = join(dir, 'sig');
    writeFileSync(pub, createPublicKey({ key: publicKeyDer(spec, material[spec]), format: 'der', type: 'spki' }).export({ format: 'pem', type: 'spki' }));
    writeFileSync(msg, message);
    writeFileSync(sig, signature);
    return { pub, msg, sig };
  }

  function dgstVerify(spec: string, algorithm: string, type: MessageType, extra: string[] = []): void {
    const message = randomBytes(64);
    const hash = HASH_OF[digestLength(algorithm)!];
    const input = type === 'DIGEST' ? createHash(hash).update(message).digest() : message;
    const f = files(spec, message, sign(spec, material[spec], algorithm, type, input));
    const out = execFileSync('openssl', ['dgst', `-${hash}`, '-verify', f.pub, ...extra, '-signature', f.sig, f.msg]).toString();
    assert.match(out, /Verified OK/, `${spec} ${algorithm} ${type}`);
    const bad = spawnSync('openssl', ['dgst', `-${hash}`, '-verify', f.pub, ...extra, '-signature', f.sig, f.pub]);
    assert.notEqual(bad.status, 0);
  }

  test('RSA PKCS#1 v1.5 and PSS (salt = hash length), RAW and DIGEST', () => {
    for (const type of ['RAW', 'DIGEST'] as const) {
      for (const bits of [256, 384, 512]) {
        dgstVerify('RSA_2048', `RSASSA_PKCS1_V1_5_SHA_${bits}`, type);
        dgstVerify('RSA_2048', `RSASSA_PSS_SHA_${bits}`, type, ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', `rsa_pss_saltlen:${bits / 8}`]);
      }
    }
  });

  test('ECDSA on every curve, RAW and DIGEST', () => {
    for (const type of ['RAW', 'DIGEST'] as const) {
      dgstVerify('ECC_NIST_P256', 'ECDSA_SHA_256', type);
      dgstVerify('ECC_NIST_P384', 'ECDSA_SHA_384', type);
      dgstVerify('ECC_NIST_P521', 'ECDSA_SHA_512', type);
      dgstVerify('ECC_SECG_P256K1', 'ECDSA_SHA_256', type);
    }
  });

  test('Ed25519', () => {
    const spec = 'ECC_NIST_EDWARDS25519';
    const message = randomBytes(123);
    const f = files(spec, message, sign(spec, material[spec], 'ED25519_SHA_512', 'RAW', message));
    const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', f.pub, '-rawin', '-in', f.msg, '-sigfile', f.sig]).toString();
    assert.match(out, /Signature Verified Successfully/);
    const bad = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', f.pub, '-rawin', '-in', f.pub, '-sigfile', f.sig]);
    assert.notEqual(bad.status, 0);
  });
});
