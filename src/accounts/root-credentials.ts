import { randomBytes } from 'node:crypto';
import { ConfigError, type BulwarkConfig } from '../config/options.js';

/** The well-known development key that local AWS emulators accept; loopback only by default. */
export const WELL_KNOWN_KEY = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface RootCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** True when generated at start (printed once; not persisted). */
  generated: boolean;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::ffff:127.0.0.1';
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomKeyId(): string {
  const bytes = randomBytes(16);
  return 'AKIA' + Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
}

/**
 * The default account's root credentials: configured ones, else `test`/`test` on loopback,
 * else freshly generated random ones. Off loopback the well-known key and --accept-any-key
 * are refused unless --allow-insecure-credentials says otherwise.
 */
export function resolveRootCredentials(config: BulwarkConfig): RootCredentials {
  const local = isLoopback(config.host);
  const insecureOk = local || config.allowInsecureCredentials;
  if (!insecureOk && config.acceptAnyKey) {
    throw new ConfigError(`--accept-any-key is refused on the non-loopback address ${config.host} (add --allow-insecure-credentials to force it)`);
  }
  if (config.rootAccessKeyId || config.rootSecretAccessKey) {
    if (!config.rootAccessKeyId || !config.rootSecretAccessKey) {
      throw new ConfigError('--root-access-key-id and --root-secret-access-key go together');
    }
    if (!insecureOk && config.rootAccessKeyId === WELL_KNOWN_KEY.accessKeyId) {
      throw new ConfigError(`the well-known access key 'test' is refused on the non-loopback address ${config.host} (add --allow-insecure-credentials to force it)`);
    }
    return { accessKeyId: config.rootAccessKeyId, secretAccessKey: config.rootSecretAccessKey, generated: false };
  }
  if (insecureOk) return { ...WELL_KNOWN_KEY, generated: false };
  return { accessKeyId: randomKeyId(), secretAccessKey: randomBytes(30).toString('base64').replace(/[+/=]/g, 'x').slice(0, 40), generated: true };
}
