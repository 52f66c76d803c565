/**
 * Exported findings files, as GuardDuty writes them to an S3 destination: JSON Lines (one
 * finding per line, the API's wire member names, finding-json.ts), gzipped, under
 *   [<prefix>/]AWSLogs/<account>/GuardDuty/<region>/YYYY/MM/DD/<uuid>.jsonl.gz
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Finding } from '../../guardduty/finding.js';
import type { DestinationTarget } from './destination-check.js';
import { findingToJson } from './finding-json.js';

const two = (n: number): string => String(n).padStart(2, '0');

export function exportKey(target: DestinationTarget, account: string, region: string, at: Date): string {
  const prefix = target.prefix ? `${target.prefix}/` : '';
  const day = `${at.getUTCFullYear()}/${two(at.getUTCMonth() + 1)}/${two(at.getUTCDate())}`;
  return `${prefix}AWSLogs/${account}/GuardDuty/${region}/${day}/${randomUUID()}.jsonl.gz`;
}

export function exportBody(findings: readonly Finding[]): Buffer {
  return gzipSync(Buffer.from(findings.map((f) => `${JSON.stringify(findingToJson(f))}\n`).join(''), 'utf8'));
}
