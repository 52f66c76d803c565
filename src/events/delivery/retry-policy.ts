/**
 * How often and how long a failed delivery is retried: the target's RetryPolicy
 * (MaximumRetryAttempts 0–185, MaximumEventAgeInSeconds 60–86,400; AWS's defaults 185 and 24
 * hours), with exponential backoff and jitter between attempts — 1 s doubling up to 3 minutes
 * (AWS does not publish its timing; `RetryTiming` lets tests shorten it).
 */
import type { TargetRecord } from '../store/records.js';

export interface RetryTiming {
  /** The wait before the first retry (before jitter). */
  baseDelayMs: number;
  /** The longest wait between attempts (before jitter). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_TIMING: RetryTiming = { baseDelayMs: 1_000, maxDelayMs: 180_000 };

export interface RetryLimits {
  maxRetries: number;
  maxAgeMs: number;
}

export function retryLimits(target: TargetRecord): RetryLimits {
  return {
    maxRetries: target.RetryPolicy?.MaximumRetryAttempts ?? 185,
    maxAgeMs: (target.RetryPolicy?.MaximumEventAgeInSeconds ?? 86_400) * 1000,
  };
}

/** The wait before retry number `retry` (1 for the first): half fixed, half random. */
export function backoffMs(retry: number, timing: RetryTiming, random: () => number = Math.random): number {
  const ceiling = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** Math.min(retry - 1, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}
