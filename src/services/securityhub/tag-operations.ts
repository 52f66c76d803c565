/**
 * TagResource, UntagResource and ListTagsForResource on the resources Security Hub tags: the
 * hub (`…:hub/default`) and automation rules (`…:automation-rule/<id>`) of the caller's account.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { HUB_ID, KIND, scopeOf, type Tags } from './common.js';
import { invalidInput, resourceNotFound } from './errors.js';
import { ruleIdOf } from './automation-rule-records.js';

const MAX_TAGS = 50;

/** The stored record an ARN names (kind and id in its scope), if it is a taggable resource of the caller. */
function locate(ctx: RequestContext, arn: unknown): { scope: Scope; kind: string; id: string } | undefined {
  const m = typeof arn === 'string' ? /^arn:aws[a-z-]*:securityhub:([a-z0-9-]+):(\d{12}):(.+)$/.exec(arn) : null;
  if (!m || m[2] !== ctx.account) return undefined;
  const scope = scopeOf(m[2], m[1]!);
  if (m[3] === 'hub/default') return { scope, kind: KIND.hub, id: HUB_ID };
  const ruleId = ruleIdOf(scope, arn);
  return ruleId ? { scope, kind: KIND.rule, id: ruleId } : undefined;
}

async function changeTags(ctx: RequestContext, arn: unknown, change: (tags: Tags) => Tags): Promise<Tags> {
  const at = locate(ctx, arn);
  // Unconfirmed wording.
  const missing = () => resourceNotFound('Resource', String(arn));
  if (!at) throw missing();
  return ctx.store.transaction(async (tx: StoreOps) => {
    const record = (await tx.get<{ Tags?: Tags }>(at.scope, at.kind, at.id))?.value;
    if (!record) throw missing();
    const tags = change({ ...record.Tags });
    if (JSON.stringify(tags) !== JSON.stringify(record.Tags ?? {})) await tx.put(at.scope, at.kind, at.id, { ...record, Tags: tags });
    return tags;
  });
}

export const tagResource: OperationHandler = async (ctx, input) => {
  await changeTags(ctx, input.ResourceArn, (tags) => {
    const next = { ...tags, ...(input.Tags as Tags) };
    if (Object.keys(next).length > MAX_TAGS) throw invalidInput(`A resource can have at most ${MAX_TAGS} tags.`);
    return next;
  });
  return {};
};

export const untagResource: OperationHandler = async (ctx, input) => {
  const keys = new Set((input.TagKeys as string[] | undefined) ?? []);
  await changeTags(ctx, input.ResourceArn, (tags) => Object.fromEntries(Object.entries(tags).filter(([k]) => !keys.has(k))));
  return {};
};

export const listTagsForResource: OperationHandler = async (ctx, input) => ({ Tags: await changeTags(ctx, input.ResourceArn, (tags) => tags) });
