/**
 * The AWS KMS error shapes the crypto library throws. Every failure is a client-side (400)
 * AwsError carrying the KMS error code a real KMS endpoint would answer with.
 */
import { AwsError } from '../../../core/aws-error.js';

export function kmsError(code: string, message: string): AwsError {
  return new AwsError(code, message, { status: 400 });
}

/** KMS answers a ciphertext it cannot open with an empty message: nothing leaks about why. */
export function invalidCiphertext(): AwsError {
  return kmsError('InvalidCiphertextException', '');
}

export function validation(message: string): AwsError {
  return kmsError('ValidationException', message);
}

export function unsupported(message: string): AwsError {
  return kmsError('UnsupportedOperationException', message);
}

export function invalidKeyUsage(message: string): AwsError {
  return kmsError('InvalidKeyUsageException', message);
}
