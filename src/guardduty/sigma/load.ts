/**
 * Loading detection rules: a YAML file (one rule per document, documents separated by `---`)
 * or a directory searched recursively for `.yml`/`.yaml` files. Any problem — bad YAML, an
 * unsupported modifier, a bad condition, two rules with one id — fails the whole load with the
 * file and rule named, so no rule is silently left out.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { isScalar, parseAllDocuments, visit } from 'yaml';
import type { Detector } from '../detection.js';
import { sigmaDetector } from './detector.js';
import { RuleProblem, SigmaRuleError } from './errors.js';
import { ruleFromDocument, ruleLabel, type SigmaRule } from './rule.js';

const RULE_FILE = new Set(['.yml', '.yaml']);

/**
 * The YAML documents of a text as plain values. Sigma treats values as text, so a number keeps
 * the digits it was written with (`0x17` stays '0x17', `1.50` stays '1.50').
 */
function yamlDocuments(text: string, source: string): unknown[] {
  const values: unknown[] = [];
  for (const document of parseAllDocuments(text)) {
    const error = document.errors[0];
    if (error) throw new SigmaRuleError(source, undefined, `invalid YAML: ${error.message}`);
    visit(document, {
      Scalar(_key, node) {
        if (isScalar(node) && typeof node.value === 'number' && node.source !== undefined) node.value = node.source;
      },
    });
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

/** The rules of a YAML text; `source` names it in errors. */
export function parseSigmaRules(text: string, source: string): SigmaRule[] {
  return yamlDocuments(text, source).map((document) => {
    try {
      return ruleFromDocument(document);
    } catch (error) {
      if (error instanceof RuleProblem) throw new SigmaRuleError(source, ruleLabel(document), error.message);
      throw error;
    }
  });
}

async function ruleFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const kind = entry.isSymbolicLink() ? await stat(path) : entry;
    if (kind.isDirectory()) files.push(...(await ruleFiles(path)));
    else if (kind.isFile() && RULE_FILE.has(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}

/** The rules of a file or a directory tree, each with the file it came from. */
export async function loadSigmaRules(path: string): Promise<Array<{ file: string; rule: SigmaRule }>> {
  let files: string[];
  try {
    files = (await stat(path)).isDirectory() ? await ruleFiles(path) : [path];
  } catch (error) {
    throw new SigmaRuleError(path, undefined, `cannot read detection rules: ${(error as Error).message}`);
  }
  const loaded: Array<{ file: string; rule: SigmaRule }> = [];
  const byId = new Map<string, string>();
  for (const file of files) {
    for (const rule of parseSigmaRules(await readFile(file, 'utf8'), file)) {
      if (rule.id !== undefined) {
        const first = byId.get(rule.id);
        if (first) throw new SigmaRuleError(file, rule.title, `id ${rule.id} is also the id of a rule in ${first}`);
        byId.set(rule.id, file);
      }
      loaded.push({ file, rule });
    }
  }
  return loaded;
}

/** The detectors of the rules at `path` (a `.yml`/`.yaml` file or a directory). */
export async function loadDetectionRules(path: string): Promise<Detector[]> {
  return (await loadSigmaRules(path)).map(({ rule }) => sigmaDetector(rule));
}
