/** Validation and parameter order of item keys (account, region, kind, id), for both backends. */
import type { Scope } from './store.js';

const LONE_SURROGATE = /\p{Cs}/u;

/** Rejects what a backend cannot store faithfully: non-strings, NUL (PostgreSQL) and lone surrogates (UTF-8). */
export function checkText(name: string, value: string): void {
  if (typeof value !== 'string') throw new TypeError(`store ${name} must be a string, got ${typeof value}`);
  if (value.includes('\u0000') || LONE_SURROGATE.test(value)) throw new TypeError(`store ${name} contains NUL or a lone surrogate: ${JSON.stringify(value)}`);
}

/** The parameters of `account = ? AND region = ? AND kind = ?`. */
export function scopeParams(scope: Scope, kind: string): [string, string, string] {
  checkText('account', scope.account);
  checkText('region', scope.region);
  checkText('kind', kind);
  return [scope.account, scope.region, kind];
}

/** The parameters of `account = ? AND region = ? AND kind = ? AND id = ?`. */
export function keyParams(scope: Scope, kind: string, id: string): [string, string, string, string] {
  checkText('id', id);
  return [...scopeParams(scope, kind), id];
}
