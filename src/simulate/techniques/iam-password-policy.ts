/** Weakening the account's password policy (and restoring it afterwards). */
import {
  DeleteAccountPasswordPolicyCommand,
  GetAccountPasswordPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
  type PasswordPolicy,
  type UpdateAccountPasswordPolicyCommandInput,
} from '@aws-sdk/client-iam';
import { technique, type TechniqueContext } from '../technique.js';

const STRONG: UpdateAccountPasswordPolicyCommandInput = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  PasswordReusePrevention: 24,
  MaxPasswordAge: 90,
};

const WEAK: UpdateAccountPasswordPolicyCommandInput = {
  MinimumPasswordLength: 6,
  RequireSymbols: false,
  RequireNumbers: false,
  RequireUppercaseCharacters: false,
  RequireLowercaseCharacters: false,
  AllowUsersToChangePassword: true,
};

function asInput(policy: PasswordPolicy): UpdateAccountPasswordPolicyCommandInput {
  const { ExpirePasswords: _derived, ...settable } = policy;
  return settable;
}

/** Remembers the account's policy (restored by cleanup), then makes it strong. */
async function strongPolicy(context: TechniqueContext): Promise<void> {
  const iam = context.operator.iam;
  let previous: PasswordPolicy | undefined;
  try {
    previous = (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
  } catch (err) {
    if (!(err instanceof Error && err.name === 'NoSuchEntityException')) throw err;
  }
  context.undo(previous ? 'restore the account password policy' : 'delete the account password policy', () =>
    iam.send(previous ? new UpdateAccountPasswordPolicyCommand(asInput(previous)) : new DeleteAccountPasswordPolicyCommand({})),
  );
  await iam.send(new UpdateAccountPasswordPolicyCommand(STRONG));
}

export const iamPasswordPolicyWeakened = technique({
  id: 'aws.defense-evasion.iam-password-policy-weakened',
  title: 'Weaken the Account Password Policy',
  source: 'bulwark',
  tactics: ['Defense Evasion', 'Credential Access'],
  expectedFindingTypes: ['Stealth:IAMUser/PasswordPolicyChange'],
  setup: strongPolicy,
  async detonate({ attacker }) {
    await attacker.iam.send(new UpdateAccountPasswordPolicyCommand(WEAK));
  },
});
