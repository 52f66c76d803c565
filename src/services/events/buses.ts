/**
 * Event buses: the default bus of every account and Region, and custom buses (at most 100 per
 * account and Region, AWS's quota). Partner buses (EventSourceName) need partner event
 * sources, which Bulwark has none of. KmsKeyIdentifier, DeadLetterConfig and LogConfig are
 * kept and shown as given (events are not encrypted per bus; the bus dead-letter queue and
 * logs are not used).
 */
import { busArn, DEFAULT_BUS, KIND, rulePrefix, type BusRecord } from '../../events/store/records.js';
import type { OperationHandler, OperationOutput } from '../types.js';
import { alreadyExists, notFound, quotaExceeded, validation } from './errors.js';
import { dateOf, findBus, iso, page, requireBus } from './lookup.js';
import { busNameOf, callerScope } from './scope.js';
import { tags } from './tags.js';

const MAX_CUSTOM_BUSES = 100;

function describe(bus: BusRecord): OperationOutput {
  return {
    Name: bus.Name,
    Arn: bus.Arn,
    Description: bus.Description,
    KmsKeyIdentifier: bus.KmsKeyIdentifier,
    DeadLetterConfig: bus.DeadLetterConfig,
    LogConfig: bus.LogConfig,
    CreationTime: dateOf(bus.CreationTime),
    LastModifiedTime: dateOf(bus.LastModifiedTime),
  };
}

export const createEventBus: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const name = input.Name as string;
  const requestTags = tags.requestTags(input);
  // Unconfirmed wording (the first and the third).
  if (input.EventSourceName !== undefined) throw notFound(`Event source ${String(input.EventSourceName)} does not exist.`);
  if (name.startsWith('aws.')) throw validation("EventBus name starting with 'aws.' is not valid.");
  if (name.includes('/')) throw validation("Event bus name must not contain '/'.");
  return ctx.store.transaction(async (tx) => {
    if (await findBus(tx, scope, name)) throw alreadyExists(`Event bus ${name} already exists.`);
    const custom = (await tx.list(scope, KIND.bus, { limit: MAX_CUSTOM_BUSES + 2 })).items.filter((i) => i.id !== DEFAULT_BUS);
    if (custom.length >= MAX_CUSTOM_BUSES) throw quotaExceeded();
    const now = iso();
    const bus: BusRecord = {
      Name: name,
      Arn: busArn(scope, name),
      Description: input.Description as string | undefined,
      KmsKeyIdentifier: input.KmsKeyIdentifier as string | undefined,
      DeadLetterConfig: input.DeadLetterConfig as BusRecord['DeadLetterConfig'],
      LogConfig: input.LogConfig as BusRecord['LogConfig'],
      CreationTime: now,
      LastModifiedTime: now,
      Tags: requestTags,
    };
    await tx.put(scope, KIND.bus, name, bus);
    return { EventBusArn: bus.Arn, Description: bus.Description, KmsKeyIdentifier: bus.KmsKeyIdentifier, DeadLetterConfig: bus.DeadLetterConfig, LogConfig: bus.LogConfig };
  });
};

/** Deleting a bus deletes its rules; deleting one that does not exist succeeds. */
export const deleteEventBus: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const name = input.Name as string;
  if (name === DEFAULT_BUS) throw validation('Cannot delete event bus default.');
  await ctx.store.transaction(async (tx) => {
    for (const rule of (await tx.list(scope, KIND.rule, { prefix: rulePrefix(name) })).items) await tx.delete(scope, KIND.rule, rule.id);
    await tx.delete(scope, KIND.bus, name);
  });
  return {};
};

export const describeEventBus: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  return describe(await requireBus(ctx.store, scope, busNameOf(ctx, input.Name)));
};

export const listEventBuses: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const stored = (await ctx.store.list<BusRecord>(scope, KIND.bus)).items.map((i) => i.value);
  const all = stored.some((b) => b.Name === DEFAULT_BUS) ? stored : [(await findBus(ctx.store, scope, DEFAULT_BUS))!, ...stored];
  all.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  const { page: buses, NextToken } = page(
    all.filter((b) => b.Name.startsWith(prefix)),
    input.Limit,
    input.NextToken,
  );
  return {
    EventBuses: buses.map((b) => ({ Name: b.Name, Arn: b.Arn, Description: b.Description, CreationTime: dateOf(b.CreationTime), LastModifiedTime: dateOf(b.LastModifiedTime) })),
    NextToken,
  };
};

export const updateEventBus: OperationHandler = async (ctx, input) => {
  const scope = callerScope(ctx);
  const name = typeof input.Name === 'string' ? input.Name : DEFAULT_BUS;
  return ctx.store.transaction(async (tx) => {
    const bus = await requireBus(tx, scope, name);
    const now = iso();
    const updated: BusRecord = { ...bus, CreationTime: bus.CreationTime || now, LastModifiedTime: now };
    for (const key of ['Description', 'KmsKeyIdentifier', 'DeadLetterConfig', 'LogConfig'] as const) {
      if (input[key] !== undefined) (updated as unknown as Record<string, unknown>)[key] = input[key];
    }
    await tx.put(scope, KIND.bus, name, updated);
    return { Arn: updated.Arn, Name: updated.Name, Description: updated.Description, KmsKeyIdentifier: updated.KmsKeyIdentifier, DeadLetterConfig: updated.DeadLetterConfig, LogConfig: updated.LogConfig };
  });
};
