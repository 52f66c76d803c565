/**
 * The event names a rule can match at all, so the engine runs it only for those events. A
 * field `eventName` compared for equality gives its values; AND keeps what every constrained
 * part allows; OR needs every branch constrained; NOT and anything else constrain nothing.
 * Values are taken as written: CloudTrail spells each event name one way, and the engine
 * dispatches on the exact name.
 */
import type { SearchNode } from './search.js';

/** The names in both sets, compared case-insensitively as Sigma compares them. */
function intersect(a: Set<string>, b: Set<string>): Set<string> {
  const folded = new Set([...b].map((n) => n.toLowerCase()));
  return new Set([...a].filter((n) => folded.has(n.toLowerCase())));
}

/** The names the node requires, or undefined when it may match any event. */
export function requiredEventNames(node: SearchNode): Set<string> | undefined {
  switch (node.kind) {
    case 'field':
      return node.field === 'eventName' && node.exactValues ? new Set(node.exactValues) : undefined;
    case 'and': {
      let names: Set<string> | undefined;
      for (const part of node.nodes) {
        const allowed = requiredEventNames(part);
        if (!allowed) continue;
        names = names ? intersect(names, allowed) : allowed;
      }
      return names;
    }
    case 'or': {
      const names = new Set<string>();
      for (const part of node.nodes) {
        const allowed = requiredEventNames(part);
        if (!allowed) return undefined;
        for (const n of allowed) names.add(n);
      }
      return names;
    }
    default:
      return undefined;
  }
}
