import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import * as zlib from 'node:zlib';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { HttpRequest } from '../protocol/http.js';
import { AuthFailure } from './auth-failure.js';
import { authErrorFor } from './auth-errors.js';
import { awsChunkedStream, decodeAwsChunked } from './aws-chunked.js';
import { verifySigV4 } from './sigv4.js';
import { capturingHandler, lookup, T0, USER } from './sigv4-oracle.js';
import type { StreamingContext } from './types.js';

const EMPTY = createHash('sha256').update('').digest('hex');
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const mac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

function failureOf(fn: () => unknown): AuthFailure {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AuthFailure, `not an AuthFailure: ${String(error)}`);
    return error;
  }
  assert.fail('expected an AuthFailure');
}

/**
 * AWS's documented chunked-upload example (S3 API reference, "Signature Calculations for the
 * Authorization Header: Transferring Payload in Multiple Chunks"): 65536 + 1024 bytes of 'a'.
 */
const DOC = {
  seed: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
  chunkSignatures: [
    'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
    '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
    'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
  ],
};

function docBody(): Buffer {
  const [s1, s2, s3] = DOC.chunkSignatures;
  return Buffer.concat([
    Buffer.from(`10000;chunk-signature=${s1}\r\n`),
    Buffer.alloc(65536, 'a'),
    Buffer.from(`\r\n400;chunk-signature=${s2}\r\n`),
    Buffer.alloc(1024, 'a'),
    Buffer.from(`\r\n0;chunk-signature=${s3}\r\n\r\n`),
  ]);
}

function docRequest(body = docBody()): HttpRequest {
  return {
    method: 'PUT',
    path: '/examplebucket/chunkObject.txt',
    rawQuery: '',
    headers: {
      host: 's3.amazonaws.com',
      'x-amz-date': '20130524T000000Z',
      'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': '66560',
      'content-length': '66824',
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,' +
        `Signature=${DOC.seed}`,
    },
    body,
    sourceIp: '127.0.0.1',
    secure: true,
  };
}

/** An independent aws-chunked encoder for hand-built vectors (signed chunks, optional trailers). */
function encodeSigned(ctx: StreamingContext, chunks: Buffer[], trailers?: [string, string][], sign = true): Buffer {
  const key = ctx.signingKey as Buffer;
  let previous = ctx.seedSignature;
  const parts: Buffer[] = [];
  for (const data of [...chunks, Buffer.alloc(0)]) {
    const sts = ['AWS4-HMAC-SHA256-PAYLOAD', ctx.requestTime, ctx.scope, previous, EMPTY, sha(data)].join('\n');
    previous = mac(key, sts).toString('hex');
    parts.push(Buffer.from(`${data.length.toString(16)};chunk-signature=${previous}\r\n`), data);
    if (data.length > 0) parts.push(Buffer.from('\r\n'));
  }
  if (trailers) {
    const canonical = trailers.map(([n, v]) => `${n}:${v}\n`).join('');
    const sts = ['AWS4-HMAC-SHA256-TRAILER', ctx.requestTime, ctx.scope, previous, sha(canonical)].join('\n');
    for (const [n, v] of trailers) parts.push(Buffer.from(`${n}:${v}\r\n`));
    if (sign) parts.push(Buffer.from(`x-amz-trailer-signature:${mac(key, sts).toString('hex')}\r\n`));
  }
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

async function docContext(): Promise<StreamingContext> {
  const result = await verifySigV4(docRequest(), lookup, { now: T0 });
  assert.ok(result.streaming);
  return result.streaming;
}

describe('aws-chunked: AWS documented example', () => {
  it('verifies the seed signature and every chunk signature', async () => {
    const result = await verifySigV4(docRequest(), lookup, { now: T0 });
    assert.equal(result.payloadHash, 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
    assert.ok(result.streaming);
    assert.equal(result.streaming.mode, 'signed');
    assert.equal(result.streaming.seedSignature, DOC.seed);
    const decoded = decodeAwsChunked(docBody(), result.streaming);
    assert.equal(decoded.chunks, 3);
    assert.equal(decoded.payload.length, 66560);
    assert.ok(decoded.payload.equals(Buffer.alloc(66560, 'a')));
    assert.deepEqual(decoded.trailers, {});
  });

  it('rejects a tampered chunk as SignatureDoesNotMatch', async () => {
    const ctx = await docContext();
    const body = docBody();
    body[66000] = 'b'.charCodeAt(0);
    const f = failureOf(() => decodeAwsChunked(body, ctx));
    assert.equal(f.reason, 'signature-mismatch');
    assert.equal(f.detail.problem, 'chunk-signature');
    assert.match(f.detail.stringToSign ?? '', /^AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n20130524\/us-east-1\/s3\/aws4_request\n/);
    assert.equal(authErrorFor(f, 'rest-xml').code, 'SignatureDoesNotMatch');
  });

  it('rejects chunks replayed under another seed', async () => {
    const ctx = { ...(await docContext()), seedSignature: 'f'.repeat(64) };
    assert.equal(failureOf(() => decodeAwsChunked(docBody(), ctx)).reason, 'signature-mismatch');
  });

  it('rejects a truncated body and a wrong decoded length', async () => {
    const ctx = await docContext();
    const full = docBody();
    for (const cut of [10, 90, 65000, full.length - 90]) {
      const f = failureOf(() => decodeAwsChunked(full.subarray(0, cut), ctx));
      assert.equal(f.reason, 'malformed');
      assert.equal(authErrorFor(f, 'rest-xml').code, 'IncompleteBody');
    }
    assert.equal(failureOf(() => decodeAwsChunked(full, { ...ctx, decodedContentLength: 66561 })).detail.problem, 'chunk-encoding');
  });

  it('skips chunk verification when the key was accepted unverified', async () => {
    const ctx = await docContext();
    const body = docBody();
    body[66000] = 'b'.charCodeAt(0);
    const decoded = decodeAwsChunked(body, { ...ctx, signingKey: undefined });
    assert.equal(decoded.payload.length, 66560);
  });
});

describe('aws-chunked: signed trailers (hand-built vectors)', () => {
  const trailerContext = async (): Promise<StreamingContext> => ({ ...(await docContext()), mode: 'signed-trailer', trailerNames: ['x-amz-checksum-crc32c'], decodedContentLength: undefined });

  it('decodes chunks and verifies the trailer signature', async () => {
    const ctx = await trailerContext();
    const body = encodeSigned(ctx, [Buffer.alloc(8192, 'x'), Buffer.from('tail')], [['x-amz-checksum-crc32c', 'sOO8/Q==']]);
    const decoded = decodeAwsChunked(body, ctx);
    assert.equal(decoded.payload.toString(), 'x'.repeat(8192) + 'tail');
    assert.deepEqual(decoded.trailers, { 'x-amz-checksum-crc32c': 'sOO8/Q==' });
    assert.equal(decoded.chunks, 3);
  });

  it('rejects a changed trailer value or a missing trailer signature', async () => {
    const ctx = await trailerContext();
    const body = encodeSigned(ctx, [Buffer.from('data')], [['x-amz-checksum-crc32c', 'sOO8/Q==']]);
    const tampered = Buffer.from(body.toString('latin1').replace('sOO8/Q==', 'AAAAAA=='), 'latin1');
    assert.equal(failureOf(() => decodeAwsChunked(tampered, ctx)).detail.problem, 'trailer-signature');
    const unsigned = encodeSigned(ctx, [Buffer.from('data')], [['x-amz-checksum-crc32c', 'sOO8/Q==']], false);
    assert.equal(failureOf(() => decodeAwsChunked(unsigned, ctx)).detail.problem, 'trailer-signature');
  });

  it('rejects a missing announced trailer', async () => {
    const ctx = await trailerContext();
    const body = encodeSigned(ctx, [Buffer.from('data')], []);
    assert.equal(failureOf(() => decodeAwsChunked(body, ctx)).reason, 'malformed');
  });
});

describe('aws-chunked: framing errors', () => {
  const unsigned: StreamingContext = { mode: 'unsigned-trailer', seedSignature: '', requestTime: '20130524T000000Z', scope: '20130524/us-east-1/s3/aws4_request', trailerNames: [] };
  const cases: [string, string][] = [
    ['bad size', 'zz\r\nabc\r\n0\r\n\r\n'],
    ['size overruns body', '10\r\nabc\r\n0\r\n\r\n'],
    ['data not followed by CRLF', '3\r\nabcX\r\n0\r\n\r\n'],
    ['no final chunk', '3\r\nabc\r\n'],
    ['data after the end', '3\r\nabc\r\n0\r\n\r\nextra'],
    ['bad trailer line', '3\r\nabc\r\n0\r\nnocolon\r\n\r\n'],
    ['empty body', ''],
  ];
  for (const [name, text] of cases) {
    it(`rejects: ${name}`, () => {
      assert.equal(failureOf(() => decodeAwsChunked(Buffer.from(text, 'latin1'), unsigned)).reason, 'malformed');
    });
  }

  it('requires chunk signatures in signed mode', async () => {
    const ctx = await docContext();
    assert.equal(failureOf(() => decodeAwsChunked(Buffer.from('3\r\nabc\r\n0\r\n\r\n'), ctx)).reason, 'malformed');
  });

  it('decodes unsigned chunks with trailers and tolerates a missing final CRLF', () => {
    const decoded = decodeAwsChunked(Buffer.from('3\r\nabc\r\n2\r\nde\r\n0\r\nx-amz-checksum-sha256:abc=\r\n'), unsigned);
    assert.equal(decoded.payload.toString(), 'abcde');
    assert.deepEqual(decoded.trailers, { 'x-amz-checksum-sha256': 'abc=' });
  });
});

describe('aws-chunked: AWS SDK S3 PutObject streaming upload', () => {
  it('verifies and decodes STREAMING-UNSIGNED-PAYLOAD-TRAILER from @aws-sdk/client-s3', async () => {
    const captured: HttpRequest[] = [];
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      forcePathStyle: true,
      credentials: { accessKeyId: USER.accessKeyId, secretAccessKey: USER.secretAccessKey },
      requestHandler: capturingHandler(captured),
    });
    const { Readable } = await import('node:stream');
    const parts = [Buffer.from('hello '), Buffer.alloc(20000, 'z'), Buffer.from(' world')];
    await client.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'dir/stream ü.txt', Body: Readable.from(parts) })).catch(() => undefined);
    client.destroy();
    assert.equal(captured.length, 1);
    const req = captured[0];
    assert.equal(req.headers['x-amz-content-sha256'], 'STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    const result = await verifySigV4(req, lookup);
    assert.ok(result.streaming);
    assert.equal(result.streaming.mode, 'unsigned-trailer');
    const decoded = decodeAwsChunked(req.body, result.streaming);
    const expected = Buffer.concat(parts);
    assert.ok(decoded.payload.equals(expected));
    const name = result.streaming.trailerNames[0];
    assert.match(name, /^x-amz-checksum-/);
    assert.ok(decoded.trailers[name]);
    const crc32 = (zlib as unknown as { crc32?: (data: Buffer) => number }).crc32;
    if (name === 'x-amz-checksum-crc32' && crc32) {
      const digest = Buffer.alloc(4);
      digest.writeUInt32BE(crc32(expected));
      assert.equal(decoded.trailers[name], digest.toString('base64'));
    }
  });
});

describe('aws-chunked: streamed, fed in arbitrary pieces', () => {
  async function streamed(body: Buffer, ctx: StreamingContext, piece: number): Promise<{ payload: Buffer; trailers: Record<string, string> }> {
    async function* pieces() {
      for (let i = 0; i < body.length; i += piece) yield body.subarray(i, i + piece);
    }
    const out = awsChunkedStream(Readable.from(pieces()), ctx, (f) => authErrorFor(f, 'rest-xml'));
    const chunks: Buffer[] = [];
    for await (const c of out) chunks.push(c as Buffer);
    return { payload: Buffer.concat(chunks), trailers: out.trailers };
  }

  it('decodes the documented signed body the same whatever the piece size', async () => {
    const ctx = await docContext();
    for (const piece of [1, 2, 7, 89, 8192, 1 << 20]) {
      const { payload, trailers } = await streamed(docBody(), ctx, piece);
      assert.ok(payload.equals(Buffer.alloc(66560, 'a')), `piece ${piece}`);
      assert.deepEqual(trailers, {});
    }
  });

  it('fails the stream with S3 errors on a tampered chunk or a truncated body', async () => {
    const ctx = await docContext();
    const tampered = docBody();
    tampered[66000] = 'b'.charCodeAt(0);
    await assert.rejects(streamed(tampered, ctx, 4096), (err: Error & { code?: string }) => err.code === 'SignatureDoesNotMatch');
    await assert.rejects(streamed(docBody().subarray(0, 65000), ctx, 4096), (err: Error & { code?: string }) => err.code === 'IncompleteBody');
  });
});
