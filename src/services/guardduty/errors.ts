/**
 * GuardDuty's errors: every client error is the modelled 400 BadRequestException, its finer
 * cause in `__type` (InvalidInputException unless told), as the API answers. Texts seen in AWS's
 * answers or its API reference are used as they are; the others are marked "Unconfirmed wording".
 */
import { AwsError } from '../../core/aws-error.js';

export const badRequest = (message: string, type = 'InvalidInputException'): AwsError =>
  new AwsError('BadRequestException', message, { status: 400, fields: { Type: type } });

export const detectorNotOwned = (): AwsError => badRequest('The request is rejected because the input detectorId is not owned by the current account.', 'NoSuchEntityException');
export const detectorExists = (): AwsError => badRequest('The request is rejected because a detector already exists for the current account.');
/** A filter, list, destination or member that does not exist. */
export const noSuchResource = (): AwsError => badRequest('The request is rejected since no such resource found.');
export const invalidParameter = (name: string): AwsError => badRequest(`The request is rejected because the parameter ${name} has an invalid value.`);
export const invalidFindingType = (): AwsError => badRequest('The request is rejected because of invalid finding type is specified.');
export const memberCannotManageLists = (): AwsError => badRequest('The request is rejected because member accounts cannot manage IPSets or ThreatIntelSets.');
export const notAssociated = (): AwsError => badRequest('The request is rejected because the current account is not associated to a master account.');

// Unconfirmed wording (the errors below).
export const filterExists = (name: string): AwsError => badRequest(`The request is rejected because a filter with the name ${name} already exists.`);
export const listLimit = (kind: string, limit: number): AwsError =>
  badRequest(`The request is rejected because the current account cannot create more than ${limit} ${kind}s.`);
export const bothDataSourcesAndFeatures = (): AwsError =>
  badRequest('The request is rejected because both dataSources and features were specified. Specify features only.');
export const locationNotAccessible = (location: string, reason: string): AwsError =>
  badRequest(`The request is rejected because the location ${location} could not be read: ${reason}`);
export const notManagementAccount = (): AwsError => badRequest('The request is rejected because the current account is not the management account of an organization.');
export const notOrganizationMember = (account: string): AwsError => badRequest(`The request is rejected because the account ${account} is not a member of the organization.`);
export const adminAlreadyEnabled = (account: string): AwsError =>
  badRequest(`The request is rejected because the organization already has a delegated administrator (${account}) in this Region.`);
export const destinationExists = (): AwsError => badRequest('The request is rejected because a publishing destination of this type already exists for the detector.');
export const invalidDestination = (reason: string): AwsError => badRequest(`The request is rejected because the destination properties are invalid: ${reason}`);
export const organizationManaged = (): AwsError => badRequest('The request is rejected because the account is a member through AWS Organizations; only the administrator can disassociate it.');
