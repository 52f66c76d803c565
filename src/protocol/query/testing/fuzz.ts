import assert from 'node:assert/strict';
import { AwsError } from '../../../core/aws-error.js';
import type { ServiceModel } from '../../../models/index.js';
import type { ProtocolCodec } from '../../codec.js';
import type { HttpRequest } from '../../http.js';
import { validateInput } from '../../validate.js';
import { canonical } from '../../../../test/support/compare.js';
import { mutateText, random } from '../../../../test/support/prng.js';
import { formPost, queryGet } from './requests.js';

/**
 * Test support: seeded fuzzing of a query-family codec. Each case is a malformed request —
 * random bytes, mutated valid bodies, random query strings, wrong types, huge numbers, deep
 * nesting, bad escapes, odd headers and paths. The only allowed outcomes of
 * resolveOperation + parseRequest are a parsed input (that canonical() and the validator can
 * walk) or an AwsError with a 4xx status.
 */
const TOKENS = [
  '&', '=', '.', '..', '%', '%zz', '%E0%A4', '%C3%28', '%00', '%FF', '+', ' ', 'member', 'entry', 'key', 'value', '1', '0', '-1',
  '01', '999999999999', '99999999999999999999999', '1e400', 'NaN', '-Infinity', 'true', 'TRUE', 'yes', '', 'Action', 'Version',
  '2010-05-08', '\u0000', '😀', 'ü', '<', ']]>', '__proto__', 'constructor', 'X-Amz-Signature', '====', 'AQID', '2024-13-45T99:99:99Z',
];

export interface FuzzOptions {
  model: ServiceModel;
  codec: ProtocolCodec;
  /** Valid request bodies to mutate. */
  seeds: string[];
  cases: number;
  seed: number;
}

/** Runs the cases; returns how many parsed and how many were rejected with a 4xx AwsError. */
export function fuzzCodec(options: FuzzOptions): { parsed: number; rejected: number } {
  const r = random(options.seed);
  const { next: rand, int, pick } = r;
  const actions = [...options.model.operations.keys()];
  const counts = { parsed: 0, rejected: 0 };

  const token = () => (rand() < 0.7 ? pick(TOKENS) : String.fromCharCode(int(0x3000)));
  const mutate = (body: string): string => mutateText(r, body, token, 5, [
    (s) => s.replace(/=[^&]*/, `=${token()}`),
    (s) => `${s}&${s.split('&')[int(s.split('&').length)] ?? ''}.${token()}=${token()}`,
    (s) => s.replace(/=([^&]*)/g, (whole) => (rand() < 0.3 ? `=${token()}` : whole)),
  ]);
  const generators: (() => HttpRequest)[] = [
    () => formPost(r.bytes(int(300))),
    () => formPost(mutate(pick(options.seeds))),
    () => formPost(mutate(pick(options.seeds))),
    () => queryGet(mutate(pick(options.seeds)), pick(['/', '//', '/%zz', `/${token()}`, '/?x'])),
    () => formPost(`Action=${pick(actions)}&${Array.from({ length: 1 + int(30) }, () => `${token()}${pick(['.', '.member.', '.1.'])}${token()}=${token()}`).join('&')}`),
    () => formPost(`Action=${pick(actions)}&${Array.from({ length: 50 + int(500) }, () => pick(['A', 'member', '1', 'entry', 'Inner'])).join('.')}=x`),
    () => formPost(`Action=${pick(actions)}&${pick(options.seeds).split('&').slice(1).map((p) => `${p.split('=')[0]}=${token()}`).join('&')}`),
    () => formPost(`Action=${pick([token(), pick(actions).toLowerCase(), '', `${pick(actions)}%00`])}&Version=${token()}`),
    () => formPost(mutate(pick(options.seeds)), { 'content-type': pick(['text/plain', 'application/json', '', 'application/x-www-form-urlencoded; charset=latin1', token()]) }),
  ];

  for (let i = 0; i < options.cases; i++) {
    const req = pick(generators)();
    try {
      const op = options.codec.resolveOperation(req, options.model);
      const input = options.codec.parseRequest(req, options.model, op);
      assert.equal(typeof input, 'object');
      canonical(input);
      validateInput(options.model, options.model.inputShape(op), input);
      counts.parsed++;
    } catch (err) {
      if (!(err instanceof AwsError)) {
        throw new Error(`case ${i} (seed ${options.seed}) threw ${String(err)} for ${req.method} ${req.path}?${req.rawQuery} ${req.body.toString('latin1').slice(0, 300)}`, { cause: err });
      }
      assert.ok(err.status >= 400 && err.status < 500, `case ${i}: ${err.code} has status ${err.status}`);
      counts.rejected++;
    }
  }
  return counts;
}
