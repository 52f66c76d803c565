import assert from 'node:assert/strict';
import { AwsError } from '../../../core/aws-error.js';
import type { ServiceModel } from '../../../models/index.js';
import type { ProtocolCodec } from '../../codec.js';
import type { HttpRequest } from '../../http.js';
import { validateInput } from '../../validate.js';
import { canonical } from '../../../../test/support/compare.js';
import { mutateText as editText, random } from '../../../../test/support/prng.js';

/**
 * Test support: seeded fuzzing of a REST codec. Each case mutates a valid request the SDK sent
 * (body bytes, JSON/XML structure and types, path escapes and segments, query strings, bound
 * headers, method, Host) or builds one from random bytes. The only allowed outcomes of
 * resolveOperation + parseRequest are a parsed input (that canonical() and the validator can
 * walk) or an AwsError with a 4xx status.
 */
const TOKENS = [
  '%', '%zz', '%E0%A4', '%C3%28', '%00', '%FF%FE', '%2F', '+', ' ', '/', '//', '..', '?', '#', '&', '=', ',', '"', '\\', '\\u12', '\\ud800',
  '1', '-1', '01', '1.5', '1e400', '-1e400', '99999999999999999999999', 'NaN', 'Infinity', 'true', 'TRUE', 'null', '{}', '[]', '""',
  '<', '>', '</a>', '<!DOCTYPE x [<!ENTITY e "e">]>', '&e;', '&amp;', '&#0;', '&#xD800;', ']]>', '<![CDATA[x]]>', '__proto__', 'constructor',
  '😀', 'ü', '\u0000', '\r\n', 'AQID', '====', '2024-13-45T99:99:99Z', 'Mon, 32 Foo 2024', '-62135596800', '253402300800000',
];

const JSON_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 63, '', 'x', 'AQID', '1e400', [], [1, 'a', null], {}, { a: { b: [] } }, '2024-01-01T00:00:00Z'];

export interface RestFuzzOptions {
  model: ServiceModel;
  codec: ProtocolCodec;
  /** Valid requests (as the SDK sent them) to mutate. */
  seeds: HttpRequest[];
  cases: number;
  seed: number;
  /** 'json' or 'xml': which structured mutations apply to bodies. */
  body: 'json' | 'xml';
}

export function fuzzRestCodec(o: RestFuzzOptions): { parsed: number; rejected: number } {
  const r = random(o.seed);
  const { next: rand, int, pick } = r;
  const token = () => (rand() < 0.75 ? pick(TOKENS) : String.fromCodePoint(int(0x2ffff)));
  const counts = { parsed: 0, rejected: 0 };

  const mutateText = (text: string): string => editText(r, text, token, 4, [(s, at) => s.slice(0, at) + s.slice(int(s.length))]);

  const mutateJson = (text: string): string => {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return mutateText(text);
    }
    const leaves: [Record<string, unknown> | unknown[], string | number][] = [];
    const walk = (v: unknown) => {
      if (v && typeof v === 'object') {
        for (const [k, c] of Object.entries(v)) {
          leaves.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
          walk(c);
        }
      }
    };
    walk(doc);
    for (let m = 0, n = 1 + int(3); m < n && leaves.length > 0; m++) {
      const [parent, key] = pick(leaves);
      (parent as Record<string | number, unknown>)[key] = rand() < 0.1 ? deepJson(50 + int(1000)) : pick(JSON_VALUES);
    }
    return JSON.stringify(doc);
  };

  const deepJson = (depth: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = rand() < 0.5 ? [v] : { a: v };
    return v;
  };

  const mutateXml = (text: string): string => {
    switch (int(4)) {
      case 0: return text.replace(/>([^<]+)</, `>${token()}<`);
      case 1: return text.replace(/<(\w+)>/, `<$1>${'<a>'.repeat(int(3000))}`);
      case 2: return text.replace(/<\/\w+>/, '');
      default: return mutateText(text);
    }
  };

  const mutateBody = (req: HttpRequest): Buffer => {
    const text = req.body.toString('utf8');
    switch (int(6)) {
      case 0: return r.bytes(int(300));
      case 1: return req.body.subarray(0, int(req.body.length + 1));
      case 2: return Buffer.from(o.body === 'json' ? '['.repeat(int(100000)) : '<a>'.repeat(int(20000)));
      case 3: return Buffer.from(o.body === 'json' ? mutateJson(text) : mutateXml(text));
      case 4: return Buffer.from(mutateText(text));
      default: return Buffer.from(o.body === 'json' ? `{"x":${'9'.repeat(int(400))}}` : `<?xml version="1.0"?><${pick(['a', 'Tagging', 'Delete'])}>${token()}</a>`);
    }
  };

  const mutatePath = (path: string): string => {
    const segs = path.split('/');
    switch (int(4)) {
      case 0: segs.splice(1 + int(Math.max(1, segs.length - 1)), 0, token()); break;
      case 1: segs.splice(1 + int(Math.max(1, segs.length - 1)), 1); break;
      case 2: segs[int(segs.length)] += token(); break;
      default: return mutateText(path);
    }
    return segs.join('/');
  };

  const mutateQuery = (raw: string): string => {
    const parts = raw ? raw.split('&') : [];
    switch (int(3)) {
      case 0: parts.push(`${token()}=${token()}`); break;
      case 1: if (parts.length) parts[int(parts.length)] = parts[int(parts.length)].replace(/=.*$/, `=${safeEncode(token())}${token()}`); break;
      default: return mutateText(raw);
    }
    return parts.join('&');
  };

  const mutateHeaders = (headers: Record<string, string>): Record<string, string> => {
    const out = { ...headers };
    const names = Object.keys(out);
    for (let m = 0, n = 1 + int(3); m < n; m++) {
      if (rand() < 0.5 && names.length) out[pick(names)] = token() + (rand() < 0.5 ? token() : '');
      else out[pick(['x-amz-meta-', 'x-amz-', 'content-', 'x-amz-meta-__proto__', 'host'])] = token();
    }
    return out;
  };

  for (let i = 0; i < o.cases; i++) {
    const base = pick(o.seeds);
    let req: HttpRequest = { ...base, headers: { ...base.headers } };
    for (let m = 0, n = 1 + int(3); m < n; m++) {
      switch (int(6)) {
        case 0: req = { ...req, body: mutateBody(req) }; break;
        case 1: req = { ...req, path: mutatePath(req.path) }; break;
        case 2: req = { ...req, rawQuery: mutateQuery(req.rawQuery) }; break;
        case 3: req = { ...req, headers: mutateHeaders(req.headers) }; break;
        case 4: req = { ...req, method: pick(['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS', 'get', 'X']) }; break;
        default: req = { ...req, body: mutateBody(req), headers: mutateHeaders(req.headers) }; break;
      }
    }
    try {
      const op = o.codec.resolveOperation(req, o.model);
      const input = o.codec.parseRequest(req, o.model, op);
      canonical(input);
      validateInput(o.model, o.model.inputShape(op), input);
      counts.parsed++;
    } catch (err) {
      if (!(err instanceof AwsError)) {
        assert.fail(`case ${i} (seed ${o.seed}): ${req.method} ${req.path.slice(0, 200)}?${req.rawQuery.slice(0, 200)} threw ${(err as Error)?.stack ?? String(err)}`);
      }
      assert.ok(err.status >= 400 && err.status < 500, `case ${i} (seed ${o.seed}): ${err.code} has status ${err.status}`);
      counts.rejected++;
    }
  }
  return counts;
}

function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}
