/**
 * The rules of one event bus, filed by a top-level field their pattern requires (an exact
 * string or a prefix of it, e.g. `source` or `detail-type`): an event is tested only against
 * the rules filed under its own values of those fields — a map lookup and a walk down a
 * character trie — and against the few rules that could not be filed. A candidate found under
 * one of its values already meets its condition on that field; the rest of its pattern is
 * then checked (the whole pattern for rules that could not be filed).
 */
import { fieldReader, objectPredicate, type Predicate } from '../pattern/event-matcher.js';
import { indexableFields, type EventPattern, type IndexableField } from '../pattern/index.js';

interface Entry<T> {
  rule: T;
  /** What remains to check once the entry was reached (the whole pattern for unfiled rules). */
  rest: Predicate;
  /** Insertion order: matches are reported in it. */
  order: number;
  /** The lookup that last considered this entry (an event may reach it through several values). */
  seen: number;
}

interface TrieNode<T> {
  children: Map<string, TrieNode<T>>;
  entries: Entry<T>[];
}

class FieldIndex<T> {
  private readonly exact = new Map<string, Entry<T>[]>();
  private readonly prefixes: TrieNode<T> = { children: new Map(), entries: [] };
  private hasPrefixes = false;

  add(entry: Entry<T>, field: IndexableField): void {
    for (const value of new Set(field.exact)) {
      const list = this.exact.get(value);
      if (list) list.push(entry);
      else this.exact.set(value, [entry]);
    }
    for (const prefix of new Set(field.prefixes)) {
      let node = this.prefixes;
      for (const c of prefix) {
        let next = node.children.get(c);
        if (!next) node.children.set(c, (next = { children: new Map(), entries: [] }));
        node = next;
      }
      node.entries.push(entry);
      this.hasPrefixes = true;
    }
  }

  lookup(value: string, visit: (entry: Entry<T>) => void): void {
    const exact = this.exact.get(value);
    if (exact) for (const e of exact) visit(e);
    if (!this.hasPrefixes) return;
    let node: TrieNode<T> | undefined = this.prefixes;
    for (const e of node.entries) visit(e);
    for (const c of value) {
      node = node.children.get(c);
      if (!node) return;
      for (const e of node.entries) visit(e);
    }
  }
}

/** Exact-only fields first (most selective), then `detail-type`, `source`, others. */
function rank(field: IndexableField): number {
  const preference = field.field === 'detail-type' ? 0 : field.field === 'source' ? 1 : 2;
  return (field.prefixes.length === 0 ? 0 : 3) + preference;
}

export class RuleIndex<T> {
  private readonly fields: Array<{ name: string; read: (event: Readonly<Record<string, unknown>>) => unknown; index: FieldIndex<T> }> = [];
  private readonly unfiled: Entry<T>[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(rule: T, pattern: EventPattern): void {
    const candidates = indexableFields(pattern.tree).sort((a, b) => rank(a) - rank(b));
    const field = candidates[0];
    if (!field) {
      this.unfiled.push({ rule, rest: pattern.matches, order: this.count++, seen: 0 });
      return;
    }
    const others = new Map(pattern.tree.fields);
    others.delete(field.field);
    const entry: Entry<T> = { rule, rest: objectPredicate({ fields: others, ors: pattern.tree.ors }), order: this.count++, seen: 0 };
    let filed = this.fields.find((f) => f.name === field.field);
    if (!filed) this.fields.push((filed = { name: field.field, read: fieldReader(field.field), index: new FieldIndex() }));
    filed.index.add(entry, field);
  }

  /** The rules whose patterns match the event, in the order they were added. */
  matching(event: object): T[] {
    this.event = event as Readonly<Record<string, unknown>>;
    this.found = [];
    this.lookup++;
    for (const f of this.fields) {
      const value = f.read(this.event);
      if (value !== undefined) lookupValues(f.index, value, this.visit);
    }
    for (const e of this.unfiled) this.visit(e);
    const found = this.found;
    this.found = [];
    this.event = undefined;
    if (found.length > 1) found.sort((a, b) => a.order - b.order);
    return found.map((e) => e.rule);
  }

  /** State of the lookup under way (kept on the index: one closure for every lookup, none allocated per event). */
  private event: Readonly<Record<string, unknown>> | undefined;
  private found: Entry<T>[] = [];
  private lookup = 0;
  private readonly visit = (e: Entry<T>): void => {
    if (e.seen === this.lookup) return;
    e.seen = this.lookup;
    if (e.rest(this.event)) this.found.push(e);
  };
}

/** A field's string values (an array's, at any depth) looked up in the field's index. */
function lookupValues<T>(index: FieldIndex<T>, value: unknown, visit: (e: Entry<T>) => void): void {
  if (typeof value === 'string') index.lookup(value, visit);
  else if (Array.isArray(value)) for (const v of value) lookupValues(index, v, visit);
}
