/**
 * A connection's secret values (password, API key value, OAuth client secret, http parameters
 * marked IsValueSecret) sealed under Bulwark's master key, the connection ARN as label: never
 * stored in the clear, never returned by the API; opened only to call the endpoint.
 */
import type { MasterKey } from '../../crypto/master-key.js';
import type { ConnectionRecord, ConnectionSecrets, HttpParameters } from './records.js';

export const sealSecrets = (masterKey: MasterKey, connectionArn: string, secrets: ConnectionSecrets): string =>
  masterKey.seal(Buffer.from(JSON.stringify(secrets), 'utf8'), `events:connection:${connectionArn}`);

export function openSecrets(masterKey: MasterKey, connection: ConnectionRecord): ConnectionSecrets {
  if (!connection.SealedSecrets) return {};
  return JSON.parse(masterKey.open(connection.SealedSecrets, `events:connection:${connection.ConnectionArn}`).toString('utf8')) as ConnectionSecrets;
}

/** The key of a secret http parameter value: its section and index. */
export const parameterKey = (section: string, kind: 'HeaderParameters' | 'QueryStringParameters' | 'BodyParameters', index: number): string =>
  `${section}\u0001${kind}\u0001${index}`;

const SECTIONS = ['HeaderParameters', 'QueryStringParameters', 'BodyParameters'] as const;

/** A connection's http parameters with their secret values put back (`section`: invocation or oauth). */
export function joinHttp(section: string, http: HttpParameters, secrets: ConnectionSecrets): HttpParameters {
  const out: HttpParameters = {};
  for (const kind of SECTIONS) {
    const list = http[kind];
    if (list) out[kind] = list.map((p, i) => (p.IsValueSecret ? { ...p, Value: secrets.parameters?.[parameterKey(section, kind, i)] ?? '' } : { ...p }));
  }
  return out;
}
