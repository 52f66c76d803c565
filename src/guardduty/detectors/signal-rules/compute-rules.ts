/**
 * EC2 and Systems Manager: instance secrets read, boot scripts changed, SSH opened to the
 * internet or pushed onto instances, images and snapshots shared out, unusual instance types
 * launched, commands and sessions run on instances.
 */
import { SEVERITY } from '../../detection.js';
import { recipientAccount, type TrailEvent } from '../../trail-event.js';
import { fieldsOf, itemsOf, member, requestParameters, textOf, textsOf, type Fields } from '../support/record-fields.js';
import type { SignalMatch, SignalRule } from './signal-rule.js';

const EC2 = 'ec2.amazonaws.com';
const SSM = 'ssm.amazonaws.com';
const UNSECURED_CREDENTIALS = 'CredentialAccess:EC2/UnsecuredCredentials';
const TRANSFER_TO_CLOUD_ACCOUNT = 'Exfiltration:EC2/TransferDataToCloudAccount';
const SSM_COMMAND = 'Execution:SSM/CloudAdministrationCommand';
const SSH_PORT = 22;

/** Families of accelerated (GPU, FPGA, ML) and very large memory instances, the ones abused for mining. */
const UNUSUAL_FAMILY = /^(?:p\d|g\d|gr\d|inf\d|trn\d|dl\d|f\d|vt\d|x\d|u\d*-)/;

function userDataRead(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  return member(parameters, 'Attribute') === 'userData' ? { details: { instanceId: member(parameters, 'InstanceId') } } : undefined;
}

function userDataChanged(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  const changed = member(parameters, 'UserData') !== undefined || member(parameters, 'Attribute') === 'userData';
  return changed ? { details: { instanceId: member(parameters, 'InstanceId') } } : undefined;
}

function coversSsh(permission: Fields): boolean {
  const protocol = textOf(member(permission, 'IpProtocol'));
  if (protocol === '-1' || protocol === 'all') return true;
  if (protocol !== 'tcp' && protocol !== '6') return false;
  const from = Number(member(permission, 'FromPort'));
  const to = Number(member(permission, 'ToPort'));
  return from <= SSH_PORT && SSH_PORT <= to;
}

function rangesOf(permission: Fields): string[] {
  const out: string[] = [];
  for (const range of itemsOf(member(permission, 'IpRanges'))) out.push(textOf(member(fieldsOf(range), 'CidrIp')));
  for (const range of itemsOf(member(permission, 'Ipv6Ranges'))) out.push(textOf(member(fieldsOf(range), 'CidrIpv6')));
  const single = textOf(member(permission, 'CidrIp'));
  if (single) out.push(single);
  return out;
}

/** AuthorizeSecurityGroupIngress admitting any address (a `/0` range) to port 22. */
function sshOpenToInternet(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  const permissions = itemsOf(member(parameters, 'IpPermissions')).map(fieldsOf);
  permissions.push(parameters);
  for (const permission of permissions) {
    if (!coversSsh(permission)) continue;
    const open = rangesOf(permission).find((cidr) => cidr.endsWith('/0'));
    if (open) return { details: { groupId: member(parameters, 'GroupId'), cidr: open } };
  }
  return undefined;
}

/** The grantees an image or snapshot permission change adds: account ids and groups ('all' is public). */
function addedGrantees(parameters: Fields, permissionMember: string): { accounts: string[]; groups: string[] } {
  const accounts: string[] = [];
  const groups: string[] = [];
  const added = itemsOf(member(fieldsOf(member(parameters, permissionMember)), 'Add'));
  for (const grant of added) {
    const fields = fieldsOf(grant);
    const account = textOf(member(fields, 'UserId'));
    if (account) accounts.push(account);
    const group = textOf(member(fields, 'Group'));
    if (group) groups.push(group);
  }
  if (member(parameters, 'OperationType') === 'add') {
    accounts.push(...textsOf(member(parameters, 'UserIds')), ...itemsOf(member(parameters, 'UserId')).map((u) => textOf(member(fieldsOf(u), 'UserId'))));
    groups.push(...textsOf(member(parameters, 'UserGroups')), ...textsOf(member(parameters, 'GroupNames')));
  }
  return { accounts: accounts.filter(Boolean), groups };
}

function sharedOutside(event: TrailEvent, permissionMember: string, idMember: string): SignalMatch | undefined {
  const parameters = requestParameters(event);
  const { accounts, groups } = addedGrantees(parameters, permissionMember);
  const owner = recipientAccount(event);
  const external = accounts.filter((a) => a !== owner);
  const isPublic = groups.includes('all');
  if (!isPublic && external.length === 0) return undefined;
  return { hostile: isPublic, details: { resourceId: member(parameters, idMember), public: isPublic, externalAccounts: external } };
}

function unusualInstanceType(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  const instanceType = textOf(member(parameters, 'InstanceType'));
  if (!UNUSUAL_FAMILY.test(instanceType)) return undefined;
  const launch = fieldsOf(itemsOf(member(parameters, 'InstancesSet'))[0]);
  return { details: { instanceType, maxCount: member(launch, 'MaxCount') ?? member(parameters, 'MaxCount') } };
}

export const COMPUTE_RULES: readonly SignalRule[] = [
  {
    signal: 'EC2PasswordDataRetrieved',
    definedBy: 'GuardDuty',
    type: UNSECURED_CREDENTIALS,
    source: EC2,
    eventNames: ['GetPasswordData'],
    severity: SEVERITY.MEDIUM,
    attempts: SEVERITY.LOW,
    title: "A Windows instance's administrator password data was retrieved.",
    description: 'GetPasswordData returns the encrypted administrator password of a Windows instance; with the key pair it opens the instance.',
  },
  {
    signal: 'EC2UserDataRetrieved',
    definedBy: 'Bulwark',
    type: UNSECURED_CREDENTIALS,
    source: EC2,
    eventNames: ['DescribeInstanceAttribute'],
    severity: SEVERITY.LOW,
    attempts: SEVERITY.LOW,
    title: "An instance's user data was read.",
    description: 'User data often holds bootstrap secrets (passwords, tokens, keys); reading it is a common way to find credentials.',
    match: userDataRead,
  },
  {
    signal: 'EC2UserDataModified',
    definedBy: 'GuardDuty',
    type: 'Persistence:EC2/BootOrLogonInitializationScripts',
    source: EC2,
    eventNames: ['ModifyInstanceAttribute'],
    severity: SEVERITY.HIGH,
    routineSeverity: SEVERITY.MEDIUM,
    title: "An instance's user data was changed.",
    description: 'User data runs as root when the instance starts; changing it runs new code at the next boot.',
    match: userDataChanged,
  },
  {
    signal: 'EC2SecurityGroupPublicSSH',
    definedBy: 'GuardDuty',
    type: 'Persistence:EC2/ExternalRemoteServices',
    source: EC2,
    eventNames: ['AuthorizeSecurityGroupIngress'],
    severity: SEVERITY.MEDIUM,
    title: 'A security group opened SSH (port 22) to the internet.',
    description: 'An ingress rule now admits any address to port 22.',
    match: sshOpenToInternet,
  },
  {
    signal: 'AMIExternalAccess',
    definedBy: 'GuardDuty',
    type: TRANSFER_TO_CLOUD_ACCOUNT,
    source: EC2,
    eventNames: ['ModifyImageAttribute'],
    severity: SEVERITY.HIGH,
    routineSeverity: SEVERITY.MEDIUM,
    title: 'An AMI was shared outside the account.',
    description: 'Launch permission for the image was given to another account or made public; its disks can be copied from there.',
    match: (event) => sharedOutside(event, 'LaunchPermission', 'ImageId'),
  },
  {
    signal: 'EBSSnapshotExternalAccess',
    definedBy: 'GuardDuty',
    type: TRANSFER_TO_CLOUD_ACCOUNT,
    source: EC2,
    eventNames: ['ModifySnapshotAttribute'],
    severity: SEVERITY.HIGH,
    routineSeverity: SEVERITY.MEDIUM,
    title: 'An EBS snapshot was shared outside the account.',
    description: 'Create-volume permission for the snapshot was given to another account or made public; its data can be read from there.',
    match: (event) => sharedOutside(event, 'CreateVolumePermission', 'SnapshotId'),
  },
  {
    signal: 'UnusualInstanceTypeLaunched',
    definedBy: 'Bulwark',
    type: 'Impact:EC2/ResourceHijacking',
    source: EC2,
    eventNames: ['RunInstances'],
    severity: SEVERITY.LOW,
    attempts: SEVERITY.LOW,
    title: 'Accelerated or very large instances were launched.',
    description: 'GPU, FPGA, machine-learning and very large memory instances are what stolen credentials are most often used to launch, for mining or model training.',
    match: unusualInstanceType,
  },
  {
    signal: 'EC2InstanceSSHKeyPushed',
    definedBy: 'GuardDuty',
    type: 'LateralMovement:EC2/RemoteServices',
    source: 'ec2-instance-connect.amazonaws.com',
    eventNames: ['SendSSHPublicKey', 'SendSerialConsoleSSHPublicKey'],
    severity: SEVERITY.MEDIUM,
    title: 'An SSH public key was pushed onto an instance.',
    description: 'EC2 Instance Connect or the serial console accepted a key that lets its holder log in to the instance for the next minute.',
  },
  {
    signal: 'SSMCommandSent',
    definedBy: 'Bulwark',
    type: SSM_COMMAND,
    source: SSM,
    eventNames: ['SendCommand'],
    severity: SEVERITY.LOW,
    title: 'A command was sent to instances through Systems Manager.',
    description: 'Run Command executes the document on the instances as root; attackers use it to run code or read instance credentials.',
  },
  {
    signal: 'SSMSessionStarted',
    definedBy: 'Bulwark',
    type: SSM_COMMAND,
    source: SSM,
    eventNames: ['StartSession'],
    severity: SEVERITY.LOW,
    title: 'An interactive Session Manager session was started on an instance.',
    description: 'Session Manager gives a shell on the instance without SSH or an open port.',
  },
];
