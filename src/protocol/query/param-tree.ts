/**
 * The flat `A.B.member.1=x` parameters of a query/ec2 request, folded into a tree by their
 * dotted names so the input reader walks it beside the model: `Tags.member.1.Key=k` becomes
 * Tags → member → 1 → Key with value `k`.
 */
export interface ParamNode {
  /** The value sent for exactly this name (`Tags=` sends ''), if any. */
  value?: string;
  children?: Map<string, ParamNode>;
}

/** The most dotted segments one name may have; deeper names cannot match any AWS model. */
const MAX_SEGMENTS = 64;

export function buildParamTree(pairs: Iterable<[string, string]>): ParamNode {
  const root: ParamNode = {};
  for (const [name, value] of pairs) {
    if (!name) continue;
    const segments = name.split('.');
    if (segments.length > MAX_SEGMENTS) continue;
    let node = root;
    for (const segment of segments) {
      node.children ??= new Map();
      let child = node.children.get(segment);
      if (!child) {
        child = {};
        node.children.set(segment, child);
      }
      node = child;
    }
    // The first occurrence of a repeated name wins, like AWS's form decoders.
    if (node.value === undefined) node.value = value;
  }
  return root;
}

export function childNode(node: ParamNode, name: string): ParamNode | undefined {
  return node.children?.get(name);
}

const INDEX = /^[1-9][0-9]{0,8}$/;

/**
 * The children of `node` named by a 1-based index (`1`, `2`, … — gaps allowed), in index order,
 * as [index, child]. Names that are not positive integers are not list members and are skipped.
 */
export function indexedChildren(node: ParamNode | undefined): [number, ParamNode][] {
  if (!node?.children) return [];
  const indexed: [number, ParamNode][] = [];
  for (const [name, child] of node.children) {
    if (INDEX.test(name)) indexed.push([Number(name), child]);
  }
  return indexed.sort((a, b) => a[0] - b[0]);
}
