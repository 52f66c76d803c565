/**
 * A streamed request body (an S3 upload going to disk) checked as it passes, for what SigV4
 * could not check before it was read: an `x-amz-content-sha256` hex digest is compared with the
 * body's SHA-256 at its end (the stream fails with `toError` — S3's XAmzContentSHA256Mismatch —
 * so nothing is stored), and an aws-chunked body is decoded and its chunk signatures verified
 * (aws-chunked.ts).
 */
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { AuthFailure } from './auth-failure.js';
import { awsChunkedStream } from './aws-chunked.js';
import type { VerifiedRequest } from './types.js';

const HEX64 = /^[0-9a-fA-F]{64}$/;

export function verifiedBodyStream(source: Readable, verified: VerifiedRequest, toError: (failure: AuthFailure) => Error): Readable {
  if (verified.streaming) return awsChunkedStream(source, verified.streaming, toError);
  if (!HEX64.test(verified.payloadHash)) return source;
  const declared = verified.payloadHash.toLowerCase();
  const hash = createHash('sha256');
  const out = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const computed = hash.digest('hex');
      if (computed === declared) return done();
      done(toError(new AuthFailure('content-hash-mismatch', 'x-amz-content-sha256 does not match the body', { clientHash: verified.payloadHash, computedHash: computed })));
    },
  });
  source.on('error', (err) => out.destroy(err));
  return source.pipe(out);
}
