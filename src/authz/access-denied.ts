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

export function accessDenied(protocol: ProtocolName, message: string): AwsError {
  const shape = ACCESS_DENIED[protocol];
  return new AwsError(shape.code, `${shape.prefix ?? ''}${message}`, { status: shape.status });
}
