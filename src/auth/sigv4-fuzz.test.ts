/**
 * Fuzzing: thousands of random and mutated requests must either verify or fail with an
 * AuthFailure (never another exception), and every failure must map to an AwsError for every
 * protocol family. Seeded, so a failure reproduces.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../core/aws-error.js';
import type { HttpRequest } from '../protocol/http.js';
import { AuthFailure } from './auth-failure.js';
import { authErrorFor, PROTOCOL_FAMILIES } from './auth-errors.js';
import { decodeAwsChunked } from './aws-chunked.js';
import { signingKey } from './crypto.js';
import { verifySigV4 } from './sigv4.js';
import { lookup, SESSION, signWithSdk, T0, USER } from './sigv4-oracle.js';
import type { Credential, StreamingContext } from './types.js';
import { random } from '../../test/support/prng.js';

const FRAGMENTS = [
  'AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA256 ', ' ', ',', ', ', '=', ';', '/', '&', '?', '#', '+', '%', '%2F', '%zz', '%F0%9F', '%00',
  'Credential=', 'SignedHeaders=', 'Signature=', 'X-Amz-Algorithm=', 'X-Amz-Credential=', 'X-Amz-Date=', 'X-Amz-Expires=',
  'X-Amz-SignedHeaders=', 'X-Amz-Signature=', 'X-Amz-Security-Token=', 'X-Amz-Content-Sha256=', 'x-amz-',
  USER.accessKeyId, SESSION.accessKeyId, 'AKIDUNKNOWN', '20130524', '20130524T000000Z', '20130524T001700Z', '2013-05-24', '99999999T999999Z',
  'us-east-1', 's3', 'sts', 'kms', 's3-outposts', 'aws4_request', 'host', 'x-amz-date', 'host;x-amz-date', 'host;x-amz-content-sha256;x-amz-date',
  'a'.repeat(64), 'F'.repeat(64), 'UNSIGNED-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD', '604800', '604801', '-1', '0', '1e3', 'NaN', '\t', '\r\n', '\u0000', 'ü', '😀', '\ud800', '\udfff',
  '', '.', '..', '//', 'AWS ', 'Bearer ', '__proto__', 'constructor', 'toString',
];

describe('SigV4 fuzzing', () => {
  const { int, pick, chance } = random(0x5eed);
  const junk = (maxParts = 8): string => {
    let s = '';
    for (let i = int(maxParts + 1); i > 0; i--) s += chance(0.8) ? pick(FRAGMENTS) : String.fromCharCode(int(0x3000));
    return s;
  };
  const anyKey = (id: string): Credential => ({ accessKeyId: id, secretAccessKey: 'x', account: '000000000000', principalArn: 'arn:aws:iam::000000000000:root' });

  async function check(req: HttpRequest, now = T0): Promise<'ok' | AuthFailure> {
    let outcome: 'ok' | AuthFailure;
    try {
      await verifySigV4(req, lookup, { now, acceptAnyKey: chance(0.3) ? anyKey : undefined, expectedRegion: chance(0.1) ? 'us-east-1' : undefined });
      outcome = 'ok';
    } catch (error) {
      assert.ok(error instanceof AuthFailure, `non-AuthFailure ${String(error)} for ${JSON.stringify(req)}`);
      outcome = error;
      for (const family of PROTOCOL_FAMILIES) {
        const aws = authErrorFor(error, family);
        assert.ok(aws instanceof AwsError && aws.code.length > 0 && typeof aws.message === 'string');
      }
    }
    return outcome;
  }

  function structuredAuthorization(): string {
    const credential = [pick([USER.accessKeyId, SESSION.accessKeyId, junk(2)]), pick(['20130524', junk(1)]), pick(['us-east-1', junk(1)]), pick(['s3', 'sts', junk(1)]), pick(['aws4_request', junk(1)])];
    if (chance(0.2)) credential.splice(int(credential.length), 1);
    const parts = [`Credential=${credential.join('/')}`, `SignedHeaders=${pick(['host;x-amz-date', 'host;x-amz-content-sha256;x-amz-date', junk(3)])}`, `Signature=${pick(['a'.repeat(64), junk(2)])}`];
    if (chance(0.2)) parts.splice(int(parts.length), 1);
    return `${pick(['AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA256', junk(1)])} ${parts.join(pick([', ', ',', ' , ']))}`;
  }

  function randomRequest(): HttpRequest {
    const headers: Record<string, string> = {};
    if (chance(0.8)) headers.host = pick(['bulwark.local', junk(2)]);
    if (chance(0.75)) headers.authorization = chance(0.6) ? structuredAuthorization() : junk();
    if (chance(0.7)) headers['x-amz-date'] = pick(['20130524T000000Z', '20130524T000500Z', junk(2)]);
    if (chance(0.2)) headers.date = pick(['Fri, 24 May 2013 00:00:00 GMT', junk(3)]);
    if (chance(0.5)) headers['x-amz-content-sha256'] = pick(['UNSIGNED-PAYLOAD', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', junk(2)]);
    if (chance(0.3)) headers['x-amz-security-token'] = pick([SESSION.sessionToken as string, junk(2), '']);
    if (chance(0.2)) headers['x-amz-trailer'] = junk(2);
    if (chance(0.2)) headers['x-amz-decoded-content-length'] = junk(1);
    if (chance(0.2)) headers[`x-amz-${junk(1)}`] = junk(2);
    const query: string[] = [];
    for (let i = int(6); i > 0; i--) query.push(chance(0.5) ? `${pick(FRAGMENTS)}${junk(1)}` : junk(3));
    if (chance(0.3)) {
      query.push('X-Amz-Algorithm=' + pick(['AWS4-HMAC-SHA256', junk(1)]));
      query.push('X-Amz-Credential=' + pick([`${USER.accessKeyId}%2F20130524%2Fus-east-1%2Fs3%2Faws4_request`, junk(3)]));
      query.push('X-Amz-Date=' + pick(['20130524T000000Z', junk(1)]));
      query.push('X-Amz-SignedHeaders=' + pick(['host', junk(1)]));
      query.push('X-Amz-Signature=' + pick(['a'.repeat(64), junk(1)]));
      if (chance(0.7)) query.push('X-Amz-Expires=' + pick(['60', '604800', junk(1)]));
    }
    return {
      method: pick(['GET', 'PUT', 'POST', 'DELETE', 'HEAD', junk(1)]),
      path: pick(['/', '/bucket/key', '']) + junk(4),
      rawQuery: query.join('&'),
      headers,
      body: Buffer.from(junk(4)),
      sourceIp: '127.0.0.1',
      secure: false,
    };
  }

  it('random and malformed requests only ever fail with AuthFailure', async () => {
    const reasons = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const outcome = await check(randomRequest(), new Date(T0.getTime() + (int(5) - 2) * 600_000));
      const key = outcome === 'ok' ? 'ok' : outcome.reason;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    // The generator must reach deep into the verifier, not just fail at the first check.
    for (const reason of ['missing', 'malformed', 'incomplete', 'unsupported-algorithm', 'signature-mismatch']) {
      assert.ok((reasons.get(reason) ?? 0) > 0, `fuzzing never produced ${reason}: ${JSON.stringify([...reasons])}`);
    }
  });

  it('mutated SDK-signed requests verify or fail with AuthFailure', async () => {
    const bases = await Promise.all([
      signWithSdk({ service: 's3', method: 'PUT', path: '/bucket/a%20b', query: { tagging: '', x: 'y z' }, body: 'hello', headers: { 'x-amz-meta-a': 'b' } }),
      signWithSdk({ service: 'sts', method: 'POST', body: 'Action=GetCallerIdentity', credential: SESSION }),
      signWithSdk({ service: 's3', path: '/bucket/key', presign: { expiresIn: 600 } }),
      signWithSdk({ service: 'guardduty', path: '/detector/x', query: { a: '1', b: '2' } }),
    ]);
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const base = pick(bases);
      const req: HttpRequest = { ...base, headers: { ...base.headers } };
      const target = int(5);
      const mutate = (text: string): string => {
        const at = int(text.length + 1);
        return chance(0.5) ? text.slice(0, at) + junk(1) + text.slice(at + 1) : text.slice(0, at) + text.slice(at + 1 + int(3));
      };
      if (target === 0) req.path = mutate(req.path);
      else if (target === 1) req.rawQuery = mutate(req.rawQuery);
      else if (target === 2) req.body = Buffer.from(mutate(req.body.toString('latin1')), 'latin1');
      else {
        const names = Object.keys(req.headers);
        const name = pick(names);
        if (chance(0.15)) delete req.headers[name];
        else req.headers[name] = mutate(req.headers[name]);
      }
      if ((await check(req)) === 'ok') accepted++;
    }
    assert.ok(accepted < 3000);
  });

  it('random aws-chunked bodies only ever fail with AuthFailure', () => {
    const key = signingKey(USER.secretAccessKey, '20130524', 'us-east-1', 's3');
    const sig = 'a'.repeat(64);
    const pieces = ['0', '3', 'a', '10000', 'ffffffffffffffff', ';chunk-signature=' + sig, ';', '\r\n', 'abc', 'x-amz-checksum-crc32:AAAA', 'x-amz-trailer-signature:' + sig, ':', '\n', '\r'];
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let n = int(12); n > 0; n--) text += pick(pieces);
      const context: StreamingContext = {
        mode: pick(['signed', 'signed-trailer', 'unsigned-trailer'] as const),
        seedSignature: sig,
        requestTime: '20130524T000000Z',
        scope: '20130524/us-east-1/s3/aws4_request',
        signingKey: chance(0.7) ? key : undefined,
        trailerNames: chance(0.3) ? ['x-amz-checksum-crc32'] : [],
        decodedContentLength: chance(0.3) ? int(10) : undefined,
      };
      try {
        decodeAwsChunked(Buffer.from(text, 'latin1'), context);
      } catch (error) {
        assert.ok(error instanceof AuthFailure, `non-AuthFailure ${String(error)} for ${JSON.stringify(text)}`);
        for (const family of PROTOCOL_FAMILIES) assert.ok(authErrorFor(error, family) instanceof AwsError);
      }
    }
  });
});
