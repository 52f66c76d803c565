/**
 * What the policy simulator reads from a policy's text beyond what the engine compiles: where
 * each Statement starts and ends (line/column, for MatchedStatements) and the context keys the
 * document references (Condition keys and `${…}` variables, with the case they were written
 * in, for GetContextKeysFor*Policy and MissingContextValues).
 */

export interface TextPosition {
  Line: number;
  Column: number;
}

export interface StatementSpan {
  start: TextPosition;
  end: TextPosition;
}

/** A tiny JSON scanner that records the offsets of the top-level Statement's elements. */
class Scanner {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
  }

  string(): string {
    // this.s[this.i] === '"'
    let out = '';
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i++] as string;
      if (c === '"') return out;
      if (c === '\\') {
        out += this.s[this.i++] ?? '';
        continue;
      }
      out += c;
    }
    throw new Error('unterminated string');
  }

  /** Skips one value; returns its [start, end) offsets. */
  value(): [number, number] {
    this.ws();
    const start = this.i;
    const c = this.s[this.i];
    if (c === '"') this.string();
    else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      this.i++;
      this.ws();
      if (this.s[this.i] === close) {
        this.i++;
        return [start, this.i];
      }
      for (;;) {
        this.ws();
        if (c === '{') {
          this.string();
          this.ws();
          this.i++; // ':'
        }
        this.value();
        this.ws();
        const next = this.s[this.i++];
        if (next === close) break;
        if (next !== ',') throw new Error('bad JSON');
      }
    } else {
      while (this.i < this.s.length && /[^\s,}\]]/.test(this.s[this.i] as string)) this.i++;
    }
    return [start, this.i];
  }
}

function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { Line: line, Column: offset - lineStart + 1 };
}

/**
 * The span of every statement (in document order), 1-based lines and columns; the end is the
 * column just after the closing brace. Empty when the text cannot be scanned.
 */
export function statementSpans(text: string): StatementSpan[] {
  try {
    const sc = new Scanner(text);
    sc.ws();
    if (sc.s[sc.i] !== '{') return [];
    sc.i++;
    for (;;) {
      sc.ws();
      if (sc.s[sc.i] === '}') return [];
      const key = sc.string();
      sc.ws();
      sc.i++; // ':'
      sc.ws();
      if (key === 'Statement') {
        const spans: [number, number][] = [];
        if (sc.s[sc.i] === '[') {
          sc.i++;
          sc.ws();
          while (sc.s[sc.i] !== ']') {
            spans.push(sc.value());
            sc.ws();
            if (sc.s[sc.i] === ',') sc.i++;
            sc.ws();
          }
        } else {
          spans.push(sc.value());
        }
        return spans.map(([a, b]) => ({ start: positionOf(text, a), end: positionOf(text, b) }));
      }
      sc.value();
      sc.ws();
      if (sc.s[sc.i] === ',') sc.i++;
    }
  } catch {
    return [];
  }
}

const VARIABLE = /\$\{([^}]*)\}/g;

function variablesIn(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    for (const m of value.matchAll(VARIABLE)) {
      const inner = (m[1] as string).split(',')[0]!.trim();
      if (inner && inner !== '*' && inner !== '?' && inner !== '$') out.push(inner);
    }
  } else if (Array.isArray(value)) {
    for (const v of value) variablesIn(v, out);
  }
}

/** The context keys one statement references: variables in Resource/NotResource, then Condition keys (and variables in their values). */
export function statementKeys(statement: unknown, substitute: boolean): string[] {
  const out: string[] = [];
  if (statement === null || typeof statement !== 'object') return out;
  const st = statement as Record<string, unknown>;
  if (substitute) {
    variablesIn(st.Resource, out);
    variablesIn(st.NotResource, out);
  }
  const cond = st.Condition;
  if (cond && typeof cond === 'object') {
    for (const block of Object.values(cond as Record<string, unknown>)) {
      if (!block || typeof block !== 'object') continue;
      for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
        out.push(key);
        if (substitute) variablesIn(values, out);
      }
    }
  }
  return out;
}

/** Per statement (document order), the context keys it references. */
export function policyKeys(text: string): string[][] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  if (!doc || typeof doc !== 'object') return [];
  const d = doc as Record<string, unknown>;
  const substitute = d.Version === '2012-10-17';
  const list = Array.isArray(d.Statement) ? d.Statement : d.Statement === undefined ? [] : [d.Statement];
  return list.map((s) => statementKeys(s, substitute));
}

/** Keys in first-seen order, without case-insensitive duplicates. */
export function uniqueKeys(keys: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of keys) {
    const lower = k.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    out.push(k);
  }
  return out;
}
