import cluster from 'node:cluster';
import { startBulwark, VERSION } from '../app.js';
import { resolveRootCredentials, type RootCredentials } from '../accounts/root-credentials.js';
import { ConfigError, parseConfig, usage, type BulwarkConfig } from '../config/options.js';
import { joinPeers } from '../core/peers.js';
import { runCluster, WORKER_INDEX_ENV } from '../server/cluster.js';
import { createLogger } from '../server/logger.js';

/** `bulwark start [options]`, `bulwark detect …`, `bulwark simulate …`, `bulwark --help`, `bulwark --version`. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === 'version') {
    console.log(VERSION);
    return 0;
  }
  if (command === 'detect') return (await import('./detect.js')).detect(rest);
  if (command === 'simulate') return (await import('./simulate.js')).simulate(rest);
  if (command !== 'start') {
    process.stdout.write(usage());
    return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
  let config;
  try {
    config = parseConfig(rest);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`bulwark: ${err.message}\n\n${usage()}`);
      return 2;
    }
    throw err;
  }
  if (cluster.isWorker) return runWorker(config);
  if (config.workers > 1) return runPrimary(config);
  const bulwark = await startBulwark(config);
  printBanner(config, bulwark.endpoint, bulwark.root);
  bulwark.logger.info('started', { endpoint: bulwark.endpoint, account: bulwark.accountId, version: VERSION });
  await stopSignal((signal) => bulwark.logger.info('stopping', { signal }));
  await bulwark.close();
  bulwark.logger.info('stopped');
  return 0;
}

/** `--workers N`: starts the workers, prints the banner once, stops them on a signal. */
async function runPrimary(config: BulwarkConfig): Promise<number> {
  const logger = createLogger(config.logLevel);
  // Workers must agree on generated root credentials: resolve them once and hand them down.
  const root = resolveRootCredentials(config);
  process.env.BULWARK_ROOT_ACCESS_KEY_ID = root.accessKeyId;
  process.env.BULWARK_ROOT_SECRET_ACCESS_KEY = root.secretAccessKey;
  const workers = await runCluster(config.workers, (message) => logger.warn(message));
  printBanner(config, workers.endpoint, root);
  logger.info('started', { endpoint: workers.endpoint, workers: config.workers, version: VERSION });
  await stopSignal((signal) => logger.info('stopping', { signal }));
  await workers.stop();
  logger.info('stopped');
  return 0;
}

async function runWorker(config: BulwarkConfig): Promise<number> {
  joinPeers(process as Parameters<typeof joinPeers>[0]);
  const bulwark = await startBulwark(config, { index: Number(process.env[WORKER_INDEX_ENV]) });
  process.send?.({ bulwark: 'ready', endpoint: bulwark.endpoint });
  // Stops on a signal, or when the primary is gone (its IPC channel closes).
  await Promise.race([stopSignal(() => undefined), new Promise((resolve) => process.once('disconnect', resolve))]);
  await bulwark.close();
  process.disconnect?.();
  return 0;
}

function printBanner(config: BulwarkConfig, endpoint: string, root: RootCredentials): void {
  if (config.logLevel === 'silent') return;
  const banner = [
    `Bulwark ${VERSION} listening on ${endpoint}${config.workers > 1 ? ` (${config.workers} worker processes)` : ''}`,
    `  account:            ${config.accountId}`,
    `  access key id:      ${root.accessKeyId}`,
    `  secret access key:  ${root.generated || root.accessKeyId === 'test' ? root.secretAccessKey : '(as configured)'}`,
    `  store:              ${config.storeUrl ? 'PostgreSQL' : config.inMemory ? 'in memory' : config.dataDir}`,
    `  try: aws --endpoint-url ${endpoint} sts get-caller-identity`,
  ];
  process.stderr.write(banner.join('\n') + '\n');
}

/** Resolves on SIGTERM or SIGINT. */
function stopSignal(onSignal: (signal: string) => void): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      onSignal(signal);
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
