/**
 * A search tree compiled into closures over a TrailEvent. AND and OR try their cheapest parts
 * first (TrailEvent facts, then record fields, then keyword searches over the whole record),
 * so most events are decided without parsing the record.
 */
import type { TrailEvent } from '../trail-event.js';
import { fieldReader } from './field-path.js';
import type { SearchNode } from './search.js';

export type Predicate = (event: TrailEvent) => boolean;

/** A rough cost of evaluating a node, for ordering AND and OR. */
export function costOf(node: SearchNode): number {
  switch (node.kind) {
    case 'field': return node.fact ? 1 : 4;
    case 'keywords': return 50;
    case 'not': return costOf(node.node);
    default: return node.nodes.reduce((sum, n) => sum + costOf(n), 0);
  }
}

function combine(kind: 'and' | 'or', nodes: SearchNode[]): Predicate {
  const parts = [...nodes].sort((a, b) => costOf(a) - costOf(b)).map(compilePredicate);
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) {
    const [a, b] = parts;
    return kind === 'and' ? (e) => a(e) && b(e) : (e) => a(e) || b(e);
  }
  return kind === 'and' ? (e) => parts.every((p) => p(e)) : (e) => parts.some((p) => p(e));
}

export function compilePredicate(node: SearchNode): Predicate {
  switch (node.kind) {
    case 'field': {
      const read = fieldReader(node.field, node.fact);
      const test = node.test;
      return (event) => test(read(event));
    }
    case 'keywords': {
      const test = node.test;
      return (event) => test(event.record());
    }
    case 'not': {
      const inner = compilePredicate(node.node);
      return (event) => !inner(event);
    }
    default:
      return combine(node.kind, node.nodes);
  }
}

/** Whether evaluating the node may parse the record. */
export function readsRecord(node: SearchNode): boolean {
  switch (node.kind) {
    case 'field': return !node.fact;
    case 'keywords': return true;
    case 'not': return readsRecord(node.node);
    default: return node.nodes.some(readsRecord);
  }
}
