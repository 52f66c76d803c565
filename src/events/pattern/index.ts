/**
 * EventBridge's event pattern language: `compileEventPattern` reads and checks a pattern
 * (PatternError carries AWS's reason) and gives its predicate; `indexableFields` says which
 * top-level fields a rule index may file it under.
 */
import { isLeaf, type ObjectPattern } from './ast.js';
import { objectPredicate, type Predicate } from './event-matcher.js';
import { parsePattern } from './parse-pattern.js';

export { PatternError, invalidEventPattern } from './pattern-error.js';
export type { ObjectPattern } from './ast.js';

export interface EventPattern {
  text: string;
  tree: ObjectPattern;
  matches: Predicate;
}

const compiled = new Map<string, EventPattern>();
const MAX_CACHED = 10_000;

/** The pattern compiled (cached by text: rule sets reload often, patterns rarely change). */
export function compileEventPattern(text: string): EventPattern {
  let pattern = compiled.get(text);
  if (!pattern) {
    const tree = parsePattern(text);
    pattern = { text, tree, matches: objectPredicate(tree) };
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(text, pattern);
  }
  return pattern;
}

/** A top-level field whose every condition is an exact string or a (case-sensitive) prefix. */
export interface IndexableField {
  field: string;
  exact: string[];
  prefixes: string[];
}

/**
 * The top-level fields an event must hold one of these strings (or prefixes) in to match:
 * necessary conditions, so a rule filed under one is never missed when the event's value
 * for that field is looked up.
 */
export function indexableFields(tree: ObjectPattern): IndexableField[] {
  const out: IndexableField[] = [];
  for (const [field, node] of tree.fields) {
    if (!isLeaf(node)) continue;
    const exact: string[] = [];
    const prefixes: string[] = [];
    let usable = true;
    for (const c of node.conditions) {
      if (c.kind === 'exact') exact.push(c.value);
      else if (c.kind === 'prefix' && !c.ignoreCase) prefixes.push(c.value);
      else usable = false;
    }
    if (usable) out.push({ field, exact, prefixes });
  }
  return out;
}
