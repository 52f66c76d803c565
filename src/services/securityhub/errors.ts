/**
 * Security Hub's errors: the modelled exceptions with their HTTP statuses. Texts seen in AWS's
 * answers are used as they are; the others are marked "Unconfirmed wording".
 */
import { AwsError } from '../../core/aws-error.js';

export const invalidInput = (message: string): AwsError => new AwsError('InvalidInputException', message, { status: 400 });
export const invalidAccess = (message: string): AwsError => new AwsError('InvalidAccessException', message, { status: 401 });
export const accessDenied = (message: string): AwsError => new AwsError('AccessDeniedException', message, { status: 403 });
export const notFound = (message: string): AwsError => new AwsError('ResourceNotFoundException', message, { status: 404 });
export const conflict = (message: string): AwsError => new AwsError('ResourceConflictException', message, { status: 409 });
export const limitExceeded = (message: string): AwsError => new AwsError('LimitExceededException', message, { status: 429 });

/** Every call but EnableSecurityHub in an account and Region where Security Hub is not enabled. */
export const notSubscribed = (account: string): AwsError => invalidAccess(`Account ${account} is not subscribed to AWS Security Hub`);

// Unconfirmed wording (the errors below).
export const alreadySubscribed = (account: string): AwsError => conflict(`Account ${account} is already subscribed to Security Hub`);
export const invalidToken = (): AwsError => invalidInput('The NextToken value is invalid.');
export const administratorCannotDisable = (): AwsError => invalidInput('You cannot disable Security Hub while this account is the administrator of member accounts. Disassociate the members first.');
export const resourceNotFound = (what: string, id: string): AwsError => notFound(`${what} ${id} not found.`);
export const notManagementAccount = (): AwsError => accessDenied('The request is only allowed from the management account of an organization.');
export const notOrganizationAccount = (account: string): AwsError => invalidInput(`Account ${account} is not a member of your organization.`);
