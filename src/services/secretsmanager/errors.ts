/**
 * Secrets Manager's errors in its own wording (HTTP 400 throughout). Texts AWS does not
 * document and no recorded AWS answer shows are marked "Unconfirmed wording".
 */
import { AwsError } from '../../core/aws-error.js';

const error = (code: string, message: string): AwsError => new AwsError(code, message, { status: 400 });

export const secretNotFound = (): AwsError => error('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
export const valueNotFoundForVersion = (versionId: string): AwsError =>
  error('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);
export const valueNotFoundForStage = (stage: string): AwsError =>
  error('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${stage}`);
export const stageNotOnVersion = (): AwsError => error('InvalidRequestException', 'You provided a VersionStage that is not associated to the provided VersionId.');

export const markedForDeletion = (): AwsError => error('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
export const alreadyMarkedDeleted = (): AwsError => error('InvalidRequestException', "You tried to perform the operation on a secret that's currently marked deleted.");
export const nameScheduledForDeletion = (): AwsError =>
  error('InvalidRequestException', "You can't create this secret because a secret with this name is already scheduled for deletion.");
export const secretExists = (name: string): AwsError => error('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
export const replicaReadOnly = (): AwsError =>
  error('InvalidRequestException', "Operation not permitted on a replica secret. Call must be made in primary secret's region.");
export const missingToken = (): AwsError => error('InvalidRequestException', 'You must provide a ClientRequestToken value. We recommend a UUID-type value.');
export const bothValues = (): AwsError =>
  error('InvalidParameterException', "You can't specify both a binary secret value and a string secret value in the same secret.");
export const defaultKeyCrossAccount = (): AwsError =>
  error('InvalidRequestException', "You can't access a secret from a different AWS account if you encrypt the secret with the default KMS service key.");
export const invalidName = (): AwsError =>
  error('ValidationException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');

export const invalidParameter = (message: string): AwsError => error('InvalidParameterException', message);
export const invalidRequest = (message: string): AwsError => error('InvalidRequestException', message);
export const resourceExists = (message: string): AwsError => error('ResourceExistsException', message);
export const limitExceeded = (message: string): AwsError => error('LimitExceededException', message);
export const malformedPolicy = (message: string): AwsError => error('MalformedPolicyDocumentException', message);
export const publicPolicy = (): AwsError =>
  error('PublicPolicyException', 'The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.');
export const invalidNextToken = (): AwsError => error('InvalidNextTokenException', 'The NextToken value is invalid.');

/** Secrets Manager's answer when KMS refuses the caller (the key policy or IAM deny kms:Decrypt / kms:GenerateDataKey). */
export const kmsAccessDenied = (): AwsError => error('AccessDeniedException', 'Access to KMS is not allowed');

/** The KMS key cannot encrypt (disabled, pending deletion, unknown, not a symmetric encryption key); KMS's reason follows. */
export const encryptionFailure = (reason?: string): AwsError =>
  // Unconfirmed wording: the documented sentence, then KMS's own message.
  error('EncryptionFailure', `Secrets Manager can't encrypt the protected secret text using the provided KMS key. Check that the KMS key is available, enabled, and not in an invalid state.${reason ? ` ${reason}` : ''}`);
export const decryptionFailure = (reason?: string): AwsError =>
  // Unconfirmed wording: the documented sentence, then KMS's own message.
  error('DecryptionFailure', `Secrets Manager can't decrypt the protected secret text using the provided KMS key.${reason ? ` ${reason}` : ''}`);
