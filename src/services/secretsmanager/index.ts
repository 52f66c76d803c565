/**
 * AWS Secrets Manager: secrets with versions and staging labels, every value encrypted under a
 * KMS key of Bulwark's own KMS (envelope encryption on the caller's behalf), resource policies
 * weighed by the IAM policy engine, deletion with a recovery window, tags, random passwords and
 * multi-Region replicas, and rotation (rotation/: built-in rotators and webhooks stand in for
 * the Lambda functions, scheduled rotations run from housekeeping).
 */
import { invalidatingWrites } from '../shared/invalidating-writes.js';
import type { OperationHandler, ServiceDefinition } from '../types.js';
import { secretsManagerAuthorization } from './authorization.js';
import { createSecret } from './create.js';
import { deleteSecret, restoreSecret, sweepSecrets } from './delete.js';
import { describeSecret, listSecretVersionIds } from './describe.js';
import { listSecrets } from './list.js';
import { checkSecretNames } from './names.js';
import { getRandomPassword } from './password.js';
import { deleteResourcePolicy, getResourcePolicy, putResourcePolicy, validateResourcePolicy } from './policies.js';
import { putSecretValue } from './put-value.js';
import { batchGetSecretValue, getSecretValue } from './read.js';
import { removeRegionsFromReplication, replicateSecretToRegions, stopReplicationToReplica } from './replication.js';
import { cancelRotateSecret, rotateSecret } from './rotation/rotate.js';
import { rotateDueSecrets } from './rotation/scheduled.js';
import { invalidateSecretCache } from './secret-cache.js';
import { updateSecretVersionStage } from './stages.js';
import { tagResource, untagResource } from './tags.js';
import { updateSecret } from './update.js';

/** Operations that never write (GetSecretValue's once-a-day LastAccessedDate invalidates by itself). */
const READ_ONLY: ReadonlySet<string> = new Set([
  'GetSecretValue', 'BatchGetSecretValue', 'DescribeSecret', 'ListSecrets', 'ListSecretVersionIds', 'GetResourcePolicy', 'ValidateResourcePolicy', 'GetRandomPassword',
]);

const operations: Record<string, OperationHandler> = {
  CreateSecret: createSecret,
  GetSecretValue: getSecretValue,
  BatchGetSecretValue: batchGetSecretValue,
  PutSecretValue: putSecretValue,
  UpdateSecret: updateSecret,
  UpdateSecretVersionStage: updateSecretVersionStage,
  DescribeSecret: describeSecret,
  ListSecrets: listSecrets,
  ListSecretVersionIds: listSecretVersionIds,
  DeleteSecret: deleteSecret,
  RestoreSecret: restoreSecret,
  TagResource: tagResource,
  UntagResource: untagResource,
  PutResourcePolicy: putResourcePolicy,
  GetResourcePolicy: getResourcePolicy,
  DeleteResourcePolicy: deleteResourcePolicy,
  ValidateResourcePolicy: validateResourcePolicy,
  GetRandomPassword: getRandomPassword,
  ReplicateSecretToRegions: replicateSecretToRegions,
  RemoveRegionsFromReplication: removeRegionsFromReplication,
  StopReplicationToReplica: stopReplicationToReplica,
  RotateSecret: rotateSecret,
  CancelRotateSecret: cancelRotateSecret,
};

export const secretsManagerService: ServiceDefinition = {
  name: 'secretsmanager',
  operations: invalidatingWrites(operations, (operation) => READ_ONLY.has(operation), invalidateSecretCache),
  checkInput: (operation, input) => checkSecretNames(operation, input),
  authorization: secretsManagerAuthorization,
  housekeeping: async (store, now, masterKey) => {
    await sweepSecrets(store, now);
    await rotateDueSecrets(store, now, masterKey);
  },
};
