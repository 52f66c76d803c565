/**
 * What the bucket operations share: loading the named bucket, saving it after a change, and
 * bucket tag rules. (`x-amz-expected-bucket-owner` is checked for every S3 operation in index.ts.)
 */
import { AwsError } from '../../core/aws-error.js';
import type { StoreOps } from '../../store/index.js';
import type { OperationInput, RequestContext } from '../types.js';
import { requireBucket, saveBucket, type BucketRecord, type Tag } from './common.js';

/** The bucket named by the request, or NoSuchBucket. */
export async function loadBucket(ops: StoreOps, input: OperationInput): Promise<BucketRecord> {
  return requireBucket(ops, String(input.Bucket));
}

/** Loads the bucket, applies `change` and saves it, atomically. */
export async function updateBucket(ctx: RequestContext, input: OperationInput, change: (bucket: BucketRecord) => void | Promise<void>): Promise<BucketRecord> {
  return ctx.store.transaction(async (tx) => {
    const bucket = await loadBucket(tx, input);
    await change(bucket);
    await saveBucket(tx, bucket);
    return bucket;
  });
}

/** A stored configuration document of the bucket (CORS, lifecycle, website, …). */
export function configOf<T>(bucket: BucketRecord, name: string): T | undefined {
  return bucket.Configs?.[name] as T | undefined;
}

export function setConfig(bucket: BucketRecord, name: string, value: unknown): void {
  if (value === undefined) {
    if (bucket.Configs) delete bucket.Configs[name];
    return;
  }
  bucket.Configs = { ...(bucket.Configs ?? {}), [name]: value };
}

export const invalidTag = (message: string): AwsError => new AwsError('InvalidTag', message, { status: 400 });

/** The bucket tag rules: at most 50 tags, keys 1–128 and values 0–256 characters, unique keys, no `aws:` keys. */
export function checkBucketTags(tags: unknown): Tag[] {
  const list = (Array.isArray(tags) ? tags : []) as Array<{ Key?: unknown; Value?: unknown }>;
  if (list.length > 50) throw invalidTag('Bucket tag count cannot be greater than 50'); // Unconfirmed wording
  const seen = new Set<string>();
  const out: Tag[] = [];
  for (const t of list) {
    const key = typeof t.Key === 'string' ? t.Key : '';
    const value = typeof t.Value === 'string' ? t.Value : '';
    if (key.length < 1 || [...key].length > 128) throw invalidTag('The TagKey you have provided is invalid');
    if ([...value].length > 256) throw invalidTag('The TagValue you have provided is invalid');
    if (key.toLowerCase().startsWith('aws:')) throw invalidTag('Your TagKey cannot be prefixed with aws:');
    if (seen.has(key)) throw invalidTag('Cannot provide multiple Tags with the same key');
    seen.add(key);
    out.push({ Key: key, Value: value });
  }
  return out;
}
