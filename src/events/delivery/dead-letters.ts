/**
 * Dead-letter queues. In AWS a target's DeadLetterConfig.Arn is an SQS queue that receives the
 * events EventBridge could not deliver; Bulwark has no SQS, so it keeps those messages in the
 * store per queue ARN (scope: the queue's account and Region), in the order they were sent,
 * with AWS's message attributes: RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE,
 * EXHAUSTED_RETRY_CONDITION (when retries ran out) and RETRY_ATTEMPTS. The body is the event.
 * They are read (and purged) through `GET|DELETE /_bulwark/events/dead-letters?queue=<ARN>`.
 */
import { randomUUID } from 'node:crypto';
import type { Scope, Store } from '../../store/index.js';
import { KIND } from '../store/records.js';

export interface DeadLetterAttributes {
  RULE_ARN: string;
  TARGET_ARN: string;
  ERROR_CODE: string;
  ERROR_MESSAGE: string;
  /** `MaximumRetryAttempts` or `MaximumEventAgeInSeconds`; absent for errors that are not retried. */
  EXHAUSTED_RETRY_CONDITION?: string;
  RETRY_ATTEMPTS: string;
}

export interface DeadLetter {
  MessageId: string;
  QueueArn: string;
  Body: string;
  MessageAttributes: DeadLetterAttributes;
  /** ISO 8601. */
  SentTimestamp: string;
}

const QUEUE_ARN = /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]{1,80})$/;

export function queueScope(queueArn: string): Scope | undefined {
  const m = QUEUE_ARN.exec(queueArn);
  return m ? { region: m[1]!, account: m[2]! } : undefined;
}

export async function sendDeadLetter(store: Store, queueArn: string, body: string, attributes: DeadLetterAttributes, now = new Date()): Promise<DeadLetter | undefined> {
  const scope = queueScope(queueArn);
  if (!scope) return undefined;
  const letter: DeadLetter = { MessageId: randomUUID(), QueueArn: queueArn, Body: body, MessageAttributes: attributes, SentTimestamp: now.toISOString() };
  await store.put(scope, KIND.deadLetter, `${queueArn}\u0001${letter.SentTimestamp}\u0001${letter.MessageId}`, letter);
  return letter;
}

/** The queue's messages, oldest first (at most `limit`). */
export async function readDeadLetters(store: Store, queueArn: string, limit = 1000): Promise<DeadLetter[]> {
  const scope = queueScope(queueArn);
  if (!scope) return [];
  return (await store.list<DeadLetter>(scope, KIND.deadLetter, { prefix: `${queueArn}\u0001`, limit })).items.map((i) => i.value);
}

/** Deletes every message of the queue; resolves how many there were. */
export async function purgeDeadLetters(store: Store, queueArn: string): Promise<number> {
  const scope = queueScope(queueArn);
  if (!scope) return 0;
  return store.transaction(async (tx) => {
    const items = (await tx.list(scope, KIND.deadLetter, { prefix: `${queueArn}\u0001` })).items;
    for (const item of items) await tx.delete(scope, KIND.deadLetter, item.id);
    return items.length;
  });
}
