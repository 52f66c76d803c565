/**
 * Bulwark's settings: every option is a `--flag` of `bulwark start` and a `BULWARK_*`
 * environment variable (the flag wins). One table describes them all.
 */
export interface BulwarkConfig {
  host: string;
  port: number;
  /** SQLite data directory (default `.bulwark/` under the working directory). */
  dataDir: string;
  inMemory: boolean;
  /** A `postgres://` URL selects PostgreSQL instead of SQLite. */
  storeUrl?: string;
  accountId: string;
  rootAccessKeyId?: string;
  rootSecretAccessKey?: string;
  /** Unknown access keys act as a root, unverified (never the default). */
  acceptAnyKey: boolean;
  /** Allow the well-known `test`/`test` key and --accept-any-key on a non-loopback address. */
  allowInsecureCredentials: boolean;
  defaultRegion: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** IAM authorization: enforce (AccessDenied), soft (log would-be denials, allow) or off. */
  enforcement: 'enforce' | 'soft' | 'off';
  /** The file holding the master key that seals key material at rest (default `<data-dir>/master.key`). */
  masterKeyFile?: string;
  /** Worker processes sharing the port and the store (default 1: everything in this process). */
  workers: number;
  /** Record every call as a CloudTrail event (event history, trails); on by default. */
  cloudtrail: boolean;
  /** How often trails' log files (and digest files) are delivered to their buckets. */
  cloudtrailDeliverySeconds: number;
  /** A file or directory of the user's own detection rules (Sigma YAML), run by GuardDuty beside its own. */
  detectionRules?: string;
}

type Kind = 'string' | 'number' | 'boolean';

interface OptionSpec {
  key: keyof BulwarkConfig;
  flag: string;
  kind: Kind;
  describe: string;
  /** Numbers: the accepted range, and how an error names it. */
  range?: { min: number; max: number; what: string };
}

const PORT = { min: 0, max: 65535, what: 'a port number' };

export const OPTIONS: OptionSpec[] = [
  { key: 'host', flag: 'host', kind: 'string', describe: 'address to listen on (default 127.0.0.1)' },
  { key: 'port', flag: 'port', kind: 'number', describe: 'port to listen on (default 4566)', range: PORT },
  { key: 'dataDir', flag: 'data-dir', kind: 'string', describe: 'SQLite data directory (default ./.bulwark)' },
  { key: 'inMemory', flag: 'in-memory', kind: 'boolean', describe: 'keep all state in memory only' },
  { key: 'storeUrl', flag: 'store-url', kind: 'string', describe: 'postgres://… URL to store state in PostgreSQL' },
  { key: 'accountId', flag: 'account-id', kind: 'string', describe: 'the default account id (default 000000000000)' },
  { key: 'rootAccessKeyId', flag: 'root-access-key-id', kind: 'string', describe: "the default account's root access key id" },
  { key: 'rootSecretAccessKey', flag: 'root-secret-access-key', kind: 'string', describe: "the default account's root secret access key" },
  { key: 'acceptAnyKey', flag: 'accept-any-key', kind: 'boolean', describe: 'treat unknown access keys as a root, without verifying them' },
  { key: 'allowInsecureCredentials', flag: 'allow-insecure-credentials', kind: 'boolean', describe: 'allow test/test and --accept-any-key off loopback' },
  { key: 'defaultRegion', flag: 'region', kind: 'string', describe: 'region for requests that name none (default us-east-1)' },
  { key: 'logLevel', flag: 'log-level', kind: 'string', describe: 'debug, info, warn, error or silent (default info)' },
  { key: 'masterKeyFile', flag: 'master-key-file', kind: 'string', describe: 'file with the master key sealing secrets at rest (default <data-dir>/master.key; or set BULWARK_MASTER_KEY)' },
  { key: 'enforcement', flag: 'enforcement', kind: 'string', describe: 'IAM authorization: enforce, soft (log denials, allow) or off (default enforce)' },
  { key: 'cloudtrail', flag: 'cloudtrail', kind: 'boolean', describe: 'record every call as a CloudTrail event (default true; false: no event history, no trail delivery)' },
  { key: 'cloudtrailDeliverySeconds', flag: 'cloudtrail-delivery-seconds', kind: 'number', describe: 'how often trails deliver log and digest files to their buckets, in seconds (default 10)', range: { min: 1, max: 3600, what: 'a number of seconds from 1 to 3600' } },
  { key: 'detectionRules', flag: 'detection-rules', kind: 'string', describe: 'a file or directory of your own detection rules (Sigma YAML) for GuardDuty' },
  { key: 'workers', flag: 'workers', kind: 'number', describe: 'processes serving requests, e.g. one per CPU core (default 1)', range: { min: 1, max: 64, what: 'a number of processes from 1 to 64' } },
];

export const DEFAULTS: BulwarkConfig = {
  host: '127.0.0.1',
  port: 4566,
  dataDir: '.bulwark',
  inMemory: false,
  accountId: '000000000000',
  acceptAnyKey: false,
  allowInsecureCredentials: false,
  defaultRegion: 'us-east-1',
  logLevel: 'info',
  enforcement: 'enforce',
  workers: 1,
  cloudtrail: true,
  cloudtrailDeliverySeconds: 10,
};

export class ConfigError extends Error {}

function envName(flag: string): string {
  return `BULWARK_${flag.toUpperCase().replace(/-/g, '_')}`;
}

function coerce(spec: OptionSpec, raw: string): string | number | boolean {
  if (spec.kind === 'number') {
    const n = Number(raw);
    const range = spec.range ?? PORT;
    if (raw.trim() === '' || !Number.isInteger(n) || n < range.min || n > range.max) throw new ConfigError(`--${spec.flag} must be ${range.what}, got '${raw}'`);
    return n;
  }
  if (spec.kind === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off|)$/i.test(raw)) return false;
    throw new ConfigError(`--${spec.flag} must be true or false, got '${raw}'`);
  }
  return raw;
}

/** Reads flags (`--port 4567`, `--port=4567`, `--in-memory`) over environment variables over defaults. */
export function parseConfig(argv: string[], env: Record<string, string | undefined> = process.env): BulwarkConfig {
  const config: Record<string, unknown> = { ...DEFAULTS };
  for (const spec of OPTIONS) {
    const value = env[envName(spec.flag)];
    if (value !== undefined) config[spec.key] = coerce(spec, value);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument '${arg}'`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const spec = OPTIONS.find((o) => o.flag === name);
    if (!spec) throw new ConfigError(`unknown option --${name}`);
    let raw = inline;
    if (raw === undefined) {
      if (spec.kind === 'boolean') raw = 'true';
      else if (i + 1 < argv.length) raw = argv[++i];
      else throw new ConfigError(`--${name} needs a value`);
    }
    config[spec.key] = coerce(spec, raw);
  }
  const result = config as unknown as BulwarkConfig;
  if (!/^\d{12}$/.test(result.accountId)) throw new ConfigError(`--account-id must be 12 digits, got '${result.accountId}'`);
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(result.logLevel)) throw new ConfigError(`--log-level must be debug, info, warn, error or silent`);
  if (!['enforce', 'soft', 'off'].includes(result.enforcement)) throw new ConfigError(`--enforcement must be enforce, soft or off, got '${result.enforcement}'`);
  if (result.workers > 1 && result.inMemory) throw new ConfigError('--workers above 1 needs a store the processes share: drop --in-memory (SQLite on disk, or --store-url)');
  return result;
}

export function usage(): string {
  const lines = OPTIONS.map((o) => `  --${(o.flag + (o.kind === 'boolean' ? '' : ' <value>')).padEnd(34)} ${o.describe} [${envName(o.flag)}]`);
  return `Usage: bulwark start [options]\n\nOptions:\n${lines.join('\n')}\n`;
}
