/**
 * OpenID Connect identity providers: Create/Get/List/Delete, client ids, thumbprints, tags.
 * A provider is stored under its URL without the scheme (`host/path`), which is also the last
 * part of its ARN (arn:aws:iam::123456789012:oidc-provider/host/path). URLs are not normalized,
 * as in AWS: a case difference or a trailing slash is another provider.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput } from '../types.js';
import { entityAlreadyExists, iamScope, invalidInput, limitExceeded, MAX_TAGS, noSuchEntity, nowIso, outputTags, requestTags, toDate, type Tag } from './common.js';

export const OIDC_KIND = 'iam:oidc-provider';

const MAX_CLIENT_IDS = 100;
const MAX_THUMBPRINTS = 5;

export interface OidcProviderRecord {
  Arn: string;
  /** The URL without `https://` (as GetOpenIDConnectProvider reports it). */
  Url: string;
  ClientIDList: string[];
  ThumbprintList: string[];
  CreateDate: string;
  Tags?: Tag[];
}

const ARN_RE = /^arn:aws:iam::(\d{12}):oidc-provider\/(.+)$/;

/** The provider an ARN names in the caller's account, or undefined. */
export async function findOidcProvider(ops: StoreOps, scope: Scope, arn: string): Promise<OidcProviderRecord | undefined> {
  const m = ARN_RE.exec(arn);
  if (!m || m[1] !== scope.account) return undefined;
  return (await ops.get<OidcProviderRecord>(scope, OIDC_KIND, m[2] as string))?.value;
}

/** The provider whose URL is `issuer` (with or without `https://`), in `scope`. */
export async function oidcProviderForIssuer(ops: StoreOps, scope: Scope, issuer: string): Promise<OidcProviderRecord | undefined> {
  const id = issuer.replace(/^https:\/\//, '');
  if (id === '') return undefined;
  return (await ops.get<OidcProviderRecord>(scope, OIDC_KIND, id))?.value;
}

async function requireProvider(ops: StoreOps, scope: Scope, arn: string): Promise<OidcProviderRecord> {
  const found = await findOidcProvider(ops, scope, arn);
  if (!found) throw noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`);
  return found;
}

function save(ops: StoreOps, scope: Scope, record: OidcProviderRecord): Promise<number> {
  return ops.put(scope, OIDC_KIND, record.Url, record);
}

function checkThumbprints(list: string[]): string[] {
  if (list.length > MAX_THUMBPRINTS) throw invalidInput(`Thumbprint list must contain fewer than ${MAX_THUMBPRINTS + 1} entries.`);
  return list;
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

export const createOpenIDConnectProvider: OperationHandler = async (ctx, input) => {
  const url = input.Url as string;
  if (!url.startsWith('https://')) throw invalidInput('Invalid Url. The URL must begin with https://');
  const id = url.slice('https://'.length);
  if (id === '' || /[?#]/.test(id)) throw invalidInput('Invalid Url. The URL must not contain a query string or a fragment.');
  const clientIds = unique((input.ClientIDList as string[] | undefined) ?? []);
  if (clientIds.length > MAX_CLIENT_IDS) throw limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_CLIENT_IDS}`);
  const thumbprints = checkThumbprints(unique((input.ThumbprintList as string[] | undefined) ?? []));
  const tags = requestTags(input);
  if (tags.length > MAX_TAGS) throw limitExceeded('The number of tags has reached the maximum limit.');
  const scope = iamScope(ctx);
  const record: OidcProviderRecord = {
    Arn: `arn:aws:iam::${ctx.account}:oidc-provider/${id}`,
    Url: id,
    ClientIDList: clientIds,
    ThumbprintList: thumbprints,
    CreateDate: nowIso(),
    Tags: tags,
  };
  await ctx.store.transaction(async (tx) => {
    if (await tx.get(scope, OIDC_KIND, id)) throw entityAlreadyExists(`Provider with url ${url} already exists.`);
    await save(tx, scope, record);
  });
  return { OpenIDConnectProviderArn: record.Arn, Tags: outputTags(tags) };
};

export const getOpenIDConnectProvider: OperationHandler = async (ctx, input) => {
  const p = await requireProvider(ctx.store, iamScope(ctx), input.OpenIDConnectProviderArn as string);
  return { Url: p.Url, ClientIDList: p.ClientIDList, ThumbprintList: p.ThumbprintList, CreateDate: toDate(p.CreateDate), Tags: outputTags(p.Tags) };
};

export const listOpenIDConnectProviders: OperationHandler = async (ctx) => {
  const { items } = await ctx.store.list<OidcProviderRecord>(iamScope(ctx), OIDC_KIND);
  return { OpenIDConnectProviderList: items.map((i) => ({ Arn: i.value.Arn })) };
};

/** Idempotent, as AWS documents: deleting a provider that does not exist succeeds. */
export const deleteOpenIDConnectProvider: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const p = await findOidcProvider(tx, scope, input.OpenIDConnectProviderArn as string);
    if (p) await tx.delete(scope, OIDC_KIND, p.Url);
  });
  return {};
};

function change(fn: (p: OidcProviderRecord, input: OperationInput) => OidcProviderRecord): OperationHandler {
  return async (ctx, input) => {
    const scope = iamScope(ctx);
    await ctx.store.transaction(async (tx) => {
      const p = await requireProvider(tx, scope, input.OpenIDConnectProviderArn as string);
      await save(tx, scope, fn(p, input));
    });
    return {};
  };
}

/** Adding a client id already registered does nothing. */
export const addClientIDToOpenIDConnectProvider = change((p, input) => {
  const id = input.ClientID as string;
  if (p.ClientIDList.includes(id)) return p;
  if (p.ClientIDList.length >= MAX_CLIENT_IDS) throw limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_CLIENT_IDS}`);
  return { ...p, ClientIDList: [...p.ClientIDList, id] };
});

/** Removing a client id that is not registered does nothing (idempotent, as AWS documents). */
export const removeClientIDFromOpenIDConnectProvider = change((p, input) => ({ ...p, ClientIDList: p.ClientIDList.filter((c) => c !== input.ClientID) }));

export const updateOpenIDConnectProviderThumbprint = change((p, input) => ({
  ...p,
  ThumbprintList: checkThumbprints(unique((input.ThumbprintList as string[] | undefined) ?? [])),
}));

/** Tag target for tags.ts's tagResource / untagResource / listResourceTags. */
export async function oidcTagTarget(ops: StoreOps, scope: Scope, input: OperationInput): Promise<{ tags: Tag[]; save(tags: Tag[]): Promise<void> }> {
  const p = await requireProvider(ops, scope, input.OpenIDConnectProviderArn as string);
  return {
    tags: p.Tags ?? [],
    save: async (tags) => {
      await save(ops, scope, { ...p, Tags: tags });
    },
  };
}
