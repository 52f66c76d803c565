/**
 * A parsed event pattern. An object pattern constrains fields (AND) and may hold `$or` groups
 * (each satisfied by any one of its alternatives); a leaf is the list of value conditions of
 * one field (any one suffices).
 */
import type { IpRange } from './ip-address.js';

export interface ObjectPattern {
  fields: Map<string, ObjectPattern | Leaf>;
  /** Each `$or` at this level: one of the alternatives must match (alternatives may constrain fields of this level). */
  ors: ObjectPattern[][];
}

export interface Leaf {
  leaf: true;
  conditions: Condition[];
}

export interface NumericBound {
  value: number;
  open: boolean;
}

/** One element of a field's array in the pattern. */
export type Condition =
  | { kind: 'exact'; value: string }
  /** A JSON number: equal by value. */
  | { kind: 'number'; value: number }
  | { kind: 'literal'; value: boolean | null }
  /** An exact string that is an IP address: also equal to other spellings of that address. */
  | { kind: 'ip'; text: string; range: IpRange }
  | { kind: 'prefix'; value: string; ignoreCase: boolean }
  | { kind: 'suffix'; value: string; ignoreCase: boolean }
  | { kind: 'equals-ignore-case'; value: string }
  | { kind: 'wildcard'; value: string }
  | { kind: 'numeric'; lower: NumericBound; upper: NumericBound }
  | { kind: 'cidr'; range: IpRange }
  | { kind: 'exists'; exists: boolean }
  | { kind: 'anything-but'; negated: AnythingBut };

/** What `anything-but` excludes. */
export type AnythingBut =
  | { kind: 'strings'; values: string[] }
  | { kind: 'numbers'; values: number[] }
  | { kind: 'prefix'; values: string[] }
  | { kind: 'suffix'; values: string[] }
  | { kind: 'equals-ignore-case'; values: string[] }
  | { kind: 'wildcard'; values: string[] };

export const isLeaf = (node: ObjectPattern | Leaf): node is Leaf => (node as Leaf).leaf === true;
