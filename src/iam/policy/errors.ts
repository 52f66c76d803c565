/** A policy document IAM would refuse on write (MalformedPolicyDocument and friends). */
export class PolicyValidationError extends Error {
  override readonly name = 'PolicyValidationError';
  /** The IAM API error code the caller should answer with. */
  readonly code: string;

  constructor(message: string, code = 'MalformedPolicyDocument') {
    super(message);
    this.code = code;
  }
}

export function fail(message: string): never {
  throw new PolicyValidationError(message);
}
