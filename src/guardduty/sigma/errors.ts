/**
 * What goes wrong with a rule. Every message names the file and the rule, then what is wrong
 * and where (`detection.selection: unsupported modifier 'windash'`), so one bad rule stops the
 * load with a message the author can act on.
 */
export class SigmaRuleError extends Error {
  constructor(
    /** The file the rule came from (or the name given for text). */
    readonly source: string,
    /** The rule's title or id, when known. */
    readonly rule: string | undefined,
    /** What is wrong, without the file and rule. */
    readonly problem: string,
  ) {
    super(`${source}${rule ? `: rule "${rule}"` : ''}: ${problem}`);
    this.name = 'SigmaRuleError';
  }
}

/**
 * A problem found while compiling a part of a rule; the loader wraps it in a SigmaRuleError
 * once it knows the file and the rule.
 */
export class RuleProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleProblem';
  }
}

/** Prefixes a problem raised inside `fn` with where it happened (`detection.selection`). */
export function within<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RuleProblem) throw new RuleProblem(`${where}: ${error.message}`);
    throw error;
  }
}
