/**
 * A rule's `detection` section compiled: its search identifiers as search trees, the condition
 * (one expression, or a list of them ORed) over them, the predicate to run on each event, and
 * the event names the rule needs when every way to match names them.
 */
import { identifiersMatching, parseCondition, type Condition } from './condition.js';
import { RuleProblem, within } from './errors.js';
import { requiredEventNames } from './event-names.js';
import { compilePredicate, type Predicate } from './predicate.js';
import { searchNode, type SearchNode } from './search.js';

export interface CompiledDetection {
  root: SearchNode;
  matches: Predicate;
  /** Set when the rule can only match these event names (the engine's dispatch). */
  eventNames?: string[];
}

function resolve(condition: Condition, nodes: Map<string, SearchNode>, text: string): SearchNode {
  switch (condition.kind) {
    case 'ref': {
      const node = nodes.get(condition.name);
      if (!node) throw new RuleProblem(`condition '${text}': unknown search identifier '${condition.name}'`);
      return node;
    }
    case 'not':
      return { kind: 'not', node: resolve(condition.item, nodes, text) };
    case 'of': {
      const names = identifiersMatching(condition.pattern, [...nodes.keys()]);
      if (names.length === 0) throw new RuleProblem(`condition '${text}': '${condition.pattern}' names no search identifier`);
      const parts = names.map((name) => nodes.get(name)!);
      return parts.length === 1 ? parts[0] : { kind: condition.quantifier === 'one' ? 'or' : 'and', nodes: parts };
    }
    default:
      return { kind: condition.kind, nodes: condition.items.map((item) => resolve(item, nodes, text)) };
  }
}

function conditionsOf(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (raw === undefined || list.length === 0) throw new RuleProblem('detection.condition is missing');
  for (const c of list) if (typeof c !== 'string') throw new RuleProblem('detection.condition must be a string or a list of strings');
  return list as string[];
}

export function compileDetection(detection: unknown): CompiledDetection {
  if (detection === null || typeof detection !== 'object' || Array.isArray(detection)) throw new RuleProblem('detection must be a map');
  const { condition, timeframe, ...identifiers } = detection as Record<string, unknown>;
  if (timeframe !== undefined) throw new RuleProblem('detection.timeframe is not supported (it belongs to Sigma correlation rules)');
  const nodes = new Map<string, SearchNode>();
  for (const [name, value] of Object.entries(identifiers)) nodes.set(name, within(`detection.${name}`, () => searchNode(value)));
  if (nodes.size === 0) throw new RuleProblem('detection has no search identifier');
  const roots = conditionsOf(condition).map((text) => resolve(parseCondition(text), nodes, text));
  const root: SearchNode = roots.length === 1 ? roots[0] : { kind: 'or', nodes: roots };
  const names = requiredEventNames(root);
  return { root, matches: compilePredicate(root), eventNames: names ? [...names].sort() : undefined };
}
