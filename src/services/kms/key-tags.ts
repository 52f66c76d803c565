/**
 * Key tags: TagResource, UntagResource, ListResourceTags and the rules KMS applies to tags
 * (at most 50, keys 1–128 and values 0–256 characters, no `aws:` prefix). A tag with the key of
 * an existing tag replaces its value.
 */
import type { OperationHandler } from '../types.js';
import { findKey, paginate, requireNotPendingDeletion, saveKey, tagError, type Tag } from './common.js';
import { refuseAwsManaged } from './key-lifecycle.js';

export const MAX_KEY_TAGS = 50;

/** The tags of a CreateKey/TagResource request, checked. */
export function checkNewTags(raw: unknown): Tag[] {
  if (!Array.isArray(raw)) return [];
  const tags = (raw as Tag[]).map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue ?? '' }));
  for (const t of tags) {
    if (t.TagKey.toLowerCase().startsWith('aws:')) throw tagError('Tags beginning with aws: are reserved');
  }
  if (tags.length > MAX_KEY_TAGS) throw tagError(`Too many tags; a KMS key can have at most ${MAX_KEY_TAGS} tags.`);
  return tags;
}

/** `existing` with `added` applied: same key → the new value; at most 50 tags in all. */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const merged = existing.map((t) => ({ ...t }));
  for (const tag of added) {
    const same = merged.find((t) => t.TagKey === tag.TagKey);
    if (same) same.TagValue = tag.TagValue;
    else merged.push({ ...tag });
  }
  // Unconfirmed wording.
  if (merged.length > MAX_KEY_TAGS) throw tagError(`Too many tags; a KMS key can have at most ${MAX_KEY_TAGS} tags.`);
  return merged;
}

export const tagResource: OperationHandler = async (ctx, input) => {
  const tags = checkNewTags(input.Tags);
  await ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    refuseAwsManaged(ctx, found.record, 'TagResource');
    requireNotPendingDeletion(found.record);
    found.record.Tags = mergeTags(found.record.Tags, tags);
    await saveKey(tx, found);
  });
  return {};
};

export const untagResource: OperationHandler = async (ctx, input) => {
  const keys = new Set((input.TagKeys as string[] | undefined) ?? []);
  for (const key of keys) {
    if (key.toLowerCase().startsWith('aws:')) throw tagError('Tags beginning with aws: are reserved');
  }
  await ctx.store.transaction(async (tx) => {
    const found = await findKey(tx, ctx, input.KeyId as string, { allowAlias: false });
    refuseAwsManaged(ctx, found.record, 'UntagResource');
    requireNotPendingDeletion(found.record);
    found.record.Tags = found.record.Tags.filter((t) => !keys.has(t.TagKey));
    await saveKey(tx, found);
  });
  return {};
};

export const listResourceTags: OperationHandler = async (ctx, input) => {
  const { record } = await findKey(ctx.store, ctx, input.KeyId as string, { allowAlias: false });
  const { page, NextMarker, Truncated } = paginate(record.Tags, (t) => t.TagKey, input, 50);
  return { Tags: page, ...(NextMarker ? { NextMarker } : {}), Truncated };
};
