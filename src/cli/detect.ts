/**
 * `bulwark detect [options] <files or directories>…`: GuardDuty's detectors (and the user's
 * own rules) over CloudTrail log files as AWS delivers them, JSON lines or JSON arrays;
 * prints the findings as a table, GuardDuty findings (JSON) or ASFF.
 */
import { readFile } from 'node:fs/promises';
import { asffFromFinding } from '../guardduty/asff.js';
import { createDetectors } from '../guardduty/detectors/index.js';
import type { Finding } from '../guardduty/finding.js';
import { detectInFiles } from '../guardduty/offline.js';
import { loadDetectionRules } from '../guardduty/sigma/index.js';
import { threatIntelFromLists } from '../guardduty/threat-lists/index.js';
import type { ThreatListKind } from '../guardduty/threat-intel.js';
import { findingsTable } from './findings-table.js';
import { progressBar } from './progress-bar.js';

const FORMATS = ['table', 'json', 'asff'] as const;
type Format = (typeof FORMATS)[number];

const LIST_FLAGS: Record<string, { kind: ThreatListKind; trusted?: boolean }> = {
  '--threat-list': { kind: 'custom' },
  '--guardduty-threat-list': { kind: 'guardduty' },
  '--tor-list': { kind: 'tor' },
  '--trusted-ips': { kind: 'custom', trusted: true },
};

export const DETECT_USAGE = `Usage: bulwark detect [options] <file or directory>...

Runs Bulwark's GuardDuty detectors over CloudTrail logs: files as AWS delivers them
({"Records":[...]}, .json or .json.gz), JSON lines, or JSON arrays of records; directories
are read recursively.

Options:
  --format table|json|asff     output: a table (default), a JSON array of GuardDuty findings,
                               or a JSON array of ASFF findings
  --rules <file or directory>  your own detection rules (Sigma YAML), beside the built-in ones
  --threat-list <file>         IPs and CIDRs, one per line (MaliciousIPCaller.Custom)
  --guardduty-threat-list <f>  the same, reported as GuardDuty's own intelligence (MaliciousIPCaller)
  --tor-list <file>            Tor exit node addresses (TorIPCaller)
  --trusted-ips <file>         calls from these addresses raise no finding
  --no-progress                no progress bar (it shows on a terminal for large inputs)
`;

interface DetectArgs {
  format: Format;
  rules: string[];
  lists: Array<{ path: string; kind: ThreatListKind; trusted?: boolean }>;
  progress: boolean;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): DetectArgs {
  const args: DetectArgs = { format: 'table', rules: [], lists: [], progress: true, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') {
      const format = value();
      if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be table, json or asff, got '${format}'`);
      args.format = format as Format;
    } else if (flag === '--rules') args.rules.push(value());
    else if (flag in LIST_FLAGS) args.lists.push(Object.assign({ path: value() }, LIST_FLAGS[flag]));
    else if (flag === '--no-progress') args.progress = false;
    else if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag}`);
    else args.paths.push(flag);
  }
  if (args.paths.length === 0) throw new UsageError('name at least one file or directory');
  return args;
}

export async function detect(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(DETECT_USAGE);
    return 0;
  }
  let args: DetectArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`bulwark detect: ${err.message}\n\n${DETECT_USAGE}`);
    return 2;
  }
  try {
    const detectors = createDetectors();
    for (const path of args.rules) detectors.push(...(await loadDetectionRules(path)));
    const lists = await Promise.all(args.lists.map(async (list) => ({ kind: list.kind, trusted: list.trusted, name: list.path, format: 'TXT', text: await readFile(list.path, 'utf8') })));
    const bar = args.progress && process.stderr.isTTY ? progressBar(process.stderr) : undefined;
    const result = await detectInFiles(args.paths, { detectors, threatIntel: lists.length > 0 ? threatIntelFromLists(lists) : undefined, onProgress: bar?.update });
    bar?.done();
    process.stdout.write(render(result.findings, args.format));
    process.stderr.write(`${result.events} events in ${result.files} files${result.invalid ? ` (${result.invalid} records skipped: not JSON objects)` : ''}; ${result.findings.length} findings\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`bulwark detect: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function render(findings: Finding[], format: Format): string {
  if (format === 'json') return JSON.stringify(findings, null, 2) + '\n';
  if (format === 'asff') return JSON.stringify(findings.map(asffFromFinding), null, 2) + '\n';
  return findingsTable(findings);
}
