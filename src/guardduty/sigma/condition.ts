/**
 * The condition grammar, from least to most binding:
 *
 *   or-expr   := and-expr ('or' and-expr)*
 *   and-expr  := not-expr ('and' not-expr)*
 *   not-expr  := 'not' not-expr | primary
 *   primary   := '(' or-expr ')' | ('1' | 'all') 'of' (pattern | 'them') | identifier
 *
 * A pattern is a search identifier with `*` wildcards; `them` is every identifier not starting
 * with `_`. Operators are case-insensitive. Aggregations (`| count() > 5`) belong to Sigma's
 * correlation rules and are rejected.
 */
import { RuleProblem } from './errors.js';

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'ref'; name: string }
  | { kind: 'of'; quantifier: 'one' | 'all'; pattern: string };

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them']);
const IDENTIFIER = /^[\w.\-*]+$/;

function tokenize(text: string): string[] {
  return text.match(/[()]|[^\s()]+/g) ?? [];
}

class ConditionParser {
  private at = 0;

  constructor(private readonly text: string, private readonly tokens: string[]) {}

  parse(): Condition {
    if (this.tokens.length === 0) throw new RuleProblem('the condition is empty');
    const condition = this.or();
    if (this.at < this.tokens.length) this.fail(`unexpected '${this.tokens[this.at]}'`);
    return condition;
  }

  private fail(problem: string): never {
    throw new RuleProblem(`condition '${this.text}': ${problem}`);
  }

  private peek(): string | undefined {
    return this.tokens[this.at]?.toLowerCase();
  }

  private next(what: string): string {
    const token = this.tokens[this.at++];
    if (token === undefined) this.fail(`expected ${what} at the end`);
    return token;
  }

  private or(): Condition {
    const items = [this.and()];
    while (this.peek() === 'or') {
      this.at++;
      items.push(this.and());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private and(): Condition {
    const items = [this.not()];
    while (this.peek() === 'and') {
      this.at++;
      items.push(this.not());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private not(): Condition {
    if (this.peek() !== 'not') return this.primary();
    this.at++;
    return { kind: 'not', item: this.not() };
  }

  private primary(): Condition {
    const token = this.next('a search identifier');
    const word = token.toLowerCase();
    if (token === '(') {
      const inner = this.or();
      if (this.next("')'") !== ')') this.fail(`expected ')' before '${this.tokens[this.at - 1]}'`);
      return inner;
    }
    if (this.peek() === 'of') {
      if (word !== '1' && word !== 'all') this.fail(`'${token} of' is not supported: use '1 of' or 'all of'`);
      this.at++;
      const target = this.next("a search identifier pattern or 'them' after 'of'");
      if (target === '(' || target === ')' || (KEYWORDS.has(target.toLowerCase()) && target.toLowerCase() !== 'them')) this.fail(`expected a search identifier pattern or 'them' after 'of', not '${target}'`);
      if (target.toLowerCase() !== 'them' && !IDENTIFIER.test(target)) this.fail(`'${target}' is not a search identifier pattern`);
      return { kind: 'of', quantifier: word === '1' ? 'one' : 'all', pattern: target.toLowerCase() === 'them' ? 'them' : target };
    }
    if (token === ')' || KEYWORDS.has(word)) this.fail(`expected a search identifier, not '${token}'`);
    if (!IDENTIFIER.test(token)) this.fail(`'${token}' is not a search identifier`);
    if (token.includes('*')) this.fail(`a wildcard needs '1 of' or 'all of' before '${token}'`);
    return { kind: 'ref', name: token };
  }
}

export function parseCondition(text: string): Condition {
  if (text.includes('|')) throw new RuleProblem(`condition '${text}': aggregations (| count() …) are not supported; they belong to Sigma correlation rules`);
  return new ConditionParser(text, tokenize(text)).parse();
}

/** The identifiers a `1 of`/`all of` pattern names, in the order the rule defines them. */
export function identifiersMatching(pattern: string, identifiers: readonly string[]): string[] {
  if (pattern === 'them') return identifiers.filter((name) => !name.startsWith('_'));
  const re = new RegExp('^' + pattern.split('*').map((part) => part.replace(/[.\\^$+?()[\]{}|/-]/g, '\\$&')).join('.*') + '$');
  return identifiers.filter((name) => re.test(name));
}
