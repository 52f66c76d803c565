/**
 * An action's failure as EventBridge reports it (a DeliveryError: the dead letter's
 * ERROR_CODE and ERROR_MESSAGE, and whether to retry). As EventBridge does for targets: a
 * refusal (AccessDenied, a resource that does not exist, a bad request) is final; throttling,
 * server errors and failed connections are retried.
 */
import { DeliveryError } from '../events/delivery/delivery-error.js';

interface SdkFailure {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Authentication failures of a kept session (revoked or gone): worth one try with a new one. */
export function isAuthenticationFailure(err: unknown): boolean {
  const name = (err as SdkFailure)?.name ?? '';
  return /^(InvalidClientTokenId|UnrecognizedClientException|InvalidAccessKeyId|ExpiredToken|ExpiredTokenException|InvalidToken|SignatureDoesNotMatch)$/.test(name);
}

export function deliveryFailure(err: unknown, what: string): DeliveryError {
  if (err instanceof DeliveryError) return new DeliveryError(err.code, `${what}: ${err.message}`, err.retryable);
  const failure = (err ?? {}) as SdkFailure;
  const name = failure.name ?? 'Error';
  const status = failure.$metadata?.httpStatusCode;
  const message = `${what}: ${name}: ${failure.message ?? String(err)}`;
  if (/AccessDenied|UnauthorizedOperation|Forbidden/i.test(name) || status === 403) return new DeliveryError('NO_PERMISSIONS', message, false);
  if (/Throttl|TooManyRequests|SlowDown/i.test(name) || status === 429) return new DeliveryError('THROTTLING', message, true);
  if (status === undefined || status >= 500) return new DeliveryError('SDK_CLIENT_ERROR', message, true);
  if (/^NoSuch|NotFound/.test(name) || status === 404) return new DeliveryError('RESOURCE_NOT_FOUND', message, false);
  return new DeliveryError('SDK_CLIENT_ERROR', message, false);
}
