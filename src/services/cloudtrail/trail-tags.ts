/**
 * Trail tags: AddTags, RemoveTags, ListTags and the rules CloudTrail applies — at most 50 tags
 * per trail (TagsLimitExceededException), keys of 1–128 and values of up to 256 characters
 * drawn from letters, digits, spaces and `_ . : / = + - @`, no `aws:` prefix, no key twice in
 * one request (InvalidTagParameterException). A tag with an existing key replaces its value.
 * A trail that applies to all Regions is tagged from its home Region only.
 */
import type { StoreOps } from '../../store/index.js';
import type { OperationHandler, RequestContext } from '../types.js';
import {
  inaccessibleArn,
  invalidArn,
  invalidParameter,
  invalidTagParameter,
  resourceNotFound,
  saveTrail,
  tagsLimitExceeded,
  type StoredTrail,
  type Tag,
} from './common.js';
import { findTrail, type TrailAccess } from './trail-lookup.js';

export const MAX_TAGS = 50;
const MAX_LIST = 20;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

// Unconfirmed wording (every message below).
/** The tags of a CreateTrail/AddTags request, checked. */
export function checkNewTags(raw: unknown): Tag[] {
  const tags = (Array.isArray(raw) ? raw : []) as Tag[];
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.Key.toLowerCase().startsWith('aws:')) throw invalidTagParameter(`Tag key ${tag.Key} is not valid: the aws: prefix is reserved.`);
    if (!TAG_TEXT.test(tag.Key)) throw invalidTagParameter(`Tag key ${tag.Key} is not valid: it may contain only letters, numbers, spaces and _ . : / = + - @.`);
    if (tag.Value !== undefined && !TAG_TEXT.test(tag.Value)) {
      throw invalidTagParameter(`Tag value ${tag.Value} is not valid: it may contain only letters, numbers, spaces and _ . : / = + - @.`);
    }
    if (seen.has(tag.Key)) throw invalidTagParameter(`Tag key ${tag.Key} is specified more than once.`);
    seen.add(tag.Key);
  }
  if (tags.length > MAX_TAGS) throw tooMany();
  return tags.map((t) => (t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value }));
}

const tooMany = () => tagsLimitExceeded(`A trail can have at most ${MAX_TAGS} tags.`);

/** `existing` with `added` applied (same key → the new value), at most 50. */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const replaced = new Set(added.map((t) => t.Key));
  const merged = [...existing.filter((t) => !replaced.has(t.Key)), ...added];
  if (merged.length > MAX_TAGS) throw tooMany();
  return merged;
}

const CLOUDTRAIL_ARN = /^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:(trail|eventdatastore|channel|dashboard)\/.+$/;

/** The trail a ResourceId names; event data stores, channels and dashboards do not exist in Bulwark. */
async function taggedTrail(ctx: RequestContext, resourceId: string, access: TrailAccess, ops: StoreOps = ctx.store): Promise<StoredTrail> {
  const m = CLOUDTRAIL_ARN.exec(resourceId);
  if (!m) throw invalidArn(resourceId);
  if (m[1] !== 'trail') throw resourceNotFound(resourceId);
  try {
    return await findTrail(ops, ctx, resourceId, access);
  } catch (err) {
    if ((err as { code?: string }).code === 'TrailNotFoundException') throw access === 'read' ? inaccessibleArn() : resourceNotFound(resourceId);
    throw err;
  }
}

export const addTags: OperationHandler = async (ctx, input) => {
  const tags = checkNewTags(input.TagsList);
  await ctx.store.transaction(async (tx) => {
    const { trail } = await taggedTrail(ctx, input.ResourceId as string, 'mutate', tx);
    trail.Tags = mergeTags(trail.Tags, tags);
    await saveTrail(tx, trail);
  });
  return {};
};

export const removeTags: OperationHandler = async (ctx, input) => {
  const keys = new Set(((input.TagsList as Tag[] | undefined) ?? []).map((t) => t.Key));
  await ctx.store.transaction(async (tx) => {
    const { trail } = await taggedTrail(ctx, input.ResourceId as string, 'mutate', tx);
    trail.Tags = trail.Tags.filter((t) => !keys.has(t.Key));
    await saveTrail(tx, trail);
  });
  return {};
};

export const listTags: OperationHandler = async (ctx, input) => {
  const ids = (input.ResourceIdList as string[] | undefined) ?? [];
  if (ids.length > MAX_LIST) throw invalidParameter(`ResourceIdList can name at most ${MAX_LIST} resources.`);
  const ResourceTagList = [];
  for (const id of ids) {
    const { trail } = await taggedTrail(ctx, id, 'read');
    ResourceTagList.push({ ResourceId: trail.TrailARN, TagsList: trail.Tags });
  }
  return { ResourceTagList };
};
