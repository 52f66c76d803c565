/**
 * GuardDuty findings in the AWS Security Finding Format (ASFF), as Security Hub receives them
 * from the `aws/guardduty` product: GuardDuty's severity becomes a label (low below 4, medium
 * below 7, high below 9, critical from 9) and Normalized follows the label as Security Hub
 * documents for a provider that sends only a label (LOW 1, MEDIUM 40, HIGH 70, CRITICAL 90);
 * the finding type keeps its name with `/` as `-`, under the ASFF namespace GuardDuty documents
 * for it (else one chosen by its threat purpose). Security Hub adds its own fields on import
 * (Region, ProductName, CompanyName, the `aws/securityhub/…` product fields).
 */
import type { Finding } from './finding.js';

/**
 * The ASFF namespace (and category) of the finding types GuardDuty's documentation lists with
 * their Security Hub names ("Interpreting GuardDuty finding names in AWS Security Hub"); types
 * it does not list take their purpose's (below).
 */
const DOCUMENTED_NAMESPACE: Record<string, string> = {
  'Backdoor:EC2/C&CActivity.B': 'TTPs/Command and Control',
  'Backdoor:EC2/C&CActivity.B!DNS': 'TTPs/Command and Control',
  'Backdoor:EC2/DenialOfService.Dns': 'TTPs/Command and Control',
  'Backdoor:EC2/DenialOfService.Tcp': 'TTPs/Command and Control',
  'Backdoor:EC2/DenialOfService.Udp': 'TTPs/Command and Control',
  'Backdoor:EC2/DenialOfService.UdpOnTcpPorts': 'TTPs/Command and Control',
  'Backdoor:EC2/DenialOfService.UnusualProtocol': 'TTPs/Command and Control',
  'Backdoor:EC2/Spambot': 'TTPs/Command and Control',
  'Behavior:EC2/NetworkPortUnusual': 'Unusual Behaviors/VM',
  'Behavior:EC2/TrafficVolumeUnusual': 'Unusual Behaviors/VM',
  'CryptoCurrency:EC2/BitcoinTool.B': 'TTPs/Command and Control',
  'CryptoCurrency:EC2/BitcoinTool.B!DNS': 'TTPs/Command and Control',
  'Discovery:S3/BucketEnumeration.Unusual': 'TTPs',
  'Discovery:S3/MaliciousIPCaller.Custom': 'TTPs',
  'Discovery:S3/TorIPCaller': 'TTPs',
  'Discovery:S3/MaliciousIPCaller': 'TTPs',
  'Exfiltration:S3/ObjectRead.Unusual': 'TTPs',
  'Exfiltration:S3/MaliciousIPCaller': 'TTPs',
  'Impact:EC2/PortSweep': 'TTPs/Impact',
  'Impact:EC2/WinRMBruteForce': 'TTPs/Impact',
  'Impact:S3/ObjectDelete.Unusual': 'TTPs',
  'Impact:S3/PermissionsModification.Unusual': 'TTPs',
  'Impact:S3/MaliciousIPCaller': 'TTPs',
  'PenTest:IAMUser/KaliLinux': 'TTPs',
  'PenTest:IAMUser/ParrotLinux': 'TTPs',
  'PenTest:IAMUser/PentooLinux': 'TTPs',
  'PenTest:S3/KaliLinux': 'TTPs',
  'PenTest:S3/ParrotLinux': 'TTPs',
  'PenTest:S3/PentooLinux': 'TTPs',
  'Persistence:IAMUser/NetworkPermissions': 'TTPs/Persistence',
  'Persistence:IAMUser/ResourcePermissions': 'TTPs/Persistence',
  'Persistence:IAMUser/UserPermissions': 'TTPs/Persistence',
  'Policy:IAMUser/RootCredentialUsage': 'TTPs',
  'Policy:S3/AccountBlockPublicAccessDisabled': 'TTPs',
  'Policy:S3/BucketAnonymousAccessGranted': 'TTPs',
  'Policy:S3/BucketBlockPublicAccessDisabled': 'Effects/Data Exposure',
  'Policy:S3/BucketPublicAccessGranted': 'TTPs',
  'PrivilegeEscalation:IAMUser/AdministrativePermissions': 'TTPs/Privilege Escalation',
  'Recon:EC2/PortProbeEMRUnprotectedPort': 'TTPs/Discovery',
  'Recon:EC2/PortProbeUnprotectedPort': 'TTPs/Discovery',
  'Recon:EC2/Portscan': 'TTPs/Discovery',
  'Recon:IAMUser/MaliciousIPCaller': 'TTPs/Discovery',
  'Recon:IAMUser/MaliciousIPCaller.Custom': 'TTPs/Discovery',
  'Recon:IAMUser/NetworkPermissions': 'TTPs/Discovery',
  'Recon:IAMUser/ResourcePermissions': 'TTPs/Discovery',
  'Recon:IAMUser/TorIPCaller': 'TTPs/Discovery',
  'Recon:IAMUser/UserPermissions': 'TTPs/Discovery',
  'ResourceConsumption:IAMUser/ComputeResources': 'Unusual Behaviors/User',
  'Stealth:IAMUser/CloudTrailLoggingDisabled': 'TTPs/Defense Evasion',
  'Stealth:IAMUser/LoggingConfigurationModified': 'TTPs/Defense Evasion',
  'Stealth:IAMUser/PasswordPolicyChange': 'TTPs/Defense Evasion',
  'Stealth:S3/ServerAccessLoggingDisabled': 'TTPs/Defense Evasion',
  'Trojan:EC2/BlackholeTraffic': 'TTPs/Command and Control',
  'Trojan:EC2/BlackholeTraffic!DNS': 'TTPs/Command and Control',
  'Trojan:EC2/DGADomainRequest.B': 'TTPs/Command and Control',
  'Trojan:EC2/DGADomainRequest.C!DNS': 'TTPs/Command and Control',
  'Trojan:EC2/DNSDataExfiltration': 'TTPs/Command and Control',
  'Trojan:EC2/DriveBySourceTraffic!DNS': 'TTPs/Initial Access',
  'Trojan:EC2/DropPoint': 'Effects/Data Exfiltration',
  'Trojan:EC2/DropPoint!DNS': 'Effects/Data Exfiltration',
  'Trojan:EC2/PhishingDomainRequest!DNS': 'TTPs/Command and Control',
  'UnauthorizedAccess:EC2/MaliciousIPCaller.Custom': 'TTPs/Command and Control',
  'UnauthorizedAccess:EC2/MetadataDNSRebind': 'TTPs',
  'UnauthorizedAccess:EC2/RDPBruteForce': 'TTPs/Initial Access',
  'UnauthorizedAccess:EC2/SSHBruteForce': 'TTPs/Initial Access',
  'UnauthorizedAccess:EC2/TorClient': 'Effects/Resource Consumption',
  'UnauthorizedAccess:EC2/TorRelay': 'Effects/Resource Consumption',
  'UnauthorizedAccess:IAMUser/ConsoleLogin': 'Unusual Behaviors/User',
  'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B': 'TTPs',
  'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration': 'Effects/Data Exfiltration',
  'UnauthorizedAccess:IAMUser/MaliciousIPCaller': 'TTPs',
  'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom': 'TTPs',
  'UnauthorizedAccess:IAMUser/TorIPCaller': 'TTPs/Command and Control',
  'UnauthorizedAccess:S3/MaliciousIPCaller.Custom': 'TTPs',
  'UnauthorizedAccess:S3/TorIPCaller': 'TTPs',
};

/** Bulwark's choice for types the documentation does not list: by threat purpose. */
const NAMESPACE_OF_PURPOSE: Record<string, string> = {
  AttackSequence: 'TTPs',
  Backdoor: 'TTPs/Command and Control',
  Behavior: 'Unusual Behaviors',
  CredentialAccess: 'TTPs/Credential Access',
  CryptoCurrency: 'TTPs/Command and Control',
  DefenseEvasion: 'TTPs/Defense Evasion',
  DefenseImpairment: 'TTPs/Defense Evasion',
  Discovery: 'TTPs/Discovery',
  Execution: 'TTPs/Execution',
  Exfiltration: 'Effects/Data Exfiltration',
  Impact: 'Effects',
  InitialAccess: 'TTPs/Initial Access',
  LateralMovement: 'TTPs/Lateral Movement',
  PenTest: 'TTPs',
  Persistence: 'TTPs/Persistence',
  Policy: 'TTPs',
  PrivilegeEscalation: 'TTPs/Privilege Escalation',
  Recon: 'TTPs/Discovery',
  ResourceConsumption: 'Unusual Behaviors/User',
  Stealth: 'TTPs/Defense Evasion',
  Trojan: 'TTPs/Command and Control',
  UnauthorizedAccess: 'TTPs',
};

export type SeverityLabel = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export function severityLabel(severity: number): SeverityLabel {
  return severity >= 9 ? 'CRITICAL' : severity >= 7 ? 'HIGH' : severity >= 4 ? 'MEDIUM' : 'LOW';
}

const NORMALIZED: Record<SeverityLabel, number> = { LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 };

/** The ASFF Types entry of a GuardDuty finding type. */
export function asffType(findingType: string): string {
  const namespace = DOCUMENTED_NAMESPACE[findingType] ?? NAMESPACE_OF_PURPOSE[findingType.split(':', 1)[0]!] ?? 'Unusual Behaviors';
  return `${namespace}/${findingType.replace(/\//g, '-')}`;
}

type Json = Record<string, unknown>;

function objectOf(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function resourcesOf(finding: Finding): Json[] {
  const resource = objectOf(finding.Resource);
  const key = objectOf(resource.AccessKeyDetails);
  const common = { Partition: finding.Partition ?? 'aws', Region: finding.Region };
  const resources: Json[] = [];
  for (const bucket of Array.isArray(resource.S3BucketDetails) ? resource.S3BucketDetails : []) {
    const details = objectOf(bucket);
    resources.push(Object.assign({ Type: 'AwsS3Bucket', Id: String(details.Arn) }, common));
  }
  if (key.AccessKeyId !== undefined) {
    resources.push(
      Object.assign({ Type: 'AwsIamAccessKey', Id: `AWS::IAM::AccessKey:${String(key.AccessKeyId)}` }, common, {
        Details: { AwsIamAccessKey: { PrincipalId: key.PrincipalId, PrincipalName: key.UserName, PrincipalType: key.UserType } },
      }),
    );
  }
  return resources;
}

function actionOf(finding: Finding): Json | undefined {
  const action = objectOf(finding.Service.Action);
  const call = objectOf(action.AwsApiCallAction);
  if (call.Api === undefined) return undefined;
  const ip = objectOf(call.RemoteIpDetails);
  const awsApiCallAction: Json = {
    Api: call.Api,
    ServiceName: call.ServiceName,
    CallerType: call.CallerType,
    FirstSeen: finding.Service.EventFirstSeen,
    LastSeen: finding.Service.EventLastSeen,
  };
  if (ip.IpAddressV4 !== undefined || ip.IpAddressV6 !== undefined) awsApiCallAction.RemoteIpDetails = { IpAddressV4: ip.IpAddressV4 ?? ip.IpAddressV6 };
  if (call.DomainDetails !== undefined) awsApiCallAction.DomainDetails = call.DomainDetails;
  return { ActionType: 'AWS_API_CALL', AwsApiCallAction: awsApiCallAction };
}

/** The finding as Security Hub's `aws/guardduty` integration imports it. */
export function asffFromFinding(finding: Finding): Json {
  const label = severityLabel(finding.Severity);
  const types = [asffType(finding.Type)];
  const service = finding.Service;
  const partition = String(finding.Partition ?? 'aws');
  const asff: Json = {
    SchemaVersion: '2018-10-08',
    Id: finding.Arn,
    ProductArn: `arn:${partition}:securityhub:${finding.Region}::product/aws/guardduty`,
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    Region: finding.Region,
    GeneratorId: `arn:${partition}:guardduty:${finding.Region}:${finding.AccountId}:detector/${service.DetectorId}`,
    AwsAccountId: finding.AccountId,
    Types: types,
    FirstObservedAt: service.EventFirstSeen,
    LastObservedAt: service.EventLastSeen,
    CreatedAt: finding.CreatedAt,
    UpdatedAt: finding.UpdatedAt,
    Severity: { Product: finding.Severity, Label: label, Normalized: NORMALIZED[label], Original: String(finding.Severity) },
    Title: finding.Title,
    Description: finding.Description,
    ProductFields: {
      'aws/guardduty/service/archived': String(service.Archived),
      'aws/guardduty/service/count': String(service.Count),
      'aws/guardduty/service/detectorId': service.DetectorId,
      'aws/guardduty/service/eventFirstSeen': service.EventFirstSeen,
      'aws/guardduty/service/eventLastSeen': service.EventLastSeen,
      'aws/guardduty/service/serviceName': 'guardduty',
      'aws/guardduty/service/resourceRole': String(service.ResourceRole ?? 'TARGET'),
    },
    Resources: resourcesOf(finding),
    WorkflowState: 'NEW',
    Workflow: { Status: 'NEW' },
    RecordState: service.Archived ? 'ARCHIVED' : 'ACTIVE',
    FindingProviderFields: { Severity: { Label: label, Original: String(finding.Severity) }, Types: types },
    Sample: objectOf(service.AdditionalInfo).Value === undefined ? false : String(objectOf(service.AdditionalInfo).Value).includes('"sample":true'),
  };
  const action = actionOf(finding);
  if (action) asff.Action = action;
  return asff;
}
