import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { suiteServer } from '../support/server.js';

/**
 * Raw signed requests, tampered after signing the way an attacker or a broken proxy would,
 * must each get the AWS error for the protocol (query: STS; json: KMS).
 */
interface Raw {
  service: string;
  headers: Record<string, string>;
  body: string;
}

const STS_CALL: Raw = {
  service: 'sts',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: 'Action=GetCallerIdentity&Version=2011-06-15',
};
const JSON_CALL: Raw = {
  service: 'acm',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CertificateManager.ListCertificates' },
  body: '{}',
};

async function signed(endpoint: string, call: Raw, opts: { secret?: string; keyId?: string; date?: Date } = {}) {
  const url = new URL(endpoint);
  const signer = new SignatureV4({
    service: call.service,
    region: 'us-east-1',
    credentials: { accessKeyId: opts.keyId ?? 'test', secretAccessKey: opts.secret ?? 'test' },
    sha256: Sha256,
  });
  const req = await signer.sign(
    new HttpRequest({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers: { ...call.headers, host: url.host }, body: call.body }),
    { signingDate: opts.date },
  );
  return { headers: req.headers as Record<string, string>, body: call.body };
}

async function send(endpoint: string, headers: Record<string, string>, body: string) {
  const { host: _host, ...rest } = headers;
  const res = await fetch(endpoint + '/', { method: 'POST', headers: rest, body });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

function xmlCode(text: string): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
}
function xmlMessage(text: string): string | undefined {
  return /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
}

describe('authentication failures get the AWS error', () => {
  const bulwark = suiteServer();

  test('a correctly signed request succeeds (control)', async () => {
    const s = await signed(bulwark.endpoint, STS_CALL);
    const r = await send(bulwark.endpoint, s.headers, s.body);
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<Arn>arn:aws:iam::000000000000:root<\/Arn>/);
  });

  test('query: a body tampered after signing → SignatureDoesNotMatch 403', async () => {
    const s = await signed(bulwark.endpoint, STS_CALL);
    const r = await send(bulwark.endpoint, s.headers, s.body.replace('GetCallerIdentity', 'GetAccessKeyInfo'));
    assert.equal(r.status, 403);
    assert.equal(xmlCode(r.text), 'SignatureDoesNotMatch');
    assert.match(r.text, /<Type>Sender<\/Type>/);
  });

  test('query: a date 20 minutes old → SignatureDoesNotMatch "Signature expired" 403', async () => {
    const s = await signed(bulwark.endpoint, STS_CALL, { date: new Date(Date.now() - 20 * 60_000) });
    const r = await send(bulwark.endpoint, s.headers, s.body);
    assert.equal(r.status, 403);
    assert.equal(xmlCode(r.text), 'SignatureDoesNotMatch');
    assert.match(xmlMessage(r.text) ?? '', /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
  });

  test('query: a date 20 minutes ahead → SignatureDoesNotMatch "Signature not yet current" 403', async () => {
    const s = await signed(bulwark.endpoint, STS_CALL, { date: new Date(Date.now() + 20 * 60_000) });
    const r = await send(bulwark.endpoint, s.headers, s.body);
    assert.equal(r.status, 403);
    assert.equal(xmlCode(r.text), 'SignatureDoesNotMatch');
    assert.match(xmlMessage(r.text) ?? '', /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/);
  });

  test('query: a date 10 minutes off is still inside the 15-minute window', async () => {
    const s = await signed(bulwark.endpoint, STS_CALL, { date: new Date(Date.now() - 10 * 60_000) });
    const r = await send(bulwark.endpoint, s.headers, s.body);
    assert.equal(r.status, 200, r.text);
  });

  test('query: no Authorization at all → MissingAuthenticationToken 403', async () => {
    const r = await send(bulwark.endpoint, STS_CALL.headers, STS_CALL.body);
    assert.equal(r.status, 403);
    assert.equal(xmlCode(r.text), 'MissingAuthenticationToken');
  });

  test('query: an unknown key → InvalidClientTokenId 403', async () => {
    const s = await signed(bulwark.endpoint, STS_CALL, { keyId: 'AKIAIOSFODNN7EXAMPLE' });
    const r = await send(bulwark.endpoint, s.headers, s.body);
    assert.equal(r.status, 403);
    assert.equal(xmlCode(r.text), 'InvalidClientTokenId');
  });

  test('json: a wrong secret → InvalidSignatureException', async () => {
    const s = await signed(bulwark.endpoint, JSON_CALL, { secret: 'nope' });
    const r = await send(bulwark.endpoint, s.headers, s.body);
    assert.equal(JSON.parse(r.text).__type.split('#').pop(), 'InvalidSignatureException');
    assert.ok(r.status === 400 || r.status === 403, `status ${r.status}`);
  });

  test('json: an unknown key → UnrecognizedClientException 400', async () => {
    const s = await signed(bulwark.endpoint, JSON_CALL, { keyId: 'AKIAIOSFODNN7EXAMPLE' });
    const r = await send(bulwark.endpoint, s.headers, s.body);
    assert.equal(r.status, 400);
    assert.equal(JSON.parse(r.text).__type.split('#').pop(), 'UnrecognizedClientException');
  });

  test('json: a modelled operation not implemented yet → NotImplemented 501 naming it', async () => {
    const s = await signed(bulwark.endpoint, JSON_CALL);
    const r = await send(bulwark.endpoint, s.headers, s.body);
    assert.equal(r.status, 501);
    const body = JSON.parse(r.text);
    assert.equal(body.__type.split('#').pop(), 'NotImplemented');
    assert.match(body.message, /acm:ListCertificates/);
  });
});

describe('--accept-any-key', () => {
  const bulwark = suiteServer(['--accept-any-key']);

  test('an unknown key acts as the root of the default account', async () => {
    const s = await signed(bulwark.endpoint, STS_CALL, { keyId: 'AKIAANYTHING', secret: 'whatever' });
    const r = await send(bulwark.endpoint, s.headers, s.body);
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<Account>000000000000<\/Account>/);
  });

  test('a 12-digit key acts as the root of the account it names', async () => {
    const s = await signed(bulwark.endpoint, STS_CALL, { keyId: '123456789012', secret: 'whatever' });
    const r = await send(bulwark.endpoint, s.headers, s.body);
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<Arn>arn:aws:iam::123456789012:root<\/Arn>/);
  });

  test('the known key is still verified', async () => {
    const s = await signed(bulwark.endpoint, STS_CALL, { keyId: 'test', secret: 'wrong' });
    const r = await send(bulwark.endpoint, s.headers, s.body);
    assert.equal(r.status, 403);
    assert.equal(xmlCode(r.text), 'SignatureDoesNotMatch');
  });
});
