/**
 * One HTTP request of delivery (an API destination call, an OAuth token request) with
 * EventBridge's 5-second limit, its outcome sorted as EventBridge sorts it: 2xx delivered;
 * 401, 407, 409, 429, 5xx, timeouts and network errors retried; any other status not retried.
 */
import { DeliveryError } from '../delivery/delivery-error.js';

export const HTTP_TIMEOUT_MS = 5_000;
const RETRIED_STATUSES = new Set([401, 407, 409, 429]);

export interface HttpRequestSpec {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Resolves the response body of a 2xx answer; throws a DeliveryError otherwise. */
export async function httpCall(request: HttpRequestSpec, what: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      redirect: 'manual',
    });
  } catch (err) {
    const timedOut = (err as Error)?.name === 'TimeoutError';
    const reason = timedOut ? `no answer within ${HTTP_TIMEOUT_MS / 1000} seconds` : ((err as { cause?: Error }).cause?.message ?? (err as Error).message);
    throw new DeliveryError('SDK_CLIENT_ERROR', `${what} ${request.method} ${request.url} failed: ${reason}`, true);
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 200 && response.status < 300) return text;
  const retryable = response.status >= 500 || RETRIED_STATUSES.has(response.status);
  throw new DeliveryError(`HTTP_${response.status}`, `${what} ${request.method} ${request.url} answered HTTP ${response.status}${text ? `: ${text.slice(0, 256)}` : ''}`, retryable);
}
