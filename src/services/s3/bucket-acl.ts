/**
 * A new bucket's ACL: the owner's full control, or what the request sets (canned ACL or grant
 * headers, read by acl.ts). While ACLs are disabled (BucketOwnerEnforced, the default) a
 * CreateBucket may only set the owner's full control (`private`, `bucket-owner-full-control`);
 * anything else is InvalidBucketAclWithObjectOwnership, as the S3 User Guide documents.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationInput } from '../types.js';
import { aclFromRequest, ownerAcl } from './acl.js';
import type { BucketRecord, Grant } from './common.js';

/** True when some grant reaches beyond the bucket owner. */
export function grantsOthers(grants: ReadonlyArray<Grant>, ownerId: string): boolean {
  return grants.some((g) => g.Grantee.Type !== 'CanonicalUser' || g.Grantee.ID !== ownerId);
}

export function invalidBucketAclWithObjectOwnership(): AwsError {
  return new AwsError('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", { status: 400 });
}

/** The ACL a CreateBucket request gives its (not yet stored) bucket. */
export function creationAcl(input: OperationInput, bucket: BucketRecord): Grant[] {
  // Parse as on a bucket with ACLs enabled; the Object Ownership rule for creation follows.
  const grants = aclFromRequest(input, bucket.OwnerId, { ...bucket, ObjectOwnership: 'ObjectWriter' }) ?? ownerAcl(bucket.OwnerId);
  if (bucket.ObjectOwnership === 'BucketOwnerEnforced' && grantsOthers(grants, bucket.OwnerId)) throw invalidBucketAclWithObjectOwnership();
  return grants;
}
