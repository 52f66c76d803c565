/** The policy simulator, GetAccountAuthorizationDetails and the credential report, for the IAM operation table. */
import type { OperationHandler } from '../types.js';
import { getAccountAuthorizationDetails } from './authorization-details.js';
import { generateCredentialReport, getCredentialReport } from './credential-report.js';
import { getContextKeysForCustomPolicy, getContextKeysForPrincipalPolicy, simulateCustomPolicy, simulatePrincipalPolicy } from './policy-simulator.js';

export const simulationAndReportOperations: Record<string, OperationHandler> = {
  SimulateCustomPolicy: simulateCustomPolicy,
  SimulatePrincipalPolicy: simulatePrincipalPolicy,
  GetContextKeysForCustomPolicy: getContextKeysForCustomPolicy,
  GetContextKeysForPrincipalPolicy: getContextKeysForPrincipalPolicy,
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  GenerateCredentialReport: generateCredentialReport,
  GetCredentialReport: getCredentialReport,
};
