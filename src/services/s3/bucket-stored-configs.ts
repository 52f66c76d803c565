/**
 * Bucket configurations Bulwark keeps and returns as put (no behaviour behind them yet): CORS,
 * lifecycle, static website, Requester Pays, Transfer Acceleration and event notifications.
 * Each keeps its document in the bucket's `Configs` under its name; reads of an unset one
 * answer as S3 does (a NoSuch… error, or the default).
 */
import { randomUUID } from 'node:crypto';
import type { OperationHandler } from '../types.js';
import { configOf, loadBucket, setConfig, updateBucket } from './bucket-support.js';
import { invalidArgument, invalidRequest, malformedXml, notFoundConfig } from './common.js';

// --- CORS ------------------------------------------------------------------------------------

const CORS_METHODS = new Set(['GET', 'PUT', 'HEAD', 'POST', 'DELETE']);

const putBucketCors: OperationHandler = async (ctx, input) => {
  const rules = ((input.CORSConfiguration as { CORSRules?: Array<{ AllowedMethods?: string[]; AllowedOrigins?: string[] }> } | undefined)?.CORSRules ?? []);
  if (rules.length === 0) throw malformedXml();
  if (rules.length > 100) throw invalidRequest('The number of CORS rules should not exceed allowed limit of 100 rules.');
  for (const rule of rules) {
    if (!rule.AllowedMethods?.length || !rule.AllowedOrigins?.length) throw malformedXml();
    for (const method of rule.AllowedMethods) {
      if (!CORS_METHODS.has(method)) throw invalidRequest(`Found unsupported HTTP method in CORS config. Unsupported method is ${method}`);
    }
  }
  await updateBucket(ctx, input, (bucket) => setConfig(bucket, 'CORS', rules));
  return {};
};

const getBucketCors: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  const rules = configOf<unknown[]>(bucket, 'CORS');
  if (!rules) throw notFoundConfig('NoSuchCORSConfiguration', 'The CORS configuration does not exist', bucket.Name);
  return { CORSRules: rules };
};

const deleteBucketCors: OperationHandler = async (ctx, input) => {
  await updateBucket(ctx, input, (bucket) => setConfig(bucket, 'CORS', undefined));
  return {};
};

// --- lifecycle -------------------------------------------------------------------------------

interface LifecycleRule {
  ID?: string;
  Status?: string;
  Prefix?: string;
  Filter?: unknown;
  Expiration?: { Days?: number };
}

const putBucketLifecycleConfiguration: OperationHandler = async (ctx, input) => {
  const rules = ((input.LifecycleConfiguration as { Rules?: LifecycleRule[] } | undefined)?.Rules ?? []);
  if (rules.length === 0) throw malformedXml();
  if (rules.length > 1000) throw invalidArgument('The number of lifecycle rules should not exceed allowed limit of 1000 rules', 'Rules'); // Unconfirmed wording
  const ids = new Set<string>();
  for (const rule of rules) {
    if (rule.ID === undefined || rule.ID === '') rule.ID = randomUUID().replace(/-/g, '').slice(0, 20);
    if (rule.ID.length > 255) throw invalidArgument('ID length should not exceed allowed limit of 255', 'ID', rule.ID);
    if (ids.has(rule.ID)) throw invalidArgument('Rule ID must be unique. Found same ID for more than one rule', 'ID', rule.ID);
    ids.add(rule.ID);
    if (rule.Prefix !== undefined && rule.Filter !== undefined) throw malformedXml();
    const days = rule.Expiration?.Days;
    if (days !== undefined && days <= 0) throw invalidArgument("'Days' for Expiration action must be a positive integer", 'Days', String(days));
  }
  const minimum = typeof input.TransitionDefaultMinimumObjectSize === 'string' ? input.TransitionDefaultMinimumObjectSize : 'all_storage_classes_128K';
  await updateBucket(ctx, input, (bucket) => setConfig(bucket, 'Lifecycle', { Rules: rules, TransitionDefaultMinimumObjectSize: minimum }));
  return { TransitionDefaultMinimumObjectSize: minimum };
};

const getBucketLifecycleConfiguration: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  const config = configOf<{ Rules: unknown[]; TransitionDefaultMinimumObjectSize: string }>(bucket, 'Lifecycle');
  if (!config) throw notFoundConfig('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', bucket.Name);
  return { Rules: config.Rules, TransitionDefaultMinimumObjectSize: config.TransitionDefaultMinimumObjectSize };
};

const deleteBucketLifecycle: OperationHandler = async (ctx, input) => {
  await updateBucket(ctx, input, (bucket) => setConfig(bucket, 'Lifecycle', undefined));
  return {};
};

// --- website ---------------------------------------------------------------------------------

interface WebsiteInput {
  RedirectAllRequestsTo?: unknown;
  IndexDocument?: { Suffix?: string };
  ErrorDocument?: unknown;
  RoutingRules?: unknown[];
}

const putBucketWebsite: OperationHandler = async (ctx, input) => {
  const config = (input.WebsiteConfiguration ?? {}) as WebsiteInput;
  if (config.RedirectAllRequestsTo !== undefined) {
    if (config.IndexDocument !== undefined || config.ErrorDocument !== undefined || config.RoutingRules !== undefined) {
      throw invalidRequest('RedirectAllRequestsTo cannot be provided in conjunction with other Routing/Redirect configurations.'); // Unconfirmed wording
    }
  } else {
    const suffix = config.IndexDocument?.Suffix;
    if (suffix === undefined || suffix === '') throw invalidArgument('A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty', 'IndexDocument');
    if (suffix.includes('/')) throw invalidArgument('The IndexDocument Suffix is not well formed', 'IndexDocument', suffix);
  }
  await updateBucket(ctx, input, (bucket) => setConfig(bucket, 'Website', config));
  return {};
};

const getBucketWebsite: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  const config = configOf<WebsiteInput>(bucket, 'Website');
  if (!config) throw notFoundConfig('NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration', bucket.Name);
  return { ...config };
};

const deleteBucketWebsite: OperationHandler = async (ctx, input) => {
  await updateBucket(ctx, input, (bucket) => setConfig(bucket, 'Website', undefined));
  return {};
};

// --- Requester Pays, Transfer Acceleration ---------------------------------------------------

const putBucketRequestPayment: OperationHandler = async (ctx, input) => {
  const payer = (input.RequestPaymentConfiguration as { Payer?: string } | undefined)?.Payer;
  if (payer === undefined) throw malformedXml();
  await updateBucket(ctx, input, (bucket) => setConfig(bucket, 'RequestPayment', payer === 'BucketOwner' ? undefined : payer));
  return {};
};

const getBucketRequestPayment: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  return { Payer: configOf<string>(bucket, 'RequestPayment') ?? 'BucketOwner' };
};

const putBucketAccelerateConfiguration: OperationHandler = async (ctx, input) => {
  const status = (input.AccelerateConfiguration as { Status?: string } | undefined)?.Status;
  if (status === undefined) throw malformedXml();
  await updateBucket(ctx, input, (bucket) => {
    if (bucket.Name.includes('.')) throw invalidRequest('S3 Transfer Acceleration is not supported for buckets with periods (.) in their names'); // Unconfirmed wording
    setConfig(bucket, 'Accelerate', status);
  });
  return {};
};

const getBucketAccelerateConfiguration: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  const status = configOf<string>(bucket, 'Accelerate');
  return status === undefined ? {} : { Status: status };
};

// --- event notifications ---------------------------------------------------------------------

const NOTIFICATION_LISTS = ['TopicConfigurations', 'QueueConfigurations', 'LambdaFunctionConfigurations'] as const;

const putBucketNotificationConfiguration: OperationHandler = async (ctx, input) => {
  const config = { ...((input.NotificationConfiguration ?? {}) as Record<string, unknown>) };
  const ids = new Set<string>();
  for (const list of NOTIFICATION_LISTS) {
    const entries = config[list];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) throw malformedXml();
    for (const entry of entries as Array<{ Id?: string; Events?: string[] }>) {
      if (!entry.Events?.length) throw malformedXml();
      if (entry.Id === undefined || entry.Id === '') entry.Id = randomUUID();
      if (ids.has(entry.Id)) throw invalidArgument('Configurations have the same ID', 'Id', entry.Id); // Unconfirmed wording
      ids.add(entry.Id);
    }
    if (entries.length === 0) delete config[list];
  }
  await updateBucket(ctx, input, (bucket) => setConfig(bucket, 'Notification', Object.keys(config).length === 0 ? undefined : config));
  return {};
};

const getBucketNotificationConfiguration: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  return { ...(configOf<Record<string, unknown>>(bucket, 'Notification') ?? {}) };
};

export const storedConfigOperations: Record<string, OperationHandler> = {
  PutBucketCors: putBucketCors,
  GetBucketCors: getBucketCors,
  DeleteBucketCors: deleteBucketCors,
  PutBucketLifecycleConfiguration: putBucketLifecycleConfiguration,
  GetBucketLifecycleConfiguration: getBucketLifecycleConfiguration,
  DeleteBucketLifecycle: deleteBucketLifecycle,
  PutBucketWebsite: putBucketWebsite,
  GetBucketWebsite: getBucketWebsite,
  DeleteBucketWebsite: deleteBucketWebsite,
  PutBucketRequestPayment: putBucketRequestPayment,
  GetBucketRequestPayment: getBucketRequestPayment,
  PutBucketAccelerateConfiguration: putBucketAccelerateConfiguration,
  GetBucketAccelerateConfiguration: getBucketAccelerateConfiguration,
  PutBucketNotificationConfiguration: putBucketNotificationConfiguration,
  GetBucketNotificationConfiguration: getBucketNotificationConfiguration,
};
