import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { packageRoot, type ServiceTable } from '../../src/models/index.js';
import type { HttpResponse } from '../../src/protocol/http.js';

/**
 * botocore (the engine of boto3 and the AWS CLI) as the oracle of a wire format, for services
 * and models no installed SDK v3 client covers: it serializes a request for a case's input and
 * parses a case's response (output or error) with its own serializers and parsers. One run of
 * botocore-oracle.py (next to this file in the source tree) per batch of cases.
 */
export interface OracleCase {
  /** botocore's name of the service whose model to use; unused when the call passes a table. */
  service?: string;
  op: string;
  input?: Record<string, unknown>;
  response?: HttpResponse;
  /** The output (2xx response) or the error's members, to trim to what botocore's model knows. */
  sample?: Record<string, unknown>;
}

export interface OracleResult {
  /** The request botocore sends for the case's input (a query/ec2 body is form-encoded). */
  request?: { method: string; path: string; headers: Record<string, string>; body: string };
  /** The input botocore serialized: the case's, without members its model lacks. */
  sent?: Record<string, unknown>;
  /** What botocore parses from the case's response: the output, or the generic error. */
  parsed?: Record<string, unknown>;
  /** For an error response of one of the operation's modelled errors: its members as botocore reads them. */
  fields?: Record<string, unknown>;
  /** The case's sample as far as botocore's model of the response's shape knows it. */
  known?: Record<string, unknown>;
  /** Why the case did not run (an operation this botocore's model lacks). */
  skip?: string;
  /** What went wrong in this case. */
  failure?: string;
}

const script = fileURLToPath(new URL('test/support/botocore-oracle.py', packageRoot));

let unavailable: string | undefined | null = null;

/** Why botocore cannot be used here (a skip reason), or undefined when it can. */
export function botocoreUnavailable(): string | undefined {
  if (unavailable === null) {
    const probe = spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' });
    if (probe.error) unavailable = `botocore oracle unavailable: python3 is not installed (${probe.error.message})`;
    else if (probe.status !== 0) unavailable = `botocore oracle unavailable: python3 has no botocore module (pip install botocore): ${probe.stderr.trim().split('\n').pop()}`;
    else unavailable = undefined;
  }
  return unavailable;
}

/** Runs the cases through botocore: against `table` when given, else botocore's own model of each case's service. */
export function botocoreOracle(cases: OracleCase[], table?: ServiceTable): OracleResult[] {
  const doc = JSON.stringify({
    ...(table ? { model: table } : {}),
    cases: cases.map((c) => ({
      ...c,
      input: c.input && tag(c.input),
      sample: c.sample && tag(c.sample),
      response: c.response && { ...c.response, body: String(c.response.body) },
    })),
  });
  const run = spawnSync('python3', [script], { input: doc, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`botocore oracle failed: ${run.stderr || run.error?.message}`);
  return (JSON.parse(run.stdout) as { results: OracleResult[] }).results.map((r) => untag(r) as OracleResult);
}

function tag(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.getTime() };
  if (value instanceof Uint8Array) return { $b64: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(tag);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tag(v)]));
  return value;
}

function untag(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untag);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === '$date' && typeof record.$date === 'number') return new Date(record.$date);
    if (keys.length === 1 && keys[0] === '$b64' && typeof record.$b64 === 'string') return Buffer.from(record.$b64, 'base64');
    return Object.fromEntries(keys.map((k) => [k, untag(record[k])]));
  }
  return value;
}
