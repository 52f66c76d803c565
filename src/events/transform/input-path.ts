/**
 * The JSON paths of InputPath and InputPathsMap, in the subset EventBridge evaluates:
 * `$`, dot notation (`$.detail.instance-id`: letters, digits, `-`, `_`, `/`, `:`, `@`),
 * bracketed names (`$.detail['a b']`), array indices (`[0]`) and wildcards (`.*`, `[*]`, which
 * gather every value they reach into an array).
 */
export type Step = { name: string } | { index: number } | { wildcard: true };

const NAME = /^[A-Za-z0-9_\-/:@$]+/;

/** The steps of a path; throws with the reason when the path is not one. */
export function parseInputPath(path: string): Step[] {
  if (!path.startsWith('$')) throw new Error(`a JSON path starts with $: ${path}`);
  const steps: Step[] = [];
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    if (rest.startsWith('.*')) {
      steps.push({ wildcard: true });
      i += 2;
    } else if (rest.startsWith('.')) {
      const m = NAME.exec(rest.slice(1));
      if (!m) throw new Error(`a name must follow '.' at position ${i} of ${path}`);
      steps.push({ name: m[0] });
      i += 1 + m[0].length;
    } else if (rest.startsWith('[*]')) {
      steps.push({ wildcard: true });
      i += 3;
    } else if (/^\[\d+\]/.test(rest)) {
      const m = /^\[(\d+)\]/.exec(rest)!;
      steps.push({ index: Number(m[1]) });
      i += m[0].length;
    } else if (/^\[(['"])/.test(rest)) {
      const quote = rest[1]!;
      const end = rest.indexOf(`${quote}]`, 2);
      if (end < 0) throw new Error(`an unterminated bracketed name at position ${i} of ${path}`);
      steps.push({ name: rest.slice(2, end) });
      i += end + 2;
    } else {
      throw new Error(`unexpected '${rest[0]}' at position ${i} of ${path}`);
    }
  }
  return steps;
}

/** The value a path reaches in `root` (undefined when it reaches nothing). */
export function evaluateInputPath(steps: readonly Step[], root: unknown): unknown {
  let values: unknown[] = [root];
  let gathered = false;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of values) {
      if ('wildcard' in step) {
        gathered = true;
        if (Array.isArray(v)) next.push(...v);
        else if (v !== null && typeof v === 'object') next.push(...Object.values(v));
      } else if ('index' in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, step.name)) {
        next.push((v as Record<string, unknown>)[step.name]);
      }
    }
    values = next;
  }
  if (gathered) return values;
  return values[0];
}
