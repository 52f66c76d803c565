/**
 * IAM remediations: a long-term access key deactivated, and a user or role quarantined by an
 * inline policy that denies everything (which also cuts off the role's sessions already
 * issued: identity policies apply to every request).
 */
import { ROLE_NAME } from '../role.js';
import { absentOn } from './common.js';
import { changed, unchanged, type ActionContext, type RemediationAction, type SubjectOf } from '../action.js';

/** IAM is global; its calls are signed for us-east-1 as the SDK does for the aws partition. */
const IAM_REGION = 'us-east-1';

async function iamClient(ctx: ActionContext) {
  const { IAMClient } = await import('@aws-sdk/client-iam');
  return ctx.client((config) => new IAMClient(config), IAM_REGION);
}

export const iamDeactivateAccessKey: RemediationAction<'access-key'> = {
  name: 'iam-deactivate-access-key',
  description: 'Sets the access key Inactive (UpdateAccessKey), after finding its user (GetAccessKeyLastUsed), unless it already is.',
  accepts: ['guardduty-finding', 'securityhub-findings', 'cloudtrail-call'],
  subject: 'access-key',
  iamActions: ['iam:GetAccessKeyLastUsed', 'iam:ListAccessKeys', 'iam:UpdateAccessKey'],
  async run({ accessKeyId }: SubjectOf<'access-key'>, ctx) {
    const { GetAccessKeyLastUsedCommand, ListAccessKeysCommand, UpdateAccessKeyCommand } = await import('@aws-sdk/client-iam');
    const iam = await iamClient(ctx);
    const owner = (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }))).UserName;
    if (!owner || owner === 'root') return unchanged(`${accessKeyId} belongs to no IAM user (a root key cannot be deactivated by a role)`);
    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: owner }))).AccessKeyMetadata ?? [];
    if (keys.find((k) => k.AccessKeyId === accessKeyId)?.Status === 'Inactive') return unchanged(`${accessKeyId} of ${owner} is already inactive`);
    await iam.send(new UpdateAccessKeyCommand({ UserName: owner, AccessKeyId: accessKeyId, Status: 'Inactive' }));
    return changed(`deactivated ${accessKeyId} of ${owner}`);
  },
};

/** The inline policy a quarantined user or role gets; delete it to release them. */
export const QUARANTINE_POLICY_NAME = 'BulwarkQuarantine';
export const QUARANTINE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'BulwarkQuarantineDenyAll', Effect: 'Deny', Action: '*', Resource: '*' }],
});

export const iamQuarantinePrincipal: RemediationAction<'principal'> = {
  name: 'iam-quarantine-principal',
  description: `Puts the inline policy ${QUARANTINE_POLICY_NAME} (Deny * on *) on the IAM user or role that acted, unless it has it already; never on a role remediation acts as.`,
  accepts: ['guardduty-finding', 'securityhub-findings', 'cloudtrail-call'],
  subject: 'principal',
  iamActions: ['iam:GetUserPolicy', 'iam:PutUserPolicy', 'iam:GetRolePolicy', 'iam:PutRolePolicy'],
  async run({ type, name }: SubjectOf<'principal'>, ctx) {
    if (type === 'role' && (name === ctx.roleName || name === ROLE_NAME)) return unchanged(`${name} is a role remediation acts as; it is not quarantined`);
    const { GetRolePolicyCommand, GetUserPolicyCommand, PutRolePolicyCommand, PutUserPolicyCommand } = await import('@aws-sdk/client-iam');
    const iam = await iamClient(ctx);
    const document = (out: { PolicyDocument?: string }) => decodeURIComponent(out.PolicyDocument ?? '');
    const current =
      type === 'user'
        ? await iam.send(new GetUserPolicyCommand({ UserName: name, PolicyName: QUARANTINE_POLICY_NAME })).then(document, absentOn('NoSuchEntityException'))
        : await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: QUARANTINE_POLICY_NAME })).then(document, absentOn('NoSuchEntityException'));
    if (current !== undefined && sameDocument(current, QUARANTINE_POLICY)) return unchanged(`${type} ${name} is already quarantined`);
    if (type === 'user') await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: QUARANTINE_POLICY_NAME, PolicyDocument: QUARANTINE_POLICY }));
    else await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: QUARANTINE_POLICY_NAME, PolicyDocument: QUARANTINE_POLICY }));
    return changed(`quarantined ${type} ${name} (${QUARANTINE_POLICY_NAME})`);
  },
};

function sameDocument(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}
