/**
 * IAM, STS, IAM Roles Anywhere and Organizations: credentials made for someone else, logins
 * added to users, administrator policies attached, trust opened to other accounts, an account
 * leaving its organization.
 */
import { SEVERITY } from '../../detection.js';
import { recipientAccount, type TrailEvent } from '../../trail-event.js';
import { grantsOf, policyDocument, statementsOf } from '../support/policy-grants.js';
import { fieldsOf, member, requestParameters, textOf, textsOf } from '../support/record-fields.js';
import type { SignalMatch, SignalRule } from './signal-rule.js';

const IAM = 'iam.amazonaws.com';
const ACCOUNT_MANIPULATION = 'Persistence:IAM/AccountManipulation';
const ADMIN_POLICY = /^arn:aws[\w-]*:iam::aws:policy\/AdministratorAccess$/;

/** CreateAccessKey naming a user other than the caller. */
function keyForAnotherUser(event: TrailEvent): SignalMatch | undefined {
  const target = textOf(member(requestParameters(event), 'UserName'));
  if (!target) return undefined;
  const caller = event.identity;
  if (caller.type === 'IAMUser' && caller.userName === target) return undefined;
  return { details: { userName: target } };
}

function adminPolicyAttached(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  if (!ADMIN_POLICY.test(textOf(member(parameters, 'PolicyArn')))) return undefined;
  return { details: { policyArn: member(parameters, 'PolicyArn'), userName: member(parameters, 'UserName'), roleName: member(parameters, 'RoleName') } };
}

/** A trust policy letting in everyone or other accounts. */
function trustOutsideAccount(event: TrailEvent, documentMember: string): SignalMatch | undefined {
  const parameters = requestParameters(event);
  const document = policyDocument(member(parameters, documentMember));
  if (!document) return undefined;
  const grants = grantsOf(document, recipientAccount(event));
  if (!grants.public && grants.externalAccounts.length === 0) return undefined;
  return { details: { roleName: member(parameters, 'RoleName'), public: grants.public, externalAccounts: grants.externalAccounts } };
}

/** A successful console sign-in of a non-federated identity (IAM user or root) without MFA. */
function signInWithoutMfa(event: TrailEvent): SignalMatch | undefined {
  const type = event.identity.type;
  if (type !== 'IAMUser' && type !== 'Root') return undefined;
  const record = event.record();
  if (fieldsOf(record.responseElements).ConsoleLogin !== 'Success') return undefined;
  return fieldsOf(record.additionalEventData).MFAUsed === 'No' ? { details: { loginTo: fieldsOf(record.additionalEventData).LoginTo } } : undefined;
}

/** A federation token whose session policy allows every action. */
function federationToken(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  const document = policyDocument(member(parameters, 'Policy'));
  const allowsAll = document !== undefined && statementsOf(document).some((s) => s.Effect === 'Allow' && textsOf(s.Action).includes('*'));
  return { details: { name: member(parameters, 'Name'), allowsAllActions: allowsAll } };
}

export const IDENTITY_RULES: readonly SignalRule[] = [
  {
    signal: 'IAMAccessKeyCreated',
    definedBy: 'GuardDuty',
    type: ACCOUNT_MANIPULATION,
    source: IAM,
    eventNames: ['CreateAccessKey'],
    severity: SEVERITY.LOW,
    title: 'An access key was created for another IAM user.',
    description: 'A principal created an access key for a user other than itself; a second key lets whoever holds it act as that user.',
    match: keyForAnotherUser,
  },
  {
    signal: 'IAMUserLoginProfileCreated',
    definedBy: 'GuardDuty',
    type: ACCOUNT_MANIPULATION,
    source: IAM,
    eventNames: ['CreateLoginProfile'],
    severity: SEVERITY.HIGH,
    routineSeverity: SEVERITY.MEDIUM,
    title: 'A console password was created for an IAM user.',
    description: 'A login profile gives the user console access with a password the creator knows.',
  },
  {
    signal: 'IAMUserLoginProfileUpdated',
    definedBy: 'GuardDuty',
    type: ACCOUNT_MANIPULATION,
    source: IAM,
    eventNames: ['UpdateLoginProfile'],
    severity: SEVERITY.MEDIUM,
    title: "An IAM user's console password was changed.",
    description: "A principal set another user's console password, which lets it sign in as that user.",
  },
  {
    signal: 'IAMRoleTrustPolicyModified',
    definedBy: 'GuardDuty',
    type: ACCOUNT_MANIPULATION,
    source: IAM,
    eventNames: ['UpdateAssumeRolePolicy'],
    severity: SEVERITY.MEDIUM,
    title: "A role's trust policy was opened to other accounts.",
    description: 'The new trust policy lets principals of another account, or anyone, assume the role.',
    match: (event) => trustOutsideAccount(event, 'PolicyDocument'),
  },
  {
    signal: 'IAMRoleCreatedWithExternalTrust',
    definedBy: 'Bulwark',
    type: ACCOUNT_MANIPULATION,
    source: IAM,
    eventNames: ['CreateRole'],
    severity: SEVERITY.MEDIUM,
    title: 'A role was created that other accounts can assume.',
    description: "The new role's trust policy lets principals of another account, or anyone, assume it.",
    match: (event) => trustOutsideAccount(event, 'AssumeRolePolicyDocument'),
  },
  {
    signal: 'AdminPolicyAttachedToUser',
    definedBy: 'GuardDuty',
    type: 'PrivilegeEscalation:IAM/AccountManipulation',
    source: IAM,
    eventNames: ['AttachUserPolicy'],
    severity: SEVERITY.HIGH,
    routineSeverity: SEVERITY.MEDIUM,
    title: 'AdministratorAccess was attached to an IAM user.',
    description: 'The user now has full access to the account.',
    match: adminPolicyAttached,
  },
  {
    signal: 'AdminPolicyAttachedToRole',
    definedBy: 'GuardDuty',
    type: 'PrivilegeEscalation:IAM/AccountManipulation',
    source: IAM,
    eventNames: ['AttachRolePolicy'],
    severity: SEVERITY.HIGH,
    routineSeverity: SEVERITY.MEDIUM,
    title: 'AdministratorAccess was attached to an IAM role.',
    description: 'Whoever can assume the role now has full access to the account.',
    match: adminPolicyAttached,
  },
  {
    signal: 'ConsoleLoginWithoutMFA',
    definedBy: 'GuardDuty',
    type: 'InitialAccess:IAM/ValidAccounts',
    source: 'signin.amazonaws.com',
    eventNames: ['ConsoleLogin'],
    severity: SEVERITY.MEDIUM,
    title: 'A console sign-in succeeded without MFA.',
    description: 'An IAM user or the root user signed in to the console with a password alone.',
    match: signInWithoutMfa,
  },
  {
    signal: 'FederationTokenIssued',
    definedBy: 'Bulwark',
    type: 'Persistence:STS/AccountManipulation',
    source: 'sts.amazonaws.com',
    eventNames: ['GetFederationToken'],
    severity: SEVERITY.LOW,
    title: 'An IAM user obtained a federation token.',
    description: "A federation token stays valid for up to 36 hours even after the user's access keys are deactivated, a known way to keep access.",
    match: federationToken,
  },
  {
    signal: 'RolesAnywhereTrustAnchorCreated',
    definedBy: 'GuardDuty',
    type: 'Persistence:RolesAnywhere/AccountManipulation',
    source: 'rolesanywhere.amazonaws.com',
    eventNames: ['CreateTrustAnchor'],
    severity: SEVERITY.MEDIUM,
    title: 'An IAM Roles Anywhere trust anchor was created.',
    description: 'Holders of certificates from the new anchor can obtain credentials for the roles its profiles name.',
  },
  {
    signal: 'OrganizationLeaveAttempt',
    definedBy: 'GuardDuty',
    type: 'DefenseImpairment:Organizations/ModifyCloudResourceHierarchy',
    source: 'organizations.amazonaws.com',
    eventNames: ['LeaveOrganization'],
    severity: SEVERITY.HIGH,
    routineSeverity: SEVERITY.MEDIUM,
    attempts: 'reported',
    title: 'An account tried to leave its organization.',
    description: "Leaving the organization removes its service control policies and the management account's oversight.",
  },
];
