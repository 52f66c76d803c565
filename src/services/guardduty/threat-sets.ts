/**
 * ThreatIntelSets (threat lists) and IPSets (trusted IP lists): Create, Get, Update, Delete and
 * List, one implementation for both. Activating a list reads its file from Bulwark's S3
 * (list-object.ts) and parses it in its Format (src/guardduty/threat-lists); the parsed
 * addresses are stored beside the list and the list is ACTIVE — or ERROR when the file cannot
 * be read or holds more entries than GuardDuty takes (250,000 per threat list, 2,000 per
 * trusted list). Deactivating drops them (INACTIVE). Changing the file in S3 takes effect when
 * the list is updated with Activate, as in AWS.
 *
 * Limits and rules as documented: six threat lists and one trusted list per account and Region;
 * only an administrator (or an account without one) manages lists, and its lists apply to its
 * members too (threat-intel-source.ts).
 */
import { parseList } from '../../guardduty/threat-lists/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { KIND, newId, type ListEntries, type ListKind, type Tags, type ThreatListRecord } from './common.js';
import { invalidParameter, listLimit, memberCannotManageLists, noSuchResource } from './errors.js';
import { parseLocation } from './list-location.js';
import { ListReadError, readListObject } from './list-object.js';
import { callerScope, requireDetector, storeKey } from './lookup.js';
import { paginate } from './pagination.js';
import { administratorOf } from './relationships.js';

interface ListSpec {
  kind: ListKind;
  storeKind: string;
  idMember: 'ThreatIntelSetId' | 'IpSetId';
  idsMember: 'ThreatIntelSetIds' | 'IpSetIds';
  /** What the limit error calls it. */
  label: string;
  perAccount: number;
  maxEntries: number;
}

const SPECS: Record<ListKind, ListSpec> = {
  threatIntelSet: { kind: 'threatIntelSet', storeKind: KIND.threatIntelSet, idMember: 'ThreatIntelSetId', idsMember: 'ThreatIntelSetIds', label: 'ThreatIntelSet', perAccount: 6, maxEntries: 250_000 },
  ipSet: { kind: 'ipSet', storeKind: KIND.ipSet, idMember: 'IpSetId', idsMember: 'IpSetIds', label: 'IPSet', perAccount: 1, maxEntries: 2_000 },
};

const LIST_NAME = /^[A-Za-z0-9 _-]{1,300}$/;

interface StoredList extends ThreatListRecord {
  ClientToken?: string;
}

/** The list's state after (re)activation: ACTIVE with its entries, or ERROR with the reason. */
async function activate(ctx: RequestContext, spec: ListSpec, record: StoredList): Promise<{ record: StoredList; entries?: ListEntries }> {
  try {
    const text = await readListObject(ctx, parseLocation(record.Location), ctx.account, record.ExpectedBucketOwner);
    const parsed = parseList(record.Format, text);
    if (parsed.addresses.length > spec.maxEntries) throw new ListReadError(`The list has ${parsed.addresses.length} entries; GuardDuty takes at most ${spec.maxEntries}.`);
    const { ErrorDetails: _, ...rest } = record;
    return { record: { ...rest, Status: 'ACTIVE' }, entries: { addresses: parsed.addresses, domains: parsed.domains.length } };
  } catch (err) {
    if (!(err instanceof ListReadError)) throw err;
    return { record: { ...record, Status: 'ERROR', ErrorDetails: err.message } };
  }
}

async function requireManager(ctx: RequestContext, input: OperationInput): Promise<void> {
  await requireDetector(ctx, input.DetectorId);
  if (await administratorOf(ctx.store, callerScope(ctx))) throw memberCannotManageLists();
}

const create = (spec: ListSpec): OperationHandler => async (ctx, input) => {
  await requireManager(ctx, input);
  const name = input.Name as string;
  if (!LIST_NAME.test(name)) throw invalidParameter('name');
  parseLocation(input.Location as string);
  const scope = callerScope(ctx);
  const token = typeof input.ClientToken === 'string' && input.ClientToken !== '' ? input.ClientToken : undefined;
  const existing = (await ctx.store.list<StoredList>(scope, spec.storeKind)).items.map((i) => i.value);
  const repeated = token && existing.find((l) => l.ClientToken === token);
  if (repeated) return { [spec.idMember]: repeated.Id };
  if (existing.length >= spec.perAccount) throw listLimit(spec.label, spec.perAccount);
  let record: StoredList = {
    Id: newId(),
    Name: name,
    Format: input.Format as string,
    Location: input.Location as string,
    Status: 'INACTIVE',
    Tags: { ...((input.Tags as Tags | undefined) ?? {}) },
    ...(typeof input.ExpectedBucketOwner === 'string' && { ExpectedBucketOwner: input.ExpectedBucketOwner }),
    ...(token && { ClientToken: token }),
  };
  let entries: ListEntries | undefined;
  if (input.Activate === true) ({ record, entries } = await activate(ctx, spec, record));
  await ctx.store.transaction(async (tx) => {
    if ((await tx.list(scope, spec.storeKind)).items.length >= spec.perAccount) throw listLimit(spec.label, spec.perAccount);
    await tx.put(scope, spec.storeKind, record.Id, record);
    if (entries) await tx.put(scope, KIND.listEntries, record.Id, entries);
  });
  return { [spec.idMember]: record.Id };
};

async function requireList(ctx: RequestContext, spec: ListSpec, input: OperationInput): Promise<StoredList> {
  await requireDetector(ctx, input.DetectorId);
  const id = storeKey(input[spec.idMember]);
  const record = id === undefined ? undefined : (await ctx.store.get<StoredList>(callerScope(ctx), spec.storeKind, id))?.value;
  if (!record) throw noSuchResource();
  return record;
}

const get = (spec: ListSpec): OperationHandler => async (ctx, input) => {
  const record = await requireList(ctx, spec, input);
  return {
    Name: record.Name,
    Format: record.Format,
    Location: record.Location,
    Status: record.Status,
    Tags: record.Tags,
    ...(record.ExpectedBucketOwner && { ExpectedBucketOwner: record.ExpectedBucketOwner }),
  };
};

const update = (spec: ListSpec): OperationHandler => async (ctx, input) => {
  await requireManager(ctx, input);
  const current = await requireList(ctx, spec, input);
  if (input.Name !== undefined && !LIST_NAME.test(input.Name as string)) throw invalidParameter('name');
  if (input.Location !== undefined) parseLocation(input.Location as string);
  let record: StoredList = {
    ...current,
    ...(input.Name !== undefined && { Name: input.Name as string }),
    ...(input.Location !== undefined && { Location: input.Location as string }),
    ...(input.ExpectedBucketOwner !== undefined && { ExpectedBucketOwner: input.ExpectedBucketOwner as string }),
  };
  let entries: ListEntries | undefined;
  const deactivate = input.Activate === false;
  const reload = input.Activate === true || (input.Location !== undefined && current.Status === 'ACTIVE');
  if (deactivate) record = { ...record, Status: 'INACTIVE' };
  else if (reload) ({ record, entries } = await activate(ctx, spec, record));
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.get(scope, spec.storeKind, record.Id))) throw noSuchResource();
    await tx.put(scope, spec.storeKind, record.Id, record);
    if (entries) await tx.put(scope, KIND.listEntries, record.Id, entries);
    else if (record.Status !== 'ACTIVE') await tx.delete(scope, KIND.listEntries, record.Id);
  });
  return {};
};

const remove = (spec: ListSpec): OperationHandler => async (ctx, input) => {
  await requireManager(ctx, input);
  const record = await requireList(ctx, spec, input);
  const scope = callerScope(ctx);
  await ctx.store.transaction(async (tx) => {
    await tx.delete(scope, spec.storeKind, record.Id);
    await tx.delete(scope, KIND.listEntries, record.Id);
  });
  return {};
};

const list = (spec: ListSpec): OperationHandler => async (ctx, input) => {
  await requireDetector(ctx, input.DetectorId);
  const ids = (await ctx.store.list<StoredList>(callerScope(ctx), spec.storeKind)).items.map((i) => i.value.Id);
  const { page, NextToken } = paginate(ids, input.MaxResults, input.NextToken);
  return { [spec.idsMember]: page, ...(NextToken && { NextToken }) };
};

export const threatListOperations: Record<string, OperationHandler> = {
  CreateThreatIntelSet: create(SPECS.threatIntelSet),
  GetThreatIntelSet: get(SPECS.threatIntelSet),
  UpdateThreatIntelSet: update(SPECS.threatIntelSet),
  DeleteThreatIntelSet: remove(SPECS.threatIntelSet),
  ListThreatIntelSets: list(SPECS.threatIntelSet),
  CreateIPSet: create(SPECS.ipSet),
  GetIPSet: get(SPECS.ipSet),
  UpdateIPSet: update(SPECS.ipSet),
  DeleteIPSet: remove(SPECS.ipSet),
  ListIPSets: list(SPECS.ipSet),
};
