/**
 * Sigma's string values: literal text with the wildcards `*` (any run of characters) and `?`
 * (exactly one), where a backslash escapes `*`, `?` and itself and is literal before anything
 * else (so `C:\Windows\*` is a backslash path with a trailing wildcard, `\*` a literal star and
 * `\\*` a backslash then a wildcard). A pattern compiles to the cheapest test that does the
 * job: equality, startsWith, endsWith or includes, and the policy engine's linear wildcard
 * match (no regular expression to backtrack) when a wildcard sits inside the text. `?` is one
 * UTF-16 unit, as in IAM policies.
 */
import { QMARK, STAR, wildMatch } from '../../iam/policy/glob.js';

export type PatternToken = { kind: 'text'; text: string } | { kind: 'any' } | { kind: 'one' };

/** A string value as tokens; adjacent text is merged and `**` collapses to one `*`. */
export type Pattern = readonly PatternToken[];

function push(tokens: PatternToken[], token: PatternToken): void {
  const last = tokens[tokens.length - 1];
  if (token.kind === 'text') {
    if (token.text === '') return;
    if (last?.kind === 'text') tokens[tokens.length - 1] = { kind: 'text', text: last.text + token.text };
    else tokens.push(token);
  } else if (!(token.kind === 'any' && last?.kind === 'any')) {
    tokens.push(token);
  }
}

/** Reads a value with Sigma's wildcards and escapes. */
export function parsePattern(value: string): Pattern {
  const tokens: PatternToken[] = [];
  let text = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      const next = value[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        text += next;
        i++;
      } else {
        text += c;
      }
    } else if (c === '*' || c === '?') {
      push(tokens, { kind: 'text', text });
      text = '';
      push(tokens, { kind: c === '*' ? 'any' : 'one' });
    } else {
      text += c;
    }
  }
  push(tokens, { kind: 'text', text });
  return tokens;
}

/** A value taken literally (the output of an encoding modifier). */
export function literalPattern(value: string): Pattern {
  return value === '' ? [] : [{ kind: 'text', text: value }];
}

/** The pattern with `*` added before and/or after (contains, startswith, endswith). */
export function widen(pattern: Pattern, before: boolean, after: boolean): Pattern {
  const tokens: PatternToken[] = [];
  if (before) push(tokens, { kind: 'any' });
  for (const token of pattern) push(tokens, token);
  if (after) push(tokens, { kind: 'any' });
  return tokens;
}

/** The pattern's text when it has no wildcard, else undefined. */
export function exactText(pattern: Pattern): string | undefined {
  if (pattern.length === 0) return '';
  const [only] = pattern;
  return pattern.length === 1 && only.kind === 'text' ? only.text : undefined;
}

/**
 * A compiled pattern. `test` takes the field's text already folded as `caseSensitive` says
 * (lower-cased when false), so a field read once serves every pattern of a list.
 */
export interface StringMatcher {
  readonly caseSensitive: boolean;
  /** The whole (folded) text to equal, when the pattern has no wildcard. */
  readonly exact?: string;
  test(text: string): boolean;
}

/** Folds a text for a case-insensitive comparison. */
export function fold(text: string, caseSensitive: boolean): string {
  return caseSensitive ? text : text.toLowerCase();
}

/** The pattern in the policy engine's sentinel form, its text folded for the comparison. */
function toSentinels(pattern: Pattern, caseSensitive: boolean): string {
  return pattern.map((t) => (t.kind === 'text' ? fold(t.text, caseSensitive) : t.kind === 'any' ? STAR : QMARK)).join('');
}

export function compilePattern(pattern: Pattern, caseSensitive: boolean): StringMatcher {
  const exact = exactText(pattern);
  if (exact !== undefined) {
    const want = fold(exact, caseSensitive);
    return { caseSensitive, exact: want, test: (text) => text === want };
  }
  const kinds = pattern.map((t) => t.kind).join(' ');
  const texts = pattern.filter((t): t is { kind: 'text'; text: string } => t.kind === 'text').map((t) => fold(t.text, caseSensitive));
  switch (kinds) {
    case 'any':
      return { caseSensitive, test: () => true };
    case 'text any':
      return { caseSensitive, test: (text) => text.startsWith(texts[0]) };
    case 'any text':
      return { caseSensitive, test: (text) => text.endsWith(texts[0]) };
    case 'any text any':
      return { caseSensitive, test: (text) => text.includes(texts[0]) };
    default: {
      const sentinels = toSentinels(pattern, caseSensitive);
      return { caseSensitive, test: (text) => wildMatch(sentinels, text) };
    }
  }
}
