/** An attempt to leave the organization (and its SCPs); the attacker's policy denies it, so it only shows. */
import { LeaveOrganizationCommand } from '@aws-sdk/client-organizations';
import { technique } from '../technique.js';

export const organizationsLeave = technique({
  id: 'aws.defense-evasion.organizations-leave',
  title: 'Attempt to Leave the AWS Organization',
  source: 'stratus',
  tactics: ['Defense Evasion'],
  expectedFindingTypes: ['DefenseImpairment:Organizations/ModifyCloudResourceHierarchy'],
  async detonate({ attacker }) {
    try {
      await attacker.organizations.send(new LeaveOrganizationCommand({}));
    } catch {
      // Denied (or not in an organization): the attempt is the technique.
      return;
    }
    throw new Error('LeaveOrganization succeeded: the account left its organization');
  },
});
