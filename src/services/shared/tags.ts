/**
 * Resource tags as IAM and Organizations keep them: one implementation of reading a request's
 * tags, merging added tags and removing keys. The services differ only in their rules (whether
 * keys compare case-insensitively, whether a request's own list is capped) and in the wording
 * of their errors, which each passes in once through `tagRules`.
 */
import type { AwsError } from '../../core/aws-error.js';
import type { OperationInput } from '../types.js';

export interface Tag {
  Key: string;
  Value: string;
}

export const MAX_TAGS = 50;

export interface TagRules {
  /** Keys that compare equal (same key) map to the same string. */
  keyOf(key: string): string;
  /** The error for a request naming a key twice. */
  duplicateKey(): AwsError;
  /** The error for more than MAX_TAGS tags. */
  tooMany(): AwsError;
  /** Whether a request's own tag list is held to MAX_TAGS (else only the merged set is). */
  capRequest: boolean;
}

export interface TagOps {
  /** Tags from a request (`input.Tags`), rejecting duplicate keys; a missing Value is ''. */
  requestTags(input: OperationInput): Tag[];
  /** `existing` with `added` applied (a tag with the same key replaces), at most MAX_TAGS. */
  mergeTags(existing: Tag[], added: Tag[]): Tag[];
  /** `existing` without the tags of `keys`. */
  removeTags(existing: Tag[], keys: string[]): Tag[];
}

export function tagRules(rules: TagRules): TagOps {
  const { keyOf } = rules;
  return {
    requestTags(input) {
      const tags = (input.Tags as Tag[] | undefined) ?? [];
      const seen = new Set<string>();
      for (const tag of tags) {
        const k = keyOf(tag.Key);
        if (seen.has(k)) throw rules.duplicateKey();
        seen.add(k);
      }
      if (rules.capRequest && tags.length > MAX_TAGS) throw rules.tooMany();
      return tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
    },
    mergeTags(existing, added) {
      const replaced = new Set(added.map((a) => keyOf(a.Key)));
      const merged = existing.filter((t) => !replaced.has(keyOf(t.Key)));
      merged.push(...added);
      if (merged.length > MAX_TAGS) throw rules.tooMany();
      return merged;
    },
    removeTags(existing, keys) {
      const drop = new Set(keys.map(keyOf));
      return existing.filter((t) => !drop.has(keyOf(t.Key)));
    },
  };
}
