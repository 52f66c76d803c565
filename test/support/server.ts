import { execFile, spawnSync } from 'node:child_process';
import { after, before } from 'node:test';
import { startBulwark, type Bulwark } from '../../src/app.js';
import { parseConfig } from '../../src/config/options.js';

/** A Bulwark on a free loopback port with in-memory state, for end-to-end tests. */
export async function startTestServer(args: string[] = []): Promise<Bulwark> {
  return startBulwark(parseConfig(['--port', '0', '--in-memory', '--log-level', 'silent', ...args], {}));
}

/**
 * The test server of the enclosing suite: started before its tests, closed after them. The
 * returned object stands for that server (its members read through to it once started).
 */
export function suiteServer(args: string[] = []): Bulwark {
  let started: Bulwark | undefined;
  before(async () => {
    started = await startTestServer(args);
  });
  after(() => started?.close());
  return new Proxy({} as Bulwark, {
    get(_, key) {
      if (!started) throw new Error('the suite server is used before its suite started');
      const value = started[key as keyof Bulwark];
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}

/** Why Python-based tests cannot run here, or undefined when python3 with boto3 and the AWS CLI are present. */
export function pythonToolsMissing(): string | undefined {
  const py = spawnSync('python3', ['-c', 'import boto3, botocore'], { stdio: 'ignore' });
  if (py.error || py.status !== 0) return 'python3 with boto3 is not installed on this machine (pip install boto3)';
  const cli = spawnSync('aws', ['--version'], { stdio: 'ignore' });
  if (cli.error || cli.status !== 0) return 'the AWS CLI (`aws`) is not installed on this machine (pip install awscli)';
  return undefined;
}

/** Environment for the AWS CLI and boto3 pointing at a Bulwark endpoint. */
export function awsEnv(endpoint: string, keyId = 'test', secret = 'test'): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: keyId,
    AWS_SECRET_ACCESS_KEY: secret,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: endpoint,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
  };
}

export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop (the server under test shares this process). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(command, args, { env, encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const status = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : null) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** Runs the AWS CLI v1; resolves its exit status, stdout and stderr. */
export function runAwsCli(endpoint: string, args: string[], keyId?: string, secret?: string): Promise<ProcessResult> {
  return run('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], awsEnv(endpoint, keyId, secret));
}

/** Runs a boto3 snippet with `client(name)` available; the snippet prints JSON to stdout. */
export function runBoto3(endpoint: string, code: string, keyId?: string, secret?: string): Promise<ProcessResult> {
  const prelude = [
    'import boto3, json, sys, botocore',
    'from botocore.config import Config',
    `def client(name): return boto3.client(name, endpoint_url=${JSON.stringify(endpoint)}, region_name="us-east-1", config=Config(retries={"max_attempts": 1}))`,
  ].join('\n');
  return run('python3', ['-c', `${prelude}\n${code}`], awsEnv(endpoint, keyId, secret));
}

/** A Bulwark started as its own process through bin/bulwark.js; `stop` sends a signal (SIGTERM unless told) and waits for the exit. */
export interface SpawnedBulwark {
  endpoint: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnBulwark(args: string[]): Promise<SpawnedBulwark> {
  const { spawn } = await import('node:child_process');
  const bin = new URL('../../../bin/bulwark.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--log-level', 'warn', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      stderr += d;
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint,
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      await exited;
    },
  };
}
