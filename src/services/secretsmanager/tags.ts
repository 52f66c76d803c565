/**
 * Tags: TagResource (adds, or replaces the value of a key already there), UntagResource, and
 * the rules CreateSecret's Tags follow too — at most 50 per secret, the `aws:` prefix reserved
 * for AWS. Tags are replicated with the secret.
 */
import type { OperationHandler } from '../types.js';
import type { Tag } from './common.js';
import { invalidParameter } from './errors.js';
import { requireSecret, requireWritable } from './lookup.js';
import { changeSecret } from './writes.js';

/** AWS quota: tags per secret. */
export const MAX_TAGS = 50;

/** The request's tags, checked; later duplicates of a key win. */
export function requestTags(raw: unknown): Tag[] {
  const out: Tag[] = [];
  for (const t of Array.isArray(raw) ? (raw as Array<Partial<Tag>>) : []) {
    // Unconfirmed wording (both).
    if (typeof t?.Key !== 'string') throw invalidParameter('A tag must have a Key.');
    if (t.Key.toLowerCase().startsWith('aws:')) throw invalidParameter(`Invalid tag key ${t.Key}: the aws: prefix is reserved for AWS use.`);
    mergeTag(out, { Key: t.Key, Value: typeof t.Value === 'string' ? t.Value : '' });
  }
  return out;
}

function mergeTag(tags: Tag[], tag: Tag): void {
  const i = tags.findIndex((t) => t.Key === tag.Key);
  if (i >= 0) tags[i] = tag;
  else tags.push(tag);
}

export function checkTagCount(tags: readonly Tag[]): void {
  // Unconfirmed wording.
  if (tags.length > MAX_TAGS) throw invalidParameter(`A secret can have at most ${MAX_TAGS} tags.`);
}

export const tagResource: OperationHandler = async (ctx, input) => {
  const tags = requestTags(input.Tags);
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  requireWritable(found);
  await changeSecret(ctx, found, (current) => {
    const merged = (current.record.Tags ?? []).slice();
    for (const t of tags) mergeTag(merged, t);
    checkTagCount(merged);
    current.record.Tags = merged;
  });
  return {};
};

export const untagResource: OperationHandler = async (ctx, input) => {
  const keys = new Set(Array.isArray(input.TagKeys) ? (input.TagKeys as string[]) : []);
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  requireWritable(found);
  await changeSecret(ctx, found, (current) => {
    current.record.Tags = (current.record.Tags ?? []).filter((t) => !keys.has(t.Key));
  });
  return {};
};
