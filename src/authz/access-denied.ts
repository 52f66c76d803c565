/**
 * AccessDenied in each protocol's shape, as AWS answers it (the message is explainDenial's
 * wording). EC2 prefixes its own sentence, as it does in AWS.
 */
import { AwsError } from '../core/aws-error.js';
import type { ProtocolName } from '../models/index.js';

export const ACCESS_DENIED: Record<ProtocolName, { code: string; status: number; prefix?: string }> = {
  query: { code: 'AccessDenied', status: 403 }, // IAM, STS
  'rest-xml': { code: 'AccessDenied', status: 403 }, // S3
  json: { code: 'AccessDeniedException', status: 400 }, // KMS, Secrets Manager, SSM, Organizations, …
  'rest-json': { code: 'AccessDeniedException', status: 403 }, // GuardDuty, Security Hub, Access Analyzer
  ec2: { code: 'UnauthorizedOperation', status: 403, prefix: 'You are not authorized to perform this operation. ' },
};

/** The AccessDenied a refused call answers: S3's own wording for S3, else the protocol's shape. */
export function deniedCall(service: string, protocol: ProtocolName, message: string, anonymous: boolean): AwsError {
  return service === 's3' ? s3AccessDenied(message, anonymous) : accessDenied(protocol, message);
}

export function accessDenied(protocol: ProtocolName, message: string): AwsError {
  const shape = ACCESS_DENIED[protocol];
  return new AwsError(shape.code, `${shape.prefix ?? ''}${message}`, { status: shape.status });
}

/**
 * S3's own wording: an anonymous caller is told only "Access Denied"; a signed caller gets the
 * explicit sentence with the resource ARN in double quotes, as S3's access-denied messages
 * show it (`on resource: "arn:aws:s3:::bucket/key" because …`).
 */
export function s3AccessDenied(message: string, anonymous: boolean): AwsError {
  const text = anonymous ? 'Access Denied' : message.replace(/ on resource: (arn:\S+) (because|with)/, ' on resource: "$1" $2');
  return new AwsError('AccessDenied', text, { status: 403 });
}
