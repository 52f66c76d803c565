import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../../models/index.js';
import type { ServiceTable } from '../../../models/index.js';
import type { HttpResponse } from '../../http.js';

/**
 * Test support: botocore (boto3's engine) as the oracle of the query/ec2 wire format, for
 * models no installed SDK v3 client covers (EC2, and synthetic models exercising rules IAM
 * and STS never use). Runs botocore-oracle.py once per batch of cases.
 */
export interface OracleCase {
  op: string;
  input?: Record<string, unknown>;
  response?: HttpResponse;
}

export interface OracleResult {
  /** The form-encoded body botocore sends for the case's input. */
  body?: string;
  /** What botocore parses from the case's response. */
  parsed?: Record<string, unknown>;
}

const script = fileURLToPath(new URL('src/protocol/query/testing/botocore-oracle.py', packageRoot));

let available: string | undefined | null = null;

/** Why botocore cannot be used here, or undefined when it can. */
export function botocoreUnavailable(): string | undefined {
  if (available === null) {
    const probe = spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' });
    available = probe.status === 0 ? undefined : `python3 with botocore is not installed (${probe.error?.message ?? probe.stderr.trim()})`;
  }
  return available;
}

export function botocoreOracle(model: ServiceTable, cases: OracleCase[]): OracleResult[] {
  const doc = JSON.stringify({
    model,
    cases: cases.map((c) => ({
      op: c.op,
      ...(c.input ? { input: tag(c.input) } : {}),
      ...(c.response ? { response: { ...c.response, body: String(c.response.body) } } : {}),
    })),
  });
  const run = spawnSync('python3', [script], { input: doc, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`botocore oracle failed: ${run.stderr || run.error?.message}`);
  return (JSON.parse(run.stdout) as OracleResult[]).map((r) => ({ ...r, parsed: r.parsed && (untag(r.parsed) as Record<string, unknown>) }));
}

function tag(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Uint8Array) return { $b64: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(tag);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tag(v)]));
  }
  return value;
}

function untag(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untag);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === '$date') return new Date(String(record.$date));
    if (keys.length === 1 && keys[0] === '$b64') return Buffer.from(String(record.$b64), 'base64');
    return Object.fromEntries(keys.map((k) => [k, untag(record[k])]));
  }
  return value;
}
