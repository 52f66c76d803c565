/**
 * Between resolve and authenticate: a streamed request body (the listener streams large S3
 * uploads, see http-listener.ts) stays a stream only for an operation whose input takes one
 * (PutObject, UploadPart); any other operation gets it read into `req.body` as usual, up to the
 * same limit as every buffered body.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationModel, ServiceModel } from '../../models/index.js';
import type { ProtocolCodec } from '../../protocol/codec.js';
import type { HttpRequest } from '../../protocol/http.js';
import { MAX_BODY_BYTES } from '../http-listener.js';

export async function settleBody(req: HttpRequest, codec: ProtocolCodec, model: ServiceModel, op: OperationModel | undefined): Promise<void> {
  const stream = req.bodyStream;
  if (!stream || (op && codec.takesBodyStream?.(model, op))) return;
  req.bodyStream = undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      stream.destroy();
      throw new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { status: 400 });
    }
    chunks.push(chunk as Buffer);
  }
  req.body = Buffer.concat(chunks, size);
}
