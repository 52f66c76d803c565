import { Pool } from 'undici';
import { sign, type UnsignedRequest, type WireRequest } from './sign.js';

/**
 * A light closed-loop load generator: `connections` keep-alive connections, each sending its
 * next request as soon as the previous answer arrives, for `seconds`. Requests are signed
 * with SigV4 once a second (a signature stays valid for 15 minutes, as in AWS).
 */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  firstError?: string;
}

export async function runLoad(endpoint: string, request: UnsignedRequest, connections: number, seconds: number): Promise<LoadResult> {
  const pool = new Pool(endpoint, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  let signed: WireRequest = await sign(endpoint, request);
  const resign = setInterval(() => {
    sign(endpoint, request).then((s) => (signed = s), () => {});
  }, 1000);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        const res = await pool.request({ method: signed.method as 'POST', path: signed.path, headers: signed.headers, body: signed.body });
        const text = await res.body.text();
        if (res.statusCode >= 400) {
          errors++;
          firstError ??= `${res.statusCode} ${text.slice(0, 300)}`;
        }
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
      latencies.push(performance.now() - started);
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - began) / 1000;
  clearInterval(resign);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { requests: latencies.length, errors, seconds: elapsed, rps: latencies.length / elapsed, p50Ms: pct(0.5), p99Ms: pct(0.99), firstError };
}
