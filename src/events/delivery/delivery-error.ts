/**
 * A failed delivery to a target: the code and message a dead letter carries (ERROR_CODE,
 * ERROR_MESSAGE) and whether trying again may help. As EventBridge, errors of the target's
 * configuration (a target that no longer exists) are not retried; the target's own failures
 * (timeouts, 5xx, 429) are.
 */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
