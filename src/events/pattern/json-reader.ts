/**
 * A streaming JSON reader that stands where AWS's pattern compiler stands when it reports an
 * error. EventBridge reads a pattern token by token with Jackson and appends Jackson's location
 * to each reason (`… at [Source: (String)"…"; line: 1, column: 56]`), so the column depends on
 * how far the reader has consumed: a string value is read lazily (the position stays just
 * after its opening quote until its text is asked for), a field name is read together with the
 * first character of its value (or the whole value when it is a number or a literal). This
 * reader keeps those positions, so the same consumption order yields the same columns.
 *
 * Syntax errors carry Jackson's wording (Unconfirmed wording: from Jackson's parser, not seen in
 * an AWS answer for every case).
 */
import { PatternError } from './pattern-error.js';

export type Token =
  | 'START_OBJECT'
  | 'END_OBJECT'
  | 'START_ARRAY'
  | 'END_ARRAY'
  | 'FIELD_NAME'
  | 'VALUE_STRING'
  | 'VALUE_NUMBER'
  | 'VALUE_TRUE'
  | 'VALUE_FALSE'
  | 'VALUE_NULL';

interface Scope {
  kind: 'OBJECT' | 'ARRAY';
  /** Entries read so far (a comma must precede the next one). */
  entries: number;
  /** Where it started, for "expected close marker" errors. */
  line: number;
  column: number;
}

const EXPECTED_VALUE = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

export class JsonReader {
  private ptr = 0;
  private line = 1;
  private lineStart = 0;
  private readonly scopes: Scope[] = [];
  private current: Token | undefined;
  /** The value token a field name was read with, returned by the next `next()`. */
  private pending: Token | undefined;
  private pendingStart: { line: number; column: number } | undefined;
  private name = '';
  private text = '';
  /** A string value whose characters have not been consumed yet. */
  private incomplete = false;

  constructor(readonly source: string) {}

  /** The next token, or undefined at the end of the input. */
  next(): Token | undefined {
    if (this.current === 'FIELD_NAME') {
      const token = this.pending!;
      this.pending = undefined;
      if (token === 'START_OBJECT' || token === 'START_ARRAY') this.open(token, this.pendingStart!);
      return (this.current = token);
    }
    if (this.incomplete) this.finishString();
    let c = this.skipSpace();
    const scope = this.scopes[this.scopes.length - 1];
    if (c === undefined) {
      if (scope) {
        throw this.error(`Unexpected end-of-input: expected close marker for ${scope.kind} (start marker at ${this.describe(scope.line, scope.column)})`);
      }
      return (this.current = undefined);
    }
    const start = { line: this.line, column: this.column() };
    this.ptr++;
    if (c === '}' || c === ']') {
      this.text = c;
      return (this.current = this.close(c));
    }
    if (scope && scope.entries > 0) {
      if (c !== ',') throw this.unexpected(c, `was expecting comma to separate ${scope.kind === 'OBJECT' ? 'Object' : 'Array'} entries`);
      c = this.skipSpace();
      if (c === undefined) return this.next();
      start.line = this.line;
      start.column = this.column();
      this.ptr++;
    }
    if (scope) scope.entries++;
    if (scope?.kind === 'OBJECT') {
      if (c !== '"') throw this.unexpected(c, 'was expecting double-quote to start field name');
      this.name = this.readString(true);
      const colon = this.skipSpace();
      if (colon !== ':') throw this.unexpected(colon, 'was expecting a colon to separate field name and value', false);
      this.ptr++;
      const v = this.skipSpace();
      if (v === undefined) throw this.error('Unexpected end-of-input within/between Object entries');
      this.pendingStart = { line: this.line, column: this.column() };
      this.ptr++;
      this.pending = this.value(v);
      return (this.current = 'FIELD_NAME');
    }
    const token = this.value(c);
    if (token === 'START_OBJECT' || token === 'START_ARRAY') this.open(token, start);
    return (this.current = token);
  }

  /** The current token's text, as Jackson gives it (`[` for START_ARRAY; a string's characters are consumed now). */
  getText(): string {
    if (this.current === 'FIELD_NAME') return this.name;
    if (this.incomplete) this.finishString();
    return this.text;
  }

  /** The name of the field whose value is current (or the field name itself). */
  get currentName(): string {
    return this.name;
  }

  /** The reason followed by Jackson's location of where reading stands. */
  error(reason: string): PatternError {
    return new PatternError(reason, this.describe(this.line, this.column()));
  }

  private column(): number {
    return this.ptr - this.lineStart + 1;
  }

  /** Jackson's `[Source: (String)"…"; line: L, column: C]` (content cut at 500 characters). */
  private describe(line: number, column: number): string {
    const max = 500;
    const shown = this.source.length > max ? `${this.source.slice(0, max)}"[truncated ${this.source.length - max} chars]` : `${this.source}"`;
    return `[Source: (String)"${shown}; line: ${line}, column: ${column}]`;
  }

  private open(token: 'START_OBJECT' | 'START_ARRAY', start: { line: number; column: number }): void {
    this.scopes.push({ kind: token === 'START_OBJECT' ? 'OBJECT' : 'ARRAY', entries: 0, line: start.line, column: start.column });
  }

  private close(c: '}' | ']'): Token {
    const scope = this.scopes[this.scopes.length - 1];
    const kind = c === '}' ? 'OBJECT' : 'ARRAY';
    if (!scope || scope.kind !== kind) {
      if (!scope) throw this.unexpected(c, `expected a value`);
      const expected = scope.kind === 'OBJECT' ? '}' : ']';
      throw this.error(`Unexpected close marker '${c}': expected '${expected}' (for ${scope.kind === 'OBJECT' ? 'Object' : 'Array'} starting at ${this.describe(scope.line, scope.column)})`);
    }
    this.scopes.pop();
    return c === '}' ? 'END_OBJECT' : 'END_ARRAY';
  }

  /** Reads a value whose first character `c` was consumed. */
  private value(c: string): Token {
    switch (c) {
      case '"':
        this.incomplete = true;
        this.text = '';
        return 'VALUE_STRING';
      case '{':
      case '[':
        this.text = c;
        return c === '{' ? 'START_OBJECT' : 'START_ARRAY';
      case 't':
        return this.literal('true', 'VALUE_TRUE');
      case 'f':
        return this.literal('false', 'VALUE_FALSE');
      case 'n':
        return this.literal('null', 'VALUE_NULL');
      case ']':
      case '}':
        throw this.unexpected(c, 'expected a value');
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number(c);
        throw this.unexpected(c, `expected a valid value ${EXPECTED_VALUE}`);
    }
  }

  private literal(word: string, token: Token): Token {
    const from = this.ptr - 1;
    let end = from;
    while (end < this.source.length && /[A-Za-z0-9_$]/.test(this.source[end]!)) end++;
    const seen = this.source.slice(from, end);
    if (seen !== word) {
      this.ptr = end;
      throw this.error(`Unrecognized token '${seen}': was expecting ${EXPECTED_VALUE}`);
    }
    this.ptr = end;
    this.text = word;
    return token;
  }

  private number(first: string): Token {
    const s = this.source;
    const from = this.ptr - 1;
    let i = this.ptr;
    const digit = (k: number) => k < s.length && s[k]! >= '0' && s[k]! <= '9';
    if (first === '-') {
      if (!digit(i)) {
        this.ptr = i + 1;
        throw this.numberError(s[i], 'expected digit (0-9) to follow minus sign, for valid numeric value');
      }
      i++;
    }
    const intStart = first === '-' ? i - 1 : from;
    while (digit(i)) i++;
    if (s[intStart] === '0' && i - intStart > 1) {
      this.ptr = intStart + 2;
      throw this.error('Invalid numeric value: Leading zeroes not allowed');
    }
    if (s[i] === '.') {
      i++;
      if (!digit(i)) {
        this.ptr = i + 1;
        throw this.numberError(s[i], 'Decimal point not followed by a digit');
      }
      while (digit(i)) i++;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (!digit(i)) {
        this.ptr = i + 1;
        throw this.numberError(s[i], 'Exponent indicator not followed by a digit');
      }
      while (digit(i)) i++;
    }
    this.ptr = i;
    this.text = s.slice(from, i);
    return 'VALUE_NUMBER';
  }

  private numberError(c: string | undefined, why: string): PatternError {
    if (c === undefined) return this.error('Unexpected end-of-input in a Number value');
    return this.error(`Unexpected character (${charDesc(c)}) in numeric value: ${why}`);
  }

  private finishString(): void {
    this.text = this.readString(false);
  }

  /** Reads up to and past the closing quote (the opening one was consumed). */
  private readString(isName: boolean): string {
    const s = this.source;
    let out = '';
    for (;;) {
      if (this.ptr >= s.length) {
        this.incomplete = false;
        throw this.error(isName ? 'Unexpected end-of-input in field name' : 'Unexpected end-of-input: was expecting closing quote for a string value');
      }
      const c = s[this.ptr++]!;
      if (c === '"') break;
      if (c === '\\') {
        out += this.escape();
        continue;
      }
      if (c < ' ') {
        this.incomplete = false;
        throw this.error(`Illegal unquoted character (${charDesc(c)}): has to be escaped using backslash to be included in ${isName ? 'name' : 'string value'}`);
      }
      out += c;
    }
    this.incomplete = false;
    return out;
  }

  private escape(): string {
    const c = this.source[this.ptr++];
    switch (c) {
      case '"':
      case '\\':
      case '/':
        return c;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.source.slice(this.ptr, this.ptr + 4);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) {
          const bad = [...hex].find((h) => !/[0-9A-Fa-f]/.test(h));
          this.ptr += hex.length;
          throw this.error(bad === undefined ? 'Unexpected end-of-input in character escape sequence' : `Unexpected character (${charDesc(bad)}): expected a hex-digit for character escape sequence`);
        }
        this.ptr += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      case undefined:
        throw this.error('Unexpected end-of-input in character escape sequence');
      default:
        throw this.error(`Unrecognized character escape ${charDesc(c)}`);
    }
  }

  /** Skips whitespace (counting lines); the next character, not consumed. */
  private skipSpace(): string | undefined {
    const s = this.source;
    while (this.ptr < s.length) {
      const c = s[this.ptr]!;
      if (c === ' ' || c === '\t') this.ptr++;
      else if (c === '\n' || c === '\r') {
        this.ptr++;
        if (c === '\r' && s[this.ptr] === '\n') this.ptr++;
        this.line++;
        this.lineStart = this.ptr;
      } else return c;
    }
    return undefined;
  }

  /** `consumed`: whether reading already moved past `c` (Jackson reports the position after it). */
  private unexpected(c: string | undefined, why: string, consumed = true): PatternError {
    if (c === undefined) return this.error(`Unexpected end-of-input: ${why}`);
    if (!consumed) this.ptr++;
    return this.error(`Unexpected character (${charDesc(c)}): ${why}`);
  }
}

/** How Jackson names a character in its messages. */
function charDesc(c: string): string {
  const code = c.codePointAt(0)!;
  if (code < 32 || (code >= 127 && code < 160)) return `(CTRL-CHAR, code ${code})`;
  if (code > 255) return `'${c}' (code ${code} / 0x${code.toString(16)})`;
  return `'${c}' (code ${code})`;
}
