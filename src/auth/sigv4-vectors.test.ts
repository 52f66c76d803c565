/**
 * Table-driven SigV4 tests (sigv4-vectors.json): each case is signed by the AWS SDK's signer,
 * optionally tampered with, then verified by Bulwark; failures must carry the right reason and
 * map to the right AWS error per protocol family.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import vectors from './sigv4-vectors.json' with { type: 'json' };
import type { HttpRequest } from '../protocol/http.js';
import { AuthFailure } from './auth-failure.js';
import { authErrorFor, type ProtocolFamily } from './auth-errors.js';
import { verifySigV4 } from './sigv4.js';
import { alter, EXPIRED_SESSION, lookup, SESSION, signWithSdk, T0, USER, type SignSpec } from './sigv4-oracle.js';
import type { VerifySigV4Options } from './types.js';
import { splitQuery } from './uri-encoding.js';

/** A vector: what to sign (as the oracle takes it, but JSON), how to tamper with it, and what to expect. */
interface Case extends Pick<SignSpec, 'service' | 'region' | 'method' | 'path' | 'query' | 'headers' | 'applyChecksum' | 'unsignableHeaders'> {
  name: string;
  body?: string;
  forms?: string[];
  credential?: string;
  s3ContentSha256?: 'query' | 'none';
  expiresIn?: number;
  now?: string;
  options?: Pick<VerifySigV4Options, 'expectedRegion' | 'expectedService'>;
  tamper?: { body?: string; path?: string; headers?: Record<string, string>; dropHeaders?: string[]; query?: Record<string, string | null> };
  reason?: string;
  problem?: string;
  errors?: Partial<Record<ProtocolFamily, [string, number]>>;
}

const CREDENTIAL_CHOICES: Record<string, SignSpec['credential']> = {
  user: USER,
  session: SESSION,
  'expired-session': EXPIRED_SESSION,
  unknown: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'whatever' },
  'wrong-secret': { accessKeyId: USER.accessKeyId, secretAccessKey: 'not-the-secret' },
  'user-with-token': { ...USER, sessionToken: 'FwoGZXIvYXdzEBYaDBogus==' },
};

function offset(text: string | undefined): number {
  if (!text) return 0;
  const m = /^([+-])(\d+)m$/.exec(text);
  assert.ok(m, `bad offset ${text}`);
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * 60_000;
}

function tamperQuery(rawQuery: string, changes: Record<string, string | null>): string {
  let params = splitQuery(rawQuery);
  for (const [name, value] of Object.entries(changes)) {
    const present = params.some((p) => p.name === name);
    if (value === null) params = params.filter((p) => p.name !== name);
    else if (present) params = params.map((p) => (p.name === name ? { name, value: encodeURIComponent(value) } : p));
    else params.push({ name, value: encodeURIComponent(value) });
  }
  return params.map((p) => `${p.name}=${p.value}`).join('&');
}

async function build(c: Case, form: string): Promise<HttpRequest> {
  let req = await signWithSdk({
    service: c.service,
    region: c.region,
    method: c.method,
    path: c.path,
    query: c.query,
    headers: c.headers,
    body: c.body,
    credential: CREDENTIAL_CHOICES[c.credential ?? 'user'],
    applyChecksum: c.applyChecksum,
    unsignableHeaders: c.unsignableHeaders,
    presign: form === 'presign' ? { expiresIn: c.expiresIn ?? 900, s3ContentSha256: c.s3ContentSha256 } : undefined,
  });
  const t = c.tamper;
  if (t) {
    const headers: Record<string, string | undefined> = { ...(t.headers ?? {}) };
    for (const name of t.dropHeaders ?? []) headers[name] = undefined;
    req = alter(req, { headers });
    if (t.body !== undefined) req = { ...req, body: Buffer.from(t.body) };
    if (t.path !== undefined) req = { ...req, path: t.path };
    if (t.query) req = { ...req, rawQuery: tamperQuery(req.rawQuery, t.query) };
  }
  return req;
}

/** One test per case and signing form; `check` gets the built request and the verifier's clock. */
function vectorTests(cases: Case[], check: (c: Case, form: string, req: HttpRequest, now: Date) => Promise<void>): void {
  for (const c of cases) {
    for (const form of c.forms ?? ['header']) {
      it(`${c.name} [${form}]`, async () => check(c, form, await build(c, form), new Date(T0.getTime() + offset(c.now))));
    }
  }
}

describe('SigV4 vectors: SDK-signed requests verify', () => {
  vectorTests(vectors.success as Case[], async (c, form, req, now) => {
    const result = await verifySigV4(req, lookup, { now, ...c.options });
    assert.equal(result.presigned, form === 'presign');
    assert.equal(result.signatureVerified, true);
    assert.equal(result.scope.service, c.service);
    assert.equal(result.scope.region, c.region ?? 'us-east-1');
    assert.equal(result.scope.date, '20130524');
    assert.equal(result.credential.accessKeyId, CREDENTIAL_CHOICES[c.credential ?? 'user']?.accessKeyId);
    assert.ok(result.signedHeaders.includes('host'));
    assert.equal(result.requestTime.getTime(), T0.getTime());
    if (c.credential === 'session') assert.equal(result.sessionToken, SESSION.sessionToken);
  });
});

describe('SigV4 vectors: bad requests fail with the right reason and AWS error', () => {
  vectorTests(vectors.failures as Case[], async (c, _form, req, now) => {
    const failure = await verifySigV4(req, lookup, { now, ...c.options }).then(
      () => assert.fail('verification should have failed'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof AuthFailure, `expected AuthFailure, got ${String(failure)}`);
    assert.equal(failure.reason, c.reason, failure.message);
    if (c.problem) assert.equal(failure.detail.problem, c.problem);
    for (const [family, [code, status]] of Object.entries(c.errors ?? {})) {
      const error = authErrorFor(failure, family as ProtocolFamily);
      assert.equal(error.code, code, `${family} code`);
      assert.equal(error.status, status, `${family} status`);
      assert.ok(error.message.length > 0);
    }
  });
});
