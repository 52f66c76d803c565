/**
 * Bucket configurations with meaning to Bulwark: versioning, tags, default encryption, Object
 * Ownership, the bucket policy, bucket-level Block Public Access, the Object Lock configuration
 * and server access logging.
 */
import { AwsError } from '../../core/aws-error.js';
import { compilePolicy, PolicyValidationError } from '../../iam/policy/index.js';
import type { OperationHandler } from '../types.js';
import { grantsOthers, invalidBucketAclWithObjectOwnership } from './bucket-acl.js';
import { checkBucketTags, configOf, loadBucket, setConfig, updateBucket } from './bucket-support.js';
import {
  accessDenied,
  invalidArgument,
  malformedPolicy,
  malformedXml,
  notFoundConfig,
  requireBucket,
  type BucketRecord,
  type EncryptionRule,
} from './common.js';
import { checkPolicyAllowed, publicAccessBlockFrom } from './public-access.js';

const invalidBucketState = (message: string): AwsError => new AwsError('InvalidBucketState', message, { status: 409 });

// --- versioning ------------------------------------------------------------------------------

const putBucketVersioning: OperationHandler = async (ctx, input) => {
  const config = (input.VersioningConfiguration ?? {}) as { Status?: 'Enabled' | 'Suspended'; MFADelete?: 'Enabled' | 'Disabled' };
  await updateBucket(ctx, input, (bucket) => {
    if (config.Status === 'Suspended' && bucket.ObjectLockEnabled) {
      throw invalidBucketState('An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.');
    }
    if (config.MFADelete !== undefined && config.MFADelete !== (bucket.MfaDelete ?? 'Disabled')) {
      const mfa = typeof input.MFA === 'string' ? input.MFA.trim() : '';
      if (!/^\S+ \d{6}$/.test(mfa)) throw accessDenied('Mfa Authentication must be used for this request'); // Unconfirmed wording
      bucket.MfaDelete = config.MFADelete;
    }
    if (config.Status !== undefined) bucket.Versioning = config.Status;
  });
  return {};
};

const getBucketVersioning: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  return { Status: bucket.Versioning, MFADelete: bucket.Versioning === undefined ? undefined : bucket.MfaDelete };
};

// --- tagging ---------------------------------------------------------------------------------

const putBucketTagging: OperationHandler = async (ctx, input) => {
  const tags = checkBucketTags((input.Tagging as { TagSet?: unknown } | undefined)?.TagSet);
  await updateBucket(ctx, input, (bucket) => {
    bucket.Tags = tags;
  });
  return {};
};

const getBucketTagging: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  if (!bucket.Tags || bucket.Tags.length === 0) throw notFoundConfig('NoSuchTagSet', 'The TagSet does not exist', bucket.Name);
  return { TagSet: bucket.Tags };
};

const deleteBucketTagging: OperationHandler = async (ctx, input) => {
  await updateBucket(ctx, input, (bucket) => {
    delete bucket.Tags;
  });
  return {};
};

// --- default encryption ----------------------------------------------------------------------

const SSE_S3_DEFAULT: EncryptionRule = { SSEAlgorithm: 'AES256', BucketKeyEnabled: false };

interface SseRuleInput {
  ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: string };
  BucketKeyEnabled?: boolean;
  BlockedEncryptionTypes?: unknown;
}

const putBucketEncryption: OperationHandler = async (ctx, input) => {
  const rules = ((input.ServerSideEncryptionConfiguration as { Rules?: SseRuleInput[] } | undefined)?.Rules ?? []) as SseRuleInput[];
  if (rules.length !== 1) throw malformedXml();
  const rule = rules[0]!;
  const byDefault = rule.ApplyServerSideEncryptionByDefault;
  if (!byDefault?.SSEAlgorithm) throw malformedXml();
  const algorithm = byDefault.SSEAlgorithm as EncryptionRule['SSEAlgorithm'];
  const kms = algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse';
  const keyId = byDefault.KMSMasterKeyID === '' ? undefined : byDefault.KMSMasterKeyID;
  if (keyId !== undefined && !kms) {
    throw invalidArgument('a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse', 'ApplyServerSideEncryptionByDefault'); // Unconfirmed wording
  }
  const encryption: EncryptionRule = { SSEAlgorithm: algorithm, BucketKeyEnabled: rule.BucketKeyEnabled === true };
  if (keyId !== undefined) encryption.KMSMasterKeyID = keyId;
  await updateBucket(ctx, input, (bucket) => {
    bucket.Encryption = encryption;
    bucket.EncryptionSet = true;
    setConfig(bucket, 'BlockedEncryptionTypes', rule.BlockedEncryptionTypes);
  });
  return {};
};

const getBucketEncryption: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  const e = bucket.Encryption ?? SSE_S3_DEFAULT;
  const blocked = configOf<unknown>(bucket, 'BlockedEncryptionTypes');
  return {
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: e.SSEAlgorithm, ...(e.KMSMasterKeyID !== undefined ? { KMSMasterKeyID: e.KMSMasterKeyID } : {}) },
          BucketKeyEnabled: e.BucketKeyEnabled === true,
          ...(blocked !== undefined ? { BlockedEncryptionTypes: blocked } : {}),
        },
      ],
    },
  };
};

const deleteBucketEncryption: OperationHandler = async (ctx, input) => {
  await updateBucket(ctx, input, (bucket) => {
    bucket.Encryption = { ...SSE_S3_DEFAULT };
    delete bucket.EncryptionSet;
    setConfig(bucket, 'BlockedEncryptionTypes', undefined);
  });
  return {};
};

// --- Object Ownership ------------------------------------------------------------------------

const putBucketOwnershipControls: OperationHandler = async (ctx, input) => {
  const rules = ((input.OwnershipControls as { Rules?: Array<{ ObjectOwnership?: string }> } | undefined)?.Rules ?? []);
  if (rules.length !== 1 || !rules[0]?.ObjectOwnership) throw malformedXml();
  const ownership = rules[0].ObjectOwnership as BucketRecord['ObjectOwnership'];
  await updateBucket(ctx, input, (bucket) => {
    if (ownership === 'BucketOwnerEnforced' && grantsOthers(bucket.Acl, bucket.OwnerId)) throw invalidBucketAclWithObjectOwnership();
    bucket.ObjectOwnership = ownership;
    bucket.OwnershipControlsSet = true;
  });
  return {};
};

const getBucketOwnershipControls: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  if (!bucket.OwnershipControlsSet) throw notFoundConfig('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', bucket.Name);
  return { OwnershipControls: { Rules: [{ ObjectOwnership: bucket.ObjectOwnership }] } };
};

const deleteBucketOwnershipControls: OperationHandler = async (ctx, input) => {
  await updateBucket(ctx, input, (bucket) => {
    // Without ownership controls a bucket behaves as ObjectWriter (ACLs enabled).
    bucket.ObjectOwnership = 'ObjectWriter';
    bucket.OwnershipControlsSet = false;
  });
  return {};
};

// --- bucket policy ---------------------------------------------------------------------------

const MAX_POLICY_BYTES = 20 * 1024;

/** A glob of IAM resource syntax (`*`, `?`) as a whole-string RegExp. */
function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

/** True when an ARN pattern can name this bucket or objects in it. */
function resourceWithinBucket(resource: string, bucket: string): boolean {
  const prefix = 'arn:aws:s3:::';
  if (!resource.startsWith(prefix)) return false;
  const rest = resource.slice(prefix.length);
  const slash = rest.indexOf('/');
  const bucketPart = slash === -1 ? rest : rest.slice(0, slash);
  return globRegExp(bucketPart).test(bucket);
}

function checkPolicyResources(doc: unknown, bucket: string): void {
  const statements = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  for (const st of list as Array<Record<string, unknown>>) {
    for (const field of ['Resource', 'NotResource']) {
      const value = st?.[field];
      if (value === undefined) continue;
      const resources = Array.isArray(value) ? value : [value];
      for (const r of resources) {
        if (typeof r !== 'string' || !resourceWithinBucket(r, bucket)) throw malformedPolicy('Policy has invalid resource');
      }
    }
  }
}

const putBucketPolicy: OperationHandler = async (ctx, input) => {
  const text = typeof input.Policy === 'string' ? input.Policy : '';
  const bucket = await loadBucket(ctx.store, input);
  if (!text.startsWith('{')) throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) throw malformedPolicy('Policy exceeds the maximum allowed document size.'); // Unconfirmed wording
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  try {
    compilePolicy(text, 'resource');
  } catch (err) {
    if (err instanceof PolicyValidationError) throw malformedPolicy(err.message);
    throw err;
  }
  checkPolicyResources(doc, bucket.Name);
  await checkPolicyAllowed(ctx, bucket, text);
  await updateBucket(ctx, input, (b) => {
    b.Policy = text;
  });
  return {};
};

const getBucketPolicy: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  if (bucket.Policy === undefined) throw notFoundConfig('NoSuchBucketPolicy', 'The bucket policy does not exist', bucket.Name);
  return { Policy: bucket.Policy };
};

const deleteBucketPolicy: OperationHandler = async (ctx, input) => {
  await updateBucket(ctx, input, (bucket) => {
    delete bucket.Policy;
  });
  return {};
};

// --- Block Public Access (bucket level) ------------------------------------------------------

const putPublicAccessBlock: OperationHandler = async (ctx, input) => {
  const block = publicAccessBlockFrom(input);
  await updateBucket(ctx, input, (bucket) => {
    bucket.PublicAccessBlock = block;
  });
  return {};
};

const getPublicAccessBlock: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  if (!bucket.PublicAccessBlock) {
    throw notFoundConfig('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', bucket.Name);
  }
  return { PublicAccessBlockConfiguration: { ...bucket.PublicAccessBlock } };
};

const deletePublicAccessBlock: OperationHandler = async (ctx, input) => {
  await updateBucket(ctx, input, (bucket) => {
    delete bucket.PublicAccessBlock;
  });
  return {};
};

// --- Object Lock configuration ---------------------------------------------------------------

interface LockConfigInput {
  ObjectLockEnabled?: string;
  Rule?: { DefaultRetention?: { Mode?: 'GOVERNANCE' | 'COMPLIANCE'; Days?: number; Years?: number } };
}

const putObjectLockConfiguration: OperationHandler = async (ctx, input) => {
  const config = (input.ObjectLockConfiguration ?? {}) as LockConfigInput;
  if (config.ObjectLockEnabled !== 'Enabled') throw malformedXml();
  let rule: BucketRecord['ObjectLockRule'];
  if (config.Rule !== undefined) {
    const retention = config.Rule.DefaultRetention;
    if (!retention?.Mode) throw malformedXml();
    const hasDays = retention.Days !== undefined;
    const hasYears = retention.Years !== undefined;
    if (hasDays === hasYears) throw malformedXml();
    const period = (hasDays ? retention.Days : retention.Years)!;
    if (!Number.isInteger(period) || period <= 0) throw invalidArgument('Default retention period must be a positive integer value.', hasDays ? 'Days' : 'Years', String(period));
    if ((hasDays && period > 36_500) || (hasYears && period > 100)) {
      throw invalidArgument('Default retention period is too large.', hasDays ? 'Days' : 'Years', String(period)); // Unconfirmed wording
    }
    rule = { Mode: retention.Mode, ...(hasDays ? { Days: period } : { Years: period }) };
  }
  await updateBucket(ctx, input, (bucket) => {
    if (!bucket.ObjectLockEnabled && bucket.Versioning !== 'Enabled') {
      throw invalidBucketState("Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration"); // Unconfirmed wording
    }
    bucket.ObjectLockEnabled = true;
    if (rule) bucket.ObjectLockRule = rule;
    else delete bucket.ObjectLockRule;
  });
  return {};
};

const getObjectLockConfiguration: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  if (!bucket.ObjectLockEnabled) {
    throw notFoundConfig('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', bucket.Name);
  }
  const r = bucket.ObjectLockRule;
  return {
    ObjectLockConfiguration: {
      ObjectLockEnabled: 'Enabled',
      ...(r ? { Rule: { DefaultRetention: { Mode: r.Mode, ...(r.Days !== undefined ? { Days: r.Days } : { Years: r.Years }) } } } : {}),
    },
  };
};

// --- server access logging -------------------------------------------------------------------

const invalidTargetBucket = (message: string, target: string): AwsError =>
  new AwsError('InvalidTargetBucketForLogging', message, { status: 400, fields: { TargetBucket: target } });

const putBucketLogging: OperationHandler = async (ctx, input) => {
  const enabled = (input.BucketLoggingStatus as { LoggingEnabled?: Record<string, unknown> } | undefined)?.LoggingEnabled;
  if (enabled !== undefined) {
    const target = typeof enabled.TargetBucket === 'string' ? enabled.TargetBucket : '';
    if (target === '' || typeof enabled.TargetPrefix !== 'string') throw malformedXml();
    const source = await loadBucket(ctx.store, input);
    const found = await requireBucket(ctx.store, target).catch(() => undefined);
    if (!found) throw invalidTargetBucket('The target bucket for logging does not exist', target);
    if (found.OwnerAccount !== source.OwnerAccount) throw invalidTargetBucket('The owner for the bucket to be logged and the target bucket must be the same.', target);
    if (found.Region !== source.Region) {
      throw new AwsError('CrossLocationLoggingProhibited', 'Cross S3 location logging not allowed. ', { status: 403, fields: { SourceBucketLocation: source.Region, TargetBucketLocation: found.Region } });
    }
    if (found.ObjectOwnership === 'BucketOwnerEnforced' && Array.isArray(enabled.TargetGrants) && enabled.TargetGrants.length > 0) {
      throw invalidTargetBucket('You must not specify the TargetGrants element when the target bucket uses the bucket owner enforced setting for S3 Object Ownership.', target); // Unconfirmed wording
    }
  }
  await updateBucket(ctx, input, (bucket) => {
    if (enabled === undefined) {
      delete bucket.Logging;
      setConfig(bucket, 'LoggingEnabled', undefined);
      return;
    }
    bucket.Logging = { TargetBucket: String(enabled.TargetBucket), TargetPrefix: String(enabled.TargetPrefix) };
    setConfig(bucket, 'LoggingEnabled', enabled);
  });
  return {};
};

const getBucketLogging: OperationHandler = async (ctx, input) => {
  const bucket = await loadBucket(ctx.store, input);
  if (!bucket.Logging) return {};
  return { LoggingEnabled: configOf(bucket, 'LoggingEnabled') ?? { ...bucket.Logging } };
};

export const bucketConfigOperations: Record<string, OperationHandler> = {
  PutBucketVersioning: putBucketVersioning,
  GetBucketVersioning: getBucketVersioning,
  PutBucketTagging: putBucketTagging,
  GetBucketTagging: getBucketTagging,
  DeleteBucketTagging: deleteBucketTagging,
  PutBucketEncryption: putBucketEncryption,
  GetBucketEncryption: getBucketEncryption,
  DeleteBucketEncryption: deleteBucketEncryption,
  PutBucketOwnershipControls: putBucketOwnershipControls,
  GetBucketOwnershipControls: getBucketOwnershipControls,
  DeleteBucketOwnershipControls: deleteBucketOwnershipControls,
  PutBucketPolicy: putBucketPolicy,
  GetBucketPolicy: getBucketPolicy,
  DeleteBucketPolicy: deleteBucketPolicy,
  PutPublicAccessBlock: putPublicAccessBlock,
  GetPublicAccessBlock: getPublicAccessBlock,
  DeletePublicAccessBlock: deletePublicAccessBlock,
  PutObjectLockConfiguration: putObjectLockConfiguration,
  GetObjectLockConfiguration: getObjectLockConfiguration,
  PutBucketLogging: putBucketLogging,
  GetBucketLogging: getBucketLogging,
};
