/**
 * CredentialAccess:SecretsManager/CloudSecretsManagementStores and
 * CredentialAccess:SSM/CloudSecretsManagementStores (Bulwark's): one principal retrieving many
 * secret values within a short window — Secrets Manager secrets, or SecureString parameters
 * read with decryption.
 *
 * Each distinct named secret counts once per window (an application re-reading its own secret
 * does not add up); a call retrieving an unnamed set (BatchGetSecretValue by filter,
 * GetParametersByPath) counts as BULK_RETRIEVAL secrets, every time. Failed calls count too:
 * probing many secrets is the same behaviour.
 *
 * Which secrets a call read is in its requestParameters, which costs a parse of the record, so
 * calls wait unread until the most they can have retrieved (UPPER_BOUND) could reach the
 * threshold: a principal reading a few secrets now and then never has its records parsed.
 */
import { SEVERITY, type Detector } from '../detection.js';
import type { TrailEvent } from '../trail-event.js';
import { BoundedMap } from './support/bounded-map.js';
import { eventMillis, MINUTE } from './support/event-time.js';
import { isTrue, member, requestParameters, textOf, textsOf } from './support/record-fields.js';
import { UnreadCalls } from './support/unread-calls.js';
import { WeightedWindow } from './support/weighted-window.js';

export interface SecretRetrievalOptions {
  /** Secrets retrieved by one principal within the window that make a finding. */
  threshold: number;
  windowMinutes: number;
}

export const SECRET_RETRIEVAL_DEFAULTS: SecretRetrievalOptions = { threshold: 20, windowMinutes: 10 };

/** What a bulk retrieval of an unnamed set of secrets counts for. */
export const BULK_RETRIEVAL = 10;
const PRINCIPALS_KEPT = 10_000;
/** The most secrets one call can retrieve (API limits: 20 ids per batch, 10 names per GetParameters). */
const UPPER_BOUND = new Map([['GetSecretValue', 1], ['GetParameter', 1], ['GetParameters', 10], ['GetParametersByPath', BULK_RETRIEVAL], ['BatchGetSecretValue', 20]]);
/** Unread calls kept per principal before they are read anyway. */
const UNREAD_KEPT = 1_000;

const SERVICES: Record<string, { type: string; store: string }> = {
  'secretsmanager.amazonaws.com': { type: 'CredentialAccess:SecretsManager/CloudSecretsManagementStores', store: 'Secrets Manager secrets' },
  'ssm.amazonaws.com': { type: 'CredentialAccess:SSM/CloudSecretsManagementStores', store: 'SecureString parameters (decrypted)' },
};

/** One store's calls: the secrets read per principal, and the calls not read yet. */
interface StoreState {
  type: string;
  store: string;
  window: WeightedWindow;
  /** Per principal, the calls not read yet and the most secrets they can have retrieved. */
  unread: BoundedMap<string, UnreadCalls>;
}

/** The named secrets a call retrieves, [] for an unnamed set, undefined for a call that retrieves no secret value. */
function secretsOf(event: TrailEvent): string[] | undefined {
  const parameters = requestParameters(event);
  switch (event.eventName) {
    case 'GetSecretValue':
      return [textOf(member(parameters, 'SecretId'))];
    case 'BatchGetSecretValue':
      return textsOf(member(parameters, 'SecretIdList'));
    case 'GetParameter':
      return isTrue(member(parameters, 'WithDecryption')) ? [textOf(member(parameters, 'Name'))] : undefined;
    case 'GetParameters':
      return isTrue(member(parameters, 'WithDecryption')) ? textsOf(member(parameters, 'Names')) : undefined;
    case 'GetParametersByPath':
      return isTrue(member(parameters, 'WithDecryption')) ? [] : undefined;
    default:
      return undefined;
  }
}

export function secretRetrievalBurst(options: SecretRetrievalOptions = SECRET_RETRIEVAL_DEFAULTS): Detector {
  const windowMs = options.windowMinutes * MINUTE;
  const stores = new Map<string, StoreState>();
  for (const [source, { type, store }] of Object.entries(SERVICES)) {
    stores.set(source, { type, store, window: new WeightedWindow(windowMs, PRINCIPALS_KEPT), unread: new BoundedMap(PRINCIPALS_KEPT) });
  }

  /** Reads the waiting calls into the window; returns the principal's total at `time`. */
  function readAll(state: StoreState, principal: string, waiting: UnreadCalls, time: number): number {
    for (const call of waiting.take()) {
      const secrets = secretsOf(call.event);
      if (!secrets) continue;
      if (secrets.length === 0) state.window.add(principal, call.time, undefined, BULK_RETRIEVAL);
      for (const secret of secrets) state.window.add(principal, call.time, secret);
    }
    return state.window.total(principal, time);
  }

  /** The principal's total if it may have reached the threshold, else undefined (nothing read). */
  function totalAfter(state: StoreState, event: TrailEvent, bound: number): number | undefined {
    const principal = event.identity.key;
    const time = eventMillis(event);
    let waiting = state.unread.get(principal);
    if (!waiting) {
      waiting = new UnreadCalls(windowMs);
      state.unread.set(principal, waiting);
    }
    waiting.push(event, time, bound);
    if (state.window.total(principal, time) + waiting.bound < options.threshold && waiting.size < UNREAD_KEPT) return undefined;
    return readAll(state, principal, waiting, time);
  }

  return {
    name: 'secret-retrieval-burst',
    findingTypes: Object.values(SERVICES).map((s) => s.type),
    eventNames: [...UPPER_BOUND.keys()],
    inspect(event) {
      const state = stores.get(event.eventSource);
      const bound = UPPER_BOUND.get(event.eventName);
      if (!state || bound === undefined) return undefined;
      const total = totalAfter(state, event, bound);
      if (total === undefined || total < options.threshold) return undefined;
      return {
        type: state.type,
        severity: SEVERITY.MEDIUM,
        event,
        title: `A principal retrieved many ${state.store}.`,
        description: `${total} secret values were retrieved by this principal within ${options.windowMinutes} minutes (threshold ${options.threshold}).`,
        additionalInfo: { signal: 'MassSecretRetrieval', definedBy: 'Bulwark', secretsRetrieved: total, threshold: options.threshold, windowMinutes: options.windowMinutes },
      };
    },
  };
}
