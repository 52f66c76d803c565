import { startBulwark, VERSION } from '../app.js';
import { ConfigError, parseConfig, usage } from '../config/options.js';

/** `bulwark start [options]`, `bulwark --help`, `bulwark --version`. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === 'version') {
    console.log(VERSION);
    return 0;
  }
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
  const bulwark = await startBulwark(config);
  const banner = [
    `Bulwark ${VERSION} listening on ${bulwark.endpoint}`,
    `  account:            ${bulwark.accountId}`,
    `  access key id:      ${bulwark.root.accessKeyId}`,
    `  secret access key:  ${bulwark.root.generated || bulwark.root.accessKeyId === 'test' ? bulwark.root.secretAccessKey : '(as configured)'}`,
    `  store:              ${config.storeUrl ? 'PostgreSQL' : config.inMemory ? 'in memory' : config.dataDir}`,
    `  try: aws --endpoint-url ${bulwark.endpoint} sts get-caller-identity`,
  ];
  if (config.logLevel !== 'silent') process.stderr.write(banner.join('\n') + '\n');
  bulwark.logger.info('started', { endpoint: bulwark.endpoint, account: bulwark.accountId, version: VERSION });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      bulwark.logger.info('stopping', { signal });
      bulwark.close().then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  bulwark.logger.info('stopped');
  return 0;
}
