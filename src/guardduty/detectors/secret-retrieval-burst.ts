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
 */
import { SEVERITY, type Detector } from '../detection.js';
import type { TrailEvent } from '../trail-event.js';
import { eventMillis, MINUTE } from './support/event-time.js';
import { isTrue, member, requestParameters, textOf, textsOf } from './support/record-fields.js';
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

const SERVICES: Record<string, { type: string; store: string }> = {
  'secretsmanager.amazonaws.com': { type: 'CredentialAccess:SecretsManager/CloudSecretsManagementStores', store: 'Secrets Manager secrets' },
  'ssm.amazonaws.com': { type: 'CredentialAccess:SSM/CloudSecretsManagementStores', store: 'SecureString parameters (decrypted)' },
};

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
  const window = new WeightedWindow(options.windowMinutes * MINUTE, PRINCIPALS_KEPT);
  return {
    name: 'secret-retrieval-burst',
    findingTypes: Object.values(SERVICES).map((s) => s.type),
    eventNames: ['GetSecretValue', 'BatchGetSecretValue', 'GetParameter', 'GetParameters', 'GetParametersByPath'],
    inspect(event) {
      const service = SERVICES[event.eventSource];
      if (!service) return undefined;
      const secrets = secretsOf(event);
      if (!secrets) return undefined;
      const key = `${event.identity.key}\u0000${event.eventSource}`;
      const time = eventMillis(event);
      let total = 0;
      if (secrets.length === 0) total = window.add(key, time, undefined, BULK_RETRIEVAL);
      for (const secret of secrets) total = window.add(key, time, secret);
      if (total < options.threshold) return undefined;
      return {
        type: service.type,
        severity: SEVERITY.MEDIUM,
        event,
        title: `A principal retrieved many ${service.store}.`,
        description: `${total} secret values were retrieved by this principal within ${options.windowMinutes} minutes (threshold ${options.threshold}).`,
        additionalInfo: { signal: 'MassSecretRetrieval', definedBy: 'Bulwark', secretsRetrieved: total, threshold: options.threshold, windowMinutes: options.windowMinutes },
      };
    },
  };
}
