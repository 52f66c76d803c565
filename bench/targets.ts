import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sign, type UnsignedRequest } from './sign.js';

/** A server under test: Bulwark or moto_server, each in its own process. */
export interface Target {
  name: string;
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

const BULWARK_BIN = fileURLToPath(new URL('../../bin/bulwark.js', import.meta.url));

async function waitUntilUp(url: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return performance.now() - started;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
}

/**
 * Starts Bulwark with an on-disk store in a fresh temporary directory and measures the cold
 * start: from spawning the process to the first answered signed request (`firstRequest`).
 */
/* Benchmark ports lie below Linux's ephemeral range (32768–60999): there, the thousands of
   client connections a run opens (moto_server closes each one) could hold a port the next
   server wants to listen on. */
export async function startBulwarkTarget(port: number, firstRequest: UnsignedRequest, extraArgs: string[] = []): Promise<Target & { startupMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bulwark-bench-'));
  const started = performance.now();
  // BENCH_CPU_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops; BENCH_LOG_LEVEL=warn shows its log.
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROFILE] : [];
  const child = spawn(process.execPath, [...profile, BULWARK_BIN, 'start', '--port', String(port), '--data-dir', dataDir, '--log-level', process.env.BENCH_LOG_LEVEL ?? 'silent', ...extraArgs], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${endpoint}/_bulwark/health`, 15_000);
  const signed = await sign(endpoint, firstRequest);
  const res = await fetch(`${endpoint}${signed.path}`, { method: signed.method, headers: withoutHost(signed.headers), body: signed.body });
  if (res.status !== 200) throw new Error(`first request failed: ${res.status} ${await res.text()}`);
  const startupMs = performance.now() - started;
  const stop = stopper(child);
  return {
    name: 'bulwark',
    endpoint,
    pid: child.pid!,
    startupMs,
    stop: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function withoutHost(headers: Record<string, string>): Record<string, string> {
  const { host: _host, ...rest } = headers;
  return rest;
}

export function motoInstalled(): boolean {
  return spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;
}

export async function startMotoTarget(port: number): Promise<Target> {
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  await waitUntilUp(`http://127.0.0.1:${port}/moto-api/`, 30_000);
  return { name: 'moto', endpoint: `http://127.0.0.1:${port}`, pid: child.pid!, stop: stopper(child) };
}

/** Resident set size of a process in MB (Linux /proc); `peak` gives the high-water mark (VmHWM). */
export function rssMb(pid: number, peak = false): number | undefined {
  try {
    const m = new RegExp(`${peak ? 'VmHWM' : 'VmRSS'}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
