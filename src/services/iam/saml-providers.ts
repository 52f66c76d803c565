/**
 * SAML identity providers: Create/Get/List/Update/Delete and tags. A provider is stored under
 * its name (arn:aws:iam::123456789012:saml-provider/Name). The metadata document is kept as
 * given; Bulwark checks only that it is SAML metadata (an EntityDescriptor) and reads its
 * `validUntil` attribute when present. AssumeRoleWithSAML is not implemented yet.
 */
import { randomUUID } from 'node:crypto';
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput } from '../types.js';
import { entityAlreadyExists, iamScope, invalidInput, limitExceeded, MAX_TAGS, noSuchEntity, nowIso, outputTags, requestTags, toDate, type Tag } from './common.js';

export const SAML_KIND = 'iam:saml-provider';

export interface SamlProviderRecord {
  Arn: string;
  Name: string;
  SAMLProviderUUID: string;
  SAMLMetadataDocument: string;
  CreateDate: string;
  ValidUntil?: string;
  AssertionEncryptionMode?: string;
  Tags?: Tag[];
}

const ARN_RE = /^arn:aws:iam::(\d{12}):saml-provider\/([\w.@-]+)$/;

async function findProvider(ops: StoreOps, scope: Scope, arn: string): Promise<SamlProviderRecord | undefined> {
  const m = ARN_RE.exec(arn);
  if (!m || m[1] !== scope.account) return undefined;
  return (await ops.get<SamlProviderRecord>(scope, SAML_KIND, (m[2] as string).toLowerCase()))?.value;
}

async function requireProvider(ops: StoreOps, scope: Scope, arn: string): Promise<SamlProviderRecord> {
  const found = await findProvider(ops, scope, arn);
  if (!found) throw noSuchEntity(`Manifest not found for arn ${arn}`);
  return found;
}

function save(ops: StoreOps, scope: Scope, record: SamlProviderRecord): Promise<number> {
  return ops.put(scope, SAML_KIND, record.Name.toLowerCase(), record);
}

/** The metadata's validUntil (ISO), or undefined; InvalidInput when it is not SAML metadata. */
function checkMetadata(doc: string): string | undefined {
  if (!/<(?:[\w-]+:)?EntityDescriptor[\s>]/.test(doc)) throw invalidInput('Could not parse metadata');
  const m = /validUntil\s*=\s*["']([^"']+)["']/.exec(doc);
  if (!m) return undefined;
  const when = new Date(m[1] as string);
  return Number.isNaN(when.getTime()) ? undefined : when.toISOString();
}

export const createSAMLProvider: OperationHandler = async (ctx, input) => {
  const name = input.Name as string;
  const doc = input.SAMLMetadataDocument as string;
  const validUntil = checkMetadata(doc);
  const tags = requestTags(input);
  if (tags.length > MAX_TAGS) throw limitExceeded('The number of tags has reached the maximum limit.');
  const scope = iamScope(ctx);
  const record: SamlProviderRecord = {
    Arn: `arn:aws:iam::${ctx.account}:saml-provider/${name}`,
    Name: name,
    SAMLProviderUUID: `p-${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    SAMLMetadataDocument: doc,
    CreateDate: nowIso(),
    ValidUntil: validUntil,
    AssertionEncryptionMode: input.AssertionEncryptionMode as string | undefined,
    Tags: tags,
  };
  await ctx.store.transaction(async (tx) => {
    if (await tx.get(scope, SAML_KIND, name.toLowerCase())) throw entityAlreadyExists(`SAMLProvider named ${name} already exists`);
    await save(tx, scope, record);
  });
  return { SAMLProviderArn: record.Arn, Tags: outputTags(tags) };
};

export const getSAMLProvider: OperationHandler = async (ctx, input) => {
  const p = await requireProvider(ctx.store, iamScope(ctx), input.SAMLProviderArn as string);
  return {
    SAMLProviderUUID: p.SAMLProviderUUID,
    SAMLMetadataDocument: p.SAMLMetadataDocument,
    CreateDate: toDate(p.CreateDate),
    ValidUntil: p.ValidUntil ? toDate(p.ValidUntil) : undefined,
    AssertionEncryptionMode: p.AssertionEncryptionMode,
    Tags: outputTags(p.Tags),
  };
};

export const listSAMLProviders: OperationHandler = async (ctx) => {
  const { items } = await ctx.store.list<SamlProviderRecord>(iamScope(ctx), SAML_KIND);
  return {
    SAMLProviderList: items.map(({ value: p }) => ({ Arn: p.Arn, CreateDate: toDate(p.CreateDate), ValidUntil: p.ValidUntil ? toDate(p.ValidUntil) : undefined })),
  };
};

export const updateSAMLProvider: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const arn = input.SAMLProviderArn as string;
  await ctx.store.transaction(async (tx) => {
    const p = await requireProvider(tx, scope, arn);
    const doc = input.SAMLMetadataDocument as string | undefined;
    const updated = { ...p, AssertionEncryptionMode: (input.AssertionEncryptionMode as string | undefined) ?? p.AssertionEncryptionMode };
    if (doc !== undefined) {
      updated.SAMLMetadataDocument = doc;
      updated.ValidUntil = checkMetadata(doc);
    }
    await save(tx, scope, updated);
  });
  return { SAMLProviderArn: arn };
};

export const deleteSAMLProvider: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const p = await requireProvider(tx, scope, input.SAMLProviderArn as string);
    await tx.delete(scope, SAML_KIND, p.Name.toLowerCase());
  });
  return {};
};

export async function samlTagTarget(ops: StoreOps, scope: Scope, input: OperationInput): Promise<{ tags: Tag[]; save(tags: Tag[]): Promise<void> }> {
  const p = await requireProvider(ops, scope, input.SAMLProviderArn as string);
  return {
    tags: p.Tags ?? [],
    save: async (tags) => {
      await save(ops, scope, { ...p, Tags: tags });
    },
  };
}
