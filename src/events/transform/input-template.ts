/**
 * InputTemplate with `<name>` placeholders, filled as EventBridge fills them:
 *
 *   - a template that is JSON (an object, an array or a string: it starts with `{`, `[` or `"`):
 *     a placeholder outside a JSON string gets the value as JSON (a string quoted, a missing
 *     value `null`); inside a string it gets the value's text, escaped for that string;
 *   - any other template is text: a string value goes in as it is, other values as JSON, a
 *     missing value as nothing.
 *
 * Names are InputPathsMap keys or the predefined `aws.events.rule-arn`, `aws.events.rule-name`,
 * `aws.events.event.ingestion-time`, `aws.events.event` (the event without `detail`) and
 * `aws.events.event.json` (the whole event), the last two meant for JSON values.
 */
export const PREDEFINED = ['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event.ingestion-time', 'aws.events.event', 'aws.events.event.json'] as const;

const PLACEHOLDER = /<([A-Za-z0-9_\-.]+)>/g;

export interface TemplatePiece {
  text: string;
  /** The placeholder after `text`, with whether it stands inside a JSON string. */
  name?: string;
  quoted?: boolean;
}

export interface Template {
  json: boolean;
  pieces: TemplatePiece[];
}

export function parseTemplate(template: string): Template {
  const json = /^\s*[{["]/.test(template);
  const pieces: TemplatePiece[] = [];
  let inString = false;
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const text = template.slice(last, m.index);
    inString = stringStateAfter(text, inString);
    pieces.push({ text, name: m[1]!, quoted: json && inString });
    last = m.index + m[0].length;
  }
  pieces.push({ text: template.slice(last) });
  return { json, pieces };
}

/** Whether a JSON text leaves us inside a string, starting inside one or not. */
function stringStateAfter(text: string, inString: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString && c === '\\') i++;
    else if (c === '"') inString = !inString;
  }
  return inString;
}

/** The placeholders naming neither a path key nor a predefined variable. */
export function unknownPlaceholders(template: Template, keys: readonly string[]): string[] {
  const known = new Set<string>([...keys, ...PREDEFINED]);
  return template.pieces.flatMap((p) => (p.name !== undefined && !known.has(p.name) ? [p.name] : []));
}

/** The template filled with `values` (a name without a value is missing). */
export function renderTemplate(template: Template, values: ReadonlyMap<string, unknown>): string {
  let out = '';
  for (const piece of template.pieces) {
    out += piece.text;
    if (piece.name === undefined) continue;
    const value = values.get(piece.name);
    if (template.json && !piece.quoted) out += value === undefined ? 'null' : JSON.stringify(value);
    else if (template.json) out += escapeForString(textOf(value));
    else out += textOf(value);
  }
  return out;
}

const textOf = (value: unknown): string => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** A text as the inside of a JSON string. */
const escapeForString = (text: string): string => JSON.stringify(text).slice(1, -1);
