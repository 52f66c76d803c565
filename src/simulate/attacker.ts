/**
 * A technique's attacker: an IAM user allowed everything except leaving the organization, with
 * one access key. Detonations sign with it, so the findings of an attack name a principal only
 * that technique used (findings are matched to techniques by its access key), as a compromised
 * user's would.
 */
import { CreateAccessKeyCommand, CreateUserCommand, DeleteAccessKeyCommand, DeleteUserCommand, DeleteUserPolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { AccessKeys, SimulationClients } from './clients.js';
import type { UndoStack } from './undo-stack.js';

const POLICY_NAME = 'simulated-compromise';

/** Everything, but never really leaving an organization (aws.defense-evasion.organizations-leave only attempts it). */
const ATTACKER_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
  ],
});

export interface Attacker {
  userName: string;
  keys: AccessKeys;
}

/** Creates the attacker user and its key; their removal goes on `undo`. */
export async function createAttacker(operator: SimulationClients, userName: string, undo: UndoStack): Promise<Attacker> {
  await operator.iam.send(new CreateUserCommand({ UserName: userName, Tags: [{ Key: 'bulwark-simulate', Value: 'attacker' }] }));
  undo.push(`delete IAM user ${userName}`, () => operator.iam.send(new DeleteUserCommand({ UserName: userName })));
  await operator.iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: POLICY_NAME, PolicyDocument: ATTACKER_POLICY }));
  undo.push(`delete the policy of ${userName}`, () => operator.iam.send(new DeleteUserPolicyCommand({ UserName: userName, PolicyName: POLICY_NAME })));
  const key = (await operator.iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
  undo.push(`delete the access key of ${userName}`, () => operator.iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: key.AccessKeyId })));
  return { userName, keys: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } };
}
