/**
 * EventBridge's errors in its own wording (HTTP 400 throughout). Texts AWS does not document
 * and no recorded AWS answer shows are marked "Unconfirmed wording".
 */
import { AwsError } from '../../core/aws-error.js';

const error = (code: string, message: string): AwsError => new AwsError(code, message, { status: 400 });

export const validation = (message: string): AwsError => error('ValidationException', message);
export const notFound = (message: string): AwsError => error('ResourceNotFoundException', message);
export const alreadyExists = (message: string): AwsError => error('ResourceAlreadyExistsException', message);
export const limitExceeded = (message: string): AwsError => error('LimitExceededException', message);

export const busNotFound = (name: string): AwsError => notFound(`Event bus ${name} does not exist.`);
export const ruleNotFound = (name: string, bus: string): AwsError => notFound(`Rule ${name} does not exist on EventBus ${bus}.`);
export const connectionNotFound = (name: string): AwsError => notFound(`Failed to describe the connection(s). Connection '${name}' does not exist.`);
export const apiDestinationNotFound = (name: string): AwsError => notFound(`Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`);

/** AWS's LimitExceededException text for its quotas (targets per rule; unconfirmed wording for rules per bus and buses). */
export const quotaExceeded = (): AwsError => limitExceeded('The requested resource exceeds the maximum number allowed.');

export const invalidNextToken = (): AwsError =>
  // Unconfirmed wording.
  validation('The NextToken value is invalid.');
