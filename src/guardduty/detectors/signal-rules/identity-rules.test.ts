import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCOUNT, iamUser, inspectOne, OTHER_ACCOUNT, roleSession, rootUser, summary, summaryOf, type RecordFields } from '../testing/trail-records.js';
import { IDENTITY_RULES } from './identity-rules.js';
import { signalRuleDetector } from './signal-rule.js';

const rules = signalRuleDetector(IDENTITY_RULES, { documentedSeverities: false });
const documented = signalRuleDetector(IDENTITY_RULES, { documentedSeverities: true });
const IAM = 'iam.amazonaws.com';

const typesOf = (fields: RecordFields): string[] => summaryOf(rules, fields);

function trust(principal: unknown, condition?: unknown): string {
  const statement: Record<string, unknown> = { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' };
  if (condition) statement.Condition = condition;
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
}

test('an access key created for another user is reported (Low); one for oneself is not', () => {
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'CreateAccessKey', requestParameters: { userName: 'bob' } }), ['Persistence:IAM/AccountManipulation 2']);
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'CreateAccessKey', requestParameters: { userName: 'alice' } }), []);
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'CreateAccessKey', requestParameters: null }), []);
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'CreateAccessKey', userIdentity: rootUser(), requestParameters: { userName: 'alice' } }), ['Persistence:IAM/AccountManipulation 2']);
});

test('AdministratorAccess attached to a user or role: Medium by default, High documented; other policies are not reported', () => {
  const admin = { eventSource: IAM, eventName: 'AttachRolePolicy', requestParameters: { roleName: 'r', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } };
  assert.deepEqual(typesOf(admin), ['PrivilegeEscalation:IAM/AccountManipulation 5']);
  assert.deepEqual(summary(inspectOne(documented, admin)), ['PrivilegeEscalation:IAM/AccountManipulation 8']);
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'AttachUserPolicy', requestParameters: { userName: 'u', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } }), []);
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'AttachUserPolicy', requestParameters: { userName: 'u', policyArn: `arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess` } }), []);
});

test('console passwords created or changed for a user', () => {
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'CreateLoginProfile', requestParameters: { userName: 'u', passwordResetRequired: false } }), ['Persistence:IAM/AccountManipulation 5']);
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'UpdateLoginProfile', requestParameters: { userName: 'u' } }), ['Persistence:IAM/AccountManipulation 5']);
});

test('a trust policy opened to another account or to everyone; same-account and service trust are not reported', () => {
  const external = inspectOne(rules, { eventSource: IAM, eventName: 'UpdateAssumeRolePolicy', requestParameters: { roleName: 'r', policyDocument: trust({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }) } });
  assert.deepEqual(summary(external), ['Persistence:IAM/AccountManipulation 5']);
  assert.deepEqual(external[0].additionalInfo, { signal: 'IAMRoleTrustPolicyModified', definedBy: 'GuardDuty', roleName: 'r', public: false, externalAccounts: [OTHER_ACCOUNT] });
  const everyone = inspectOne(rules, { eventSource: IAM, eventName: 'UpdateAssumeRolePolicy', requestParameters: { roleName: 'r', policyDocument: trust('*') } });
  assert.equal(everyone[0].additionalInfo?.public, true);
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'UpdateAssumeRolePolicy', requestParameters: { roleName: 'r', policyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/admin` }) } }), []);
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'UpdateAssumeRolePolicy', requestParameters: { roleName: 'r', policyDocument: trust({ Service: 'ec2.amazonaws.com' }) } }), []);
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'UpdateAssumeRolePolicy', requestParameters: { roleName: 'r', policyDocument: 'not json' } }), []);
});

test('a role created with a trust policy naming another account (URL-encoded too)', () => {
  const document = encodeURIComponent(trust({ AWS: [OTHER_ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`] }));
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'CreateRole', requestParameters: { roleName: 'r', assumeRolePolicyDocument: document } }), ['Persistence:IAM/AccountManipulation 5']);
  assert.deepEqual(typesOf({ eventSource: IAM, eventName: 'CreateRole', requestParameters: { roleName: 'r', assumeRolePolicyDocument: trust({ Service: 'lambda.amazonaws.com' }) } }), []);
});

test('leaving the organization is reported even when denied', () => {
  assert.deepEqual(typesOf({ eventSource: 'organizations.amazonaws.com', eventName: 'LeaveOrganization', userIdentity: roleSession(), errorCode: 'AccessDenied' }), [
    'DefenseImpairment:Organizations/ModifyCloudResourceHierarchy 5',
  ]);
});

test('console sign-in without MFA: IAM users and root, successful ones only', () => {
  const signIn = (mfa: string, outcome: string, identity = iamUser()): RecordFields => ({
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    eventType: 'AwsConsoleSignIn',
    responseElements: { ConsoleLogin: outcome },
    additionalEventData: { MFAUsed: mfa, LoginTo: 'https://console.aws.amazon.com/' },
    userIdentity: identity,
  });
  assert.deepEqual(typesOf(signIn('No', 'Success')), ['InitialAccess:IAM/ValidAccounts 5']);
  assert.deepEqual(typesOf(signIn('No', 'Success', rootUser(''))), ['InitialAccess:IAM/ValidAccounts 5']);
  assert.deepEqual(typesOf(signIn('Yes', 'Success')), []);
  assert.deepEqual(typesOf(signIn('No', 'Failure')), []);
  assert.deepEqual(typesOf(signIn('No', 'Success', roleSession())), []);
});

test('federation tokens (Low), noting a session policy that allows everything', () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  const found = inspectOne(rules, { eventSource: 'sts.amazonaws.com', eventName: 'GetFederationToken', requestParameters: { name: 'n', policy } });
  assert.deepEqual(summary(found), ['Persistence:STS/AccountManipulation 2']);
  assert.equal(found[0].additionalInfo?.allowsAllActions, true);
  assert.equal(inspectOne(rules, { eventSource: 'sts.amazonaws.com', eventName: 'GetFederationToken', requestParameters: { name: 'n' } })[0].additionalInfo?.allowsAllActions, false);
});

test('Roles Anywhere trust anchors', () => {
  assert.deepEqual(typesOf({ eventSource: 'rolesanywhere.amazonaws.com', eventName: 'CreateTrustAnchor', requestParameters: { name: 'a', enabled: true } }), ['Persistence:RolesAnywhere/AccountManipulation 5']);
});
