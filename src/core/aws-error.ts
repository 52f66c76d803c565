/**
 * The one error type every service and pipeline step throws. Each protocol serializer turns it
 * into that protocol's wire shape (query XML, JSON `__type`, rest-json headers, S3 XML).
 */
export interface AwsErrorOptions {
  /** HTTP status code; defaults to 400. */
  status?: number;
  /** `Sender` (the client's fault) or `Receiver`; defaults from the status. */
  fault?: 'Sender' | 'Receiver';
  /** Extra modelled members of the error shape (e.g. S3's `BucketName`, `Key`). */
  fields?: Record<string, unknown>;
  /** Extra response headers (e.g. `x-amz-bucket-region`). */
  headers?: Record<string, string>;
}

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: 'Sender' | 'Receiver';
  readonly fields: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = options.status ?? 400;
    this.fault = options.fault ?? (this.status >= 500 ? 'Receiver' : 'Sender');
    this.fields = options.fields ?? {};
    this.headers = options.headers ?? {};
  }
}

/** A modelled operation Bulwark does not implement yet: a clear answer, never a fake success. */
export function notImplemented(service: string, operation: string): AwsError {
  return new AwsError('NotImplemented', `Bulwark does not implement ${service}:${operation} yet.`, { status: 501 });
}

/** The catch-all for a bug: the client sees an AWS-shaped InternalFailure, never a stack trace. */
export function internalFailure(): AwsError {
  return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', { status: 500 });
}
