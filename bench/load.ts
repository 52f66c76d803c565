import { RawConnection, serializeRequest } from './raw-client.js';
import { sign, type Credentials, type UnsignedRequest } from './sign.js';

/**
 * A light closed-loop load generator: `connections` keep-alive connections, each sending its
 * next request as soon as the previous answer arrives, for `seconds`. Requests are signed
 * with SigV4 (the SDK's signer) once a second — a signature stays valid for 15 minutes, as
 * in AWS — and re-sent as pre-serialized bytes.
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

async function signedBytes(endpoint: string, request: UnsignedRequest, credentials?: Credentials): Promise<Buffer> {
  const s = await sign(endpoint, request, undefined, credentials);
  return serializeRequest(s.method, s.path, s.headers, s.body);
}

export async function runLoad(endpoint: string, request: UnsignedRequest, connections: number, seconds: number, credentials?: Credentials): Promise<LoadResult> {
  const url = new URL(endpoint);
  let bytes = await signedBytes(endpoint, request, credentials);
  const resign = setInterval(() => {
    signedBytes(endpoint, request, credentials).then((b) => (bytes = b), () => {});
  }, 1000);
  const conns = await Promise.all(Array.from({ length: connections }, () => RawConnection.open(url.hostname, Number(url.port))));
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + seconds * 1000;
  const worker = async (conn: RawConnection) => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        const res = await conn.send(bytes);
        if (res.status >= 400) {
          errors++;
          firstError ??= `${res.status} ${res.body.toString('utf8', 0, 300)}`;
        }
      } catch (err) {
        errors++;
        firstError ??= String(err);
        return;
      }
      latencies.push(performance.now() - started);
    }
  };
  const began = performance.now();
  await Promise.all(conns.map(worker));
  const elapsed = (performance.now() - began) / 1000;
  clearInterval(resign);
  for (const c of conns) c.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { requests: latencies.length, errors, seconds: elapsed, rps: latencies.length / elapsed, p50Ms: pct(0.5), p99Ms: pct(0.99), firstError };
}
