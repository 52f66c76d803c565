/**
 * `bulwark simulate [technique…]`: detonates attack techniques against a running Bulwark with
 * the AWS SDK and reports what GuardDuty found. Exit status: 0 when every technique ran
 * (detected or not), 1 when one failed to run or left something behind (or the run could not
 * start), 2 for a usage error or an unknown technique, 130 when interrupted (Ctrl-C stops after
 * the technique in progress has been cleaned up; a second one quits at once).
 */
import { parseArgs } from 'node:util';
import { formatJson, formatList, formatTable, runSimulation, TECHNIQUES, UnknownTechniqueError, type SimulationReport, type TechniqueResult } from '../simulate/index.js';
import { errorText } from '../simulate/undo-stack.js';

const USAGE = `Usage: bulwark simulate [technique…] [options]

Detonates attack techniques against a running Bulwark (every technique when none is named),
cleans up after each, and reports per technique the GuardDuty finding raised and how soon.

Options:
  --endpoint URL        Bulwark's endpoint (default: $AWS_ENDPOINT_URL, else http://127.0.0.1:4566)
  --region REGION       default us-east-1
  --format table|json   table (default), or a JSON array of {technique, detected, findingTypes, secondsToDetect}
  --timeout SECONDS     how long to wait for a finding after each detonation (default 10)
  --list                list the techniques and the finding types each should raise
  --help

Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
AWS_PROFILE, …) and must be the account's root or an administrator's.
`;

interface SimulateArgs {
  techniques: string[];
  endpoint: string;
  region: string;
  format: 'table' | 'json';
  timeoutSeconds: number;
  list: boolean;
  help: boolean;
}

class UsageError extends Error {}

function parse(argv: string[]): SimulateArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      endpoint: { type: 'string' },
      region: { type: 'string' },
      format: { type: 'string' },
      timeout: { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not ${format}`);
  const timeoutSeconds = values.timeout === undefined ? 10 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) throw new UsageError(`--timeout must be a number of seconds, not ${values.timeout}`);
  return {
    techniques: positionals,
    endpoint: values.endpoint ?? process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566',
    region: values.region ?? 'us-east-1',
    format,
    timeoutSeconds,
    list: values.list ?? false,
    help: values.help ?? false,
  };
}

function outcome(result: TechniqueResult): string {
  if (result.error !== undefined) return result.error;
  if (result.detected) return `detected in ${result.secondsToDetect!.toFixed(2)} s (${result.findingTypes.join(', ')})`;
  return `not detected${result.findingTypes.length > 0 ? ` (saw ${result.findingTypes.join(', ')})` : ''}`;
}

/** What stderr shows as each technique finishes. */
function progressLines(result: TechniqueResult): string {
  return [outcome(result), ...result.cleanupErrors.map((failure) => `cleanup ${failure}`)].map((line) => `${result.technique}: ${line}\n`).join('');
}

export async function simulate(argv: string[]): Promise<number> {
  // Bulwark supports Node 20 with the SDK versions it pins; the SDK's notice about its future releases is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let args: SimulateArgs;
  try {
    args = parse(argv);
  } catch (err) {
    process.stderr.write(`bulwark simulate: ${errorText(err)}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.list) {
    process.stdout.write(formatList(TECHNIQUES));
    return 0;
  }
  const stop = new AbortController();
  const onInterrupt = () => {
    if (stop.signal.aborted) process.exit(130);
    process.stderr.write('stopping after the current technique and its cleanup (interrupt again to quit at once, leaving it behind)\n');
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  let report: SimulationReport;
  try {
    report = await runSimulation({
      signal: stop.signal,
      endpoint: args.endpoint,
      region: args.region,
      techniques: args.techniques,
      timeoutSeconds: args.timeoutSeconds,
      onStart: ({ techniques, unwatched }) => {
        if (unwatched !== undefined) process.stderr.write(`warning: no finding can be read: ${unwatched}; the techniques run, none counts as detected\n`);
        process.stderr.write(`detonating ${techniques} technique${techniques === 1 ? '' : 's'} against ${args.endpoint}\n`);
      },
      onResult: (result) => process.stderr.write(progressLines(result)),
    });
  } catch (err) {
    process.stderr.write(`bulwark simulate: ${errorText(err)}\n`);
    return err instanceof UnknownTechniqueError ? 2 : 1;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  if (args.format === 'json') {
    for (const failure of report.cleanupErrors) process.stderr.write(`warning: run cleanup: ${failure}\n`);
    process.stdout.write(formatJson(report));
  } else {
    process.stdout.write(formatTable(report));
  }
  if (report.stopped) return 130;
  const incomplete = report.results.some((r) => r.error !== undefined || r.cleanupErrors.length > 0) || report.cleanupErrors.length > 0;
  return incomplete ? 1 : 0;
}
