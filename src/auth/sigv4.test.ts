import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import type { HttpRequest } from '../protocol/http.js';
import { AuthFailure, type AuthFailureReason } from './auth-failure.js';
import { EMPTY_SHA256, signatureMatches, signingKey, signingKeyCacheSize, SIGNING_KEY_CACHE_SIZE } from './crypto.js';
import { verifySigV4 } from './sigv4.js';
import { alter, asyncLookup, lookup, SESSION, signWithSdk, T0, USER } from './sigv4-oracle.js';
import type { Credential } from './types.js';

async function failure(promise: Promise<unknown>): Promise<AuthFailure> {
  const error = await promise.then(
    () => assert.fail('expected an AuthFailure'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AuthFailure, `not an AuthFailure: ${String(error)}`);
  return error;
}

async function expectReason(req: HttpRequest, reason: AuthFailureReason, problem?: string): Promise<AuthFailure> {
  const f = await failure(verifySigV4(req, lookup, { now: T0 }));
  assert.equal(f.reason, reason, f.message);
  if (problem !== undefined) assert.equal(f.detail.problem, problem);
  return f;
}

const sts = () => signWithSdk({ service: 'sts', method: 'POST', body: 'Action=GetCallerIdentity&Version=2011-06-15', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const s3 = () => signWithSdk({ service: 's3', path: '/bucket/key' });

const hex = (data: string) => createHash('sha256').update(data).digest('hex');
const mac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

describe('verifySigV4: success details', () => {
  it('returns the credential, scope, signed headers and payload hash', async () => {
    const req = await sts();
    const result = await verifySigV4(req, lookup, { now: T0 });
    assert.equal(result.credential, USER);
    assert.equal(result.accessKeyId, USER.accessKeyId);
    assert.deepEqual(result.scope, { date: '20130524', region: 'us-east-1', service: 'sts' });
    assert.deepEqual(result.signedHeaders, ['content-type', 'host', 'x-amz-date']);
    assert.equal(result.presigned, false);
    assert.equal(result.payloadHash, hex('Action=GetCallerIdentity&Version=2011-06-15'));
    assert.equal(result.streaming, undefined);
  });

  it('accepts an async credential lookup', async () => {
    const result = await verifySigV4(await sts(), asyncLookup, { now: T0 });
    assert.equal(result.accessKeyId, USER.accessKeyId);
  });

  it('checks the expected region and service when given', async () => {
    const req = await sts();
    await verifySigV4(req, lookup, { now: T0, expectedRegion: 'us-east-1', expectedService: 'sts' });
    const f = await failure(verifySigV4(req, lookup, { now: T0, expectedRegion: 'eu-west-1' }));
    assert.equal(f.reason, 'scope-mismatch');
    assert.equal(f.detail.value, 'us-east-1');
    assert.equal(f.detail.expected, 'eu-west-1');
  });

  it('verifies a request dated by the HTTP Date header (independently computed signature)', async () => {
    const canonical = ['GET', '/', '', 'date:Fri, 24 May 2013 00:00:00 GMT', 'host:bulwark.local', '', 'date;host', EMPTY_SHA256].join('\n');
    const scope = '20130524/us-east-1/sts/aws4_request';
    const stringToSign = `AWS4-HMAC-SHA256\n20130524T000000Z\n${scope}\n${hex(canonical)}`;
    let key: Buffer = mac('AWS4' + USER.secretAccessKey, '20130524');
    for (const part of ['us-east-1', 'sts', 'aws4_request']) key = mac(key, part);
    const signature = mac(key, stringToSign).toString('hex');
    const req: HttpRequest = {
      method: 'GET',
      path: '/',
      rawQuery: '',
      headers: {
        host: 'bulwark.local',
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        authorization: `AWS4-HMAC-SHA256 Credential=${USER.accessKeyId}/${scope}, SignedHeaders=date;host, Signature=${signature}`,
      },
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
      secure: false,
    };
    const result = await verifySigV4(req, lookup, { now: new Date(T0.getTime() + 60_000) });
    assert.equal(result.requestTime.getTime(), T0.getTime());
  });

  it('canonicalizes query encodings the client chose differently from the signer', async () => {
    const req = await signWithSdk({ service: 's3', path: '/b', query: { tagging: '', a: 'x y~z', b: '/' } });
    assert.match(req.rawQuery, /tagging=&/);
    const variant = req.rawQuery.replace('tagging=&', 'tagging&').replace('x%20y~z', 'x+y%7ez').replace('b=%2F', 'b=%2f');
    assert.notEqual(variant, req.rawQuery);
    await verifySigV4({ ...req, rawQuery: variant }, lookup, { now: T0 });
  });

  it('encodes S3 path characters a client left unencoded', async () => {
    const req = await signWithSdk({ service: 's3', path: '/b/a%28b%29%20c' });
    await verifySigV4({ ...req, path: '/b/a(b)%20c' }, lookup, { now: T0 });
    await verifySigV4({ ...req, path: '/b/a%28b%29%20c' }, lookup, { now: T0 });
  });

  it('double-encodes non-S3 paths: a raw %20 differs from a raw space', async () => {
    const req = await signWithSdk({ service: 'guardduty', path: '/detector/a%20b' });
    await verifySigV4(req, lookup, { now: T0 });
    const f = await failure(verifySigV4({ ...req, path: '/detector/a%2520b' }, lookup, { now: T0 }));
    assert.equal(f.reason, 'signature-mismatch');
  });

  it('returns the session token of temporary credentials', async () => {
    const req = await signWithSdk({ service: 's3', path: '/b/k', credential: SESSION });
    const result = await verifySigV4(req, lookup, { now: T0 });
    assert.equal(result.sessionToken, SESSION.sessionToken);
    assert.equal(result.credential, SESSION);
  });

  it('treats an empty token header like no token', async () => {
    const req = await signWithSdk({ service: 'sts', path: '/', headers: { 'x-amz-security-token': '' } });
    await verifySigV4(req, lookup, { now: T0 });
  });
});

describe('verifySigV4: acceptAnyKey', () => {
  const anyKey = (id: string): Credential => ({ accessKeyId: id, secretAccessKey: '', account: '000000000000', principalArn: 'arn:aws:iam::000000000000:root' });

  it('lets unknown keys in without checking the signature', async () => {
    const req = await signWithSdk({ service: 'sts', credential: { accessKeyId: 'AKIAANYKEY0000000000', secretAccessKey: 'unknown' } });
    const result = await verifySigV4(req, lookup, { now: T0, acceptAnyKey: anyKey });
    assert.equal(result.signatureVerified, false);
    assert.equal(result.credential.account, '000000000000');
  });

  it('still verifies keys the lookup knows', async () => {
    const req = await signWithSdk({ service: 'sts', credential: { accessKeyId: USER.accessKeyId, secretAccessKey: 'wrong' } });
    const f = await failure(verifySigV4(req, lookup, { now: T0, acceptAnyKey: anyKey }));
    assert.equal(f.reason, 'signature-mismatch');
  });

  it('still checks the clock and the body hash', async () => {
    const req = await signWithSdk({ service: 's3', method: 'PUT', path: '/b/k', body: 'abc', credential: { accessKeyId: 'AKIAANYKEY0000000000', secretAccessKey: 'x' } });
    const skew = await failure(verifySigV4(req, lookup, { now: new Date(T0.getTime() + 3_600_000), acceptAnyKey: anyKey }));
    assert.equal(skew.reason, 'skewed');
    const body = await failure(verifySigV4({ ...req, body: Buffer.from('abd') }, lookup, { now: T0, acceptAnyKey: anyKey }));
    assert.equal(body.reason, 'content-hash-mismatch');
  });
});

describe('verifySigV4: malformed and incomplete requests', () => {
  const withAuth = async (authorization: string) => alter(await sts(), { headers: { authorization } });

  it('reports every missing Authorization component', async () => {
    const req = alter(await sts(), { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/sts/aws4_request', 'x-amz-date': undefined } });
    const f = await expectReason(req, 'incomplete');
    assert.deepEqual(f.detail.missing, ['Signature', 'SignedHeaders', 'Date']);
  });

  it('flags a request with only the date missing', async () => {
    const f = await expectReason(alter(await sts(), { headers: { 'x-amz-date': undefined } }), 'incomplete', 'date');
    assert.deepEqual(f.detail.missing, ['Date']);
  });

  it('rejects other schemes as unsupported', async () => {
    for (const scheme of ['AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=', 'Bearer abc', 'AWS4-ECDSA-P256-SHA256 Credential=x', 'aws4-hmac-sha256 Credential=x']) {
      await expectReason(await withAuth(scheme), 'unsupported-algorithm');
    }
  });

  it('rejects malformed credentials', async () => {
    const sig = 'Signature=' + 'a'.repeat(64);
    const cases: [string, string][] = [
      ['AKID/20130524/us-east-1/sts', 'credential'],
      ['AKID/2013-05-24/us-east-1/sts/aws4_request', 'credential'],
      ['AKID/20130524/us-east-1/sts/aws4_request/extra', 'credential'],
      ['/20130524/us-east-1/sts/aws4_request', 'empty-key'],
      ['AKID/20130524/us-east-1/sts/aws5_request', 'terminator'],
    ];
    for (const [credential, problem] of cases) {
      await expectReason(await withAuth(`AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;x-amz-date, ${sig}`), 'malformed', problem);
    }
  });

  it('rejects bad dates and SignedHeaders', async () => {
    const req = await sts();
    await expectReason(alter(req, { headers: { 'x-amz-date': '2013-05-24T00:00:00Z' } }), 'malformed', 'date');
    await expectReason(alter(req, { headers: { 'x-amz-date': '20131324T000000Z' } }), 'malformed', 'date');
    await expectReason(alter(req, { headers: { authorization: req.headers.authorization.replace(/SignedHeaders=[^,]*/, 'SignedHeaders=host;;x-amz-date') } }), 'malformed', 'signed-headers');
  });

  it('rejects a credential date that is not the request date', async () => {
    const f = await expectReason(alter(await sts(), { headers: { 'x-amz-date': '20130525T000000Z' } }), 'scope-mismatch', 'scope-date');
    assert.equal(f.detail.value, '20130524');
    assert.equal(f.detail.expected, '20130525');
  });

  it('rejects both auth forms at once', async () => {
    const presigned = await signWithSdk({ service: 's3', path: '/b/k', presign: { expiresIn: 60 } });
    const header = await s3();
    await expectReason({ ...header, rawQuery: presigned.rawQuery }, 'malformed', 'multiple-auth');
  });

  it('lists missing presign parameters', async () => {
    const presigned = await signWithSdk({ service: 's3', path: '/b/k', presign: { expiresIn: 60 } });
    const rawQuery = presigned.rawQuery.split('&').filter((p) => !p.startsWith('X-Amz-Date=') && !p.startsWith('X-Amz-SignedHeaders=')).join('&');
    const f = await expectReason({ ...presigned, rawQuery }, 'incomplete');
    assert.deepEqual(f.detail.missing, ['X-Amz-Date', 'X-Amz-SignedHeaders']);
    const noExpires = presigned.rawQuery.split('&').filter((p) => !p.startsWith('X-Amz-Expires=')).join('&');
    const g = await expectReason({ ...presigned, rawQuery: noExpires }, 'incomplete');
    assert.deepEqual(g.detail.missing, ['X-Amz-Expires']);
    const badAlgorithm = presigned.rawQuery.replace('X-Amz-Algorithm=AWS4-HMAC-SHA256', 'X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256');
    await expectReason({ ...presigned, rawQuery: badAlgorithm }, 'unsupported-algorithm');
    for (const expires of ['-1', 'abc', '']) {
      const rq = presigned.rawQuery.replace('X-Amz-Expires=60', `X-Amz-Expires=${expires}`);
      await expectReason({ ...presigned, rawQuery: rq }, expires === '' ? 'incomplete' : 'malformed');
    }
  });

  it('requires x-amz-content-sha256 on S3 and checks its value', async () => {
    const req = await s3();
    await expectReason(alter(req, { headers: { 'x-amz-content-sha256': undefined } }), 'incomplete', 'content-sha256');
    await expectReason(alter(req, { headers: { 'x-amz-content-sha256': 'not-a-hash' } }), 'malformed', 'content-sha256');
    await expectReason(alter(req, { headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD' } }), 'unsupported-algorithm', 'content-sha256');
  });

  it('rejects a signature that is not 64 hex digits as a mismatch', async () => {
    const req = await sts();
    await expectReason(alter(req, { headers: { authorization: req.headers.authorization.replace(/Signature=\w+/, 'Signature=zz') } }), 'signature-mismatch');
  });
});

describe('streaming payloads', () => {
  it('returns the seed context for aws-chunked uploads', async () => {
    const req = await signWithSdk({
      service: 's3',
      method: 'PUT',
      path: '/b/k',
      headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', 'content-encoding': 'aws-chunked', 'x-amz-trailer': 'x-amz-checksum-crc32', 'x-amz-decoded-content-length': '5' },
      body: '5;chunk-signature=...',
    });
    const result = await verifySigV4(req, lookup, { now: T0 });
    assert.ok(result.streaming);
    assert.equal(result.streaming.mode, 'signed-trailer');
    assert.equal(result.streaming.requestTime, '20130524T000000Z');
    assert.equal(result.streaming.scope, '20130524/us-east-1/s3/aws4_request');
    assert.deepEqual(result.streaming.trailerNames, ['x-amz-checksum-crc32']);
    assert.equal(result.streaming.decodedContentLength, 5);
    assert.equal(result.streaming.seedSignature, /Signature=(\w+)/.exec(req.headers.authorization)?.[1]);
    assert.deepEqual(result.streaming.signingKey, signingKey(USER.secretAccessKey, '20130524', 'us-east-1', 's3'));
  });
});

describe('signing keys and signature comparison', () => {
  it('keeps the signing-key cache bounded', () => {
    for (let i = 0; i < SIGNING_KEY_CACHE_SIZE + 50; i++) signingKey(`secret-${i}`, '20130524', 'us-east-1', 's3');
    assert.equal(signingKeyCacheSize(), SIGNING_KEY_CACHE_SIZE);
  });

  it('evicts the least recently used signing key', () => {
    const first = signingKey('lru-0', '20130524', 'us-east-1', 's3');
    const second = signingKey('lru-1', '20130524', 'us-east-1', 's3');
    for (let i = 2; i < SIGNING_KEY_CACHE_SIZE; i++) signingKey(`lru-${i}`, '20130524', 'us-east-1', 's3');
    assert.equal(signingKey('lru-0', '20130524', 'us-east-1', 's3'), first); // a hit: now the most recent
    signingKey('lru-new', '20130524', 'us-east-1', 's3'); // evicts lru-1, the least recently used
    assert.equal(signingKey('lru-0', '20130524', 'us-east-1', 's3'), first);
    const again = signingKey('lru-1', '20130524', 'us-east-1', 's3');
    assert.notEqual(again, second);
    assert.deepEqual(again, second);
  });

  it('derives the documented signing key', () => {
    // kSigning for AWS's documented example secret, date 20150830, us-east-1, iam.
    const key = signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam');
    assert.equal(key.toString('hex'), 'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
  });

  it('compares signatures strictly', () => {
    const expected = Buffer.alloc(32, 0xab);
    assert.equal(signatureMatches('ab'.repeat(32), expected), true);
    assert.equal(signatureMatches('AB'.repeat(32), expected), true);
    assert.equal(signatureMatches('ab'.repeat(31) + 'ac', expected), false);
    assert.equal(signatureMatches('ab'.repeat(31), expected), false);
    assert.equal(signatureMatches('ab'.repeat(31) + 'zz', expected), false);
  });
});
