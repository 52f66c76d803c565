/**
 * The finding types CreateSampleFindings knows, with each type's default severity (GuardDuty's
 * finding type reference: Low 2, Medium 5, High 8, Critical 9) — the CloudTrail-based IAM and
 * S3 types Bulwark's detectors report, the EC2 network types, and a few of the other
 * protection plans' types. The resource a sample is about follows from the type.
 */
import { SEVERITY } from '../../guardduty/detection.js';

const { LOW, MEDIUM, HIGH, CRITICAL } = SEVERITY;

export const FINDING_TYPES: Readonly<Record<string, number>> = {
  // IAM (CloudTrail management events)
  'AttackSequence:IAM/CompromisedCredentials': CRITICAL,
  'CredentialAccess:IAMUser/AnomalousBehavior': MEDIUM,
  'DefenseEvasion:IAMUser/AnomalousBehavior': MEDIUM,
  'Discovery:IAMUser/AnomalousBehavior': LOW,
  'Exfiltration:IAMUser/AnomalousBehavior': HIGH,
  'Impact:IAMUser/AnomalousBehavior': HIGH,
  'InitialAccess:IAMUser/AnomalousBehavior': MEDIUM,
  'PenTest:IAMUser/KaliLinux': MEDIUM,
  'PenTest:IAMUser/ParrotLinux': MEDIUM,
  'PenTest:IAMUser/PentooLinux': MEDIUM,
  'Persistence:IAMUser/AnomalousBehavior': MEDIUM,
  'Policy:IAMUser/RootCredentialUsage': LOW,
  'Policy:IAMUser/ShortTermRootCredentialUsage': LOW,
  'PrivilegeEscalation:IAMUser/AnomalousBehavior': MEDIUM,
  'Recon:IAMUser/MaliciousIPCaller': MEDIUM,
  'Recon:IAMUser/MaliciousIPCaller.Custom': MEDIUM,
  'Recon:IAMUser/TorIPCaller': MEDIUM,
  'Stealth:IAMUser/CloudTrailLoggingDisabled': LOW,
  'Stealth:IAMUser/PasswordPolicyChange': LOW,
  'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B': MEDIUM,
  'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS': HIGH,
  'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS': HIGH,
  'UnauthorizedAccess:IAMUser/MaliciousIPCaller': MEDIUM,
  'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom': MEDIUM,
  'UnauthorizedAccess:IAMUser/TorIPCaller': MEDIUM,
  // S3 (CloudTrail management and S3 data events)
  'AttackSequence:S3/CompromisedData': CRITICAL,
  'Discovery:S3/AnomalousBehavior': LOW,
  'Discovery:S3/MaliciousIPCaller': HIGH,
  'Discovery:S3/MaliciousIPCaller.Custom': HIGH,
  'Discovery:S3/TorIPCaller': MEDIUM,
  'Exfiltration:S3/AnomalousBehavior': HIGH,
  'Exfiltration:S3/MaliciousIPCaller': HIGH,
  'Impact:S3/AnomalousBehavior.Delete': HIGH,
  'Impact:S3/AnomalousBehavior.Permission': HIGH,
  'Impact:S3/AnomalousBehavior.Write': MEDIUM,
  'Impact:S3/MaliciousIPCaller': HIGH,
  'PenTest:S3/KaliLinux': MEDIUM,
  'PenTest:S3/ParrotLinux': MEDIUM,
  'PenTest:S3/PentooLinux': MEDIUM,
  'Policy:S3/AccountBlockPublicAccessDisabled': LOW,
  'Policy:S3/BucketAnonymousAccessGranted': HIGH,
  'Policy:S3/BucketBlockPublicAccessDisabled': LOW,
  'Policy:S3/BucketPublicAccessGranted': HIGH,
  'Stealth:S3/ServerAccessLoggingDisabled': LOW,
  'UnauthorizedAccess:S3/MaliciousIPCaller.Custom': HIGH,
  'UnauthorizedAccess:S3/TorIPCaller': HIGH,
  // EC2 (VPC flow logs and DNS logs)
  'Backdoor:EC2/C&CActivity.B': HIGH,
  'Backdoor:EC2/C&CActivity.B!DNS': HIGH,
  'Backdoor:EC2/DenialOfService.Dns': HIGH,
  'Backdoor:EC2/DenialOfService.Tcp': HIGH,
  'Backdoor:EC2/DenialOfService.Udp': HIGH,
  'Backdoor:EC2/DenialOfService.UdpOnTcpPorts': HIGH,
  'Backdoor:EC2/DenialOfService.UnusualProtocol': HIGH,
  'Backdoor:EC2/Spambot': MEDIUM,
  'Behavior:EC2/NetworkPortUnusual': MEDIUM,
  'Behavior:EC2/TrafficVolumeUnusual': MEDIUM,
  'CryptoCurrency:EC2/BitcoinTool.B': HIGH,
  'CryptoCurrency:EC2/BitcoinTool.B!DNS': HIGH,
  'Impact:EC2/PortSweep': HIGH,
  'Impact:EC2/WinRMBruteForce': LOW,
  'Recon:EC2/PortProbeEMRUnprotectedPort': HIGH,
  'Recon:EC2/PortProbeUnprotectedPort': LOW,
  'Recon:EC2/Portscan': MEDIUM,
  'Trojan:EC2/BlackholeTraffic': MEDIUM,
  'Trojan:EC2/DNSDataExfiltration': HIGH,
  'Trojan:EC2/DropPoint': MEDIUM,
  'UnauthorizedAccess:EC2/MaliciousIPCaller.Custom': MEDIUM,
  'UnauthorizedAccess:EC2/MetadataDNSRebind': HIGH,
  'UnauthorizedAccess:EC2/RDPBruteForce': LOW,
  'UnauthorizedAccess:EC2/SSHBruteForce': LOW,
  'UnauthorizedAccess:EC2/TorClient': HIGH,
  'UnauthorizedAccess:EC2/TorRelay': HIGH,
  // Other protection plans
  'Discovery:Kubernetes/SuccessfulAnonymousAccess': MEDIUM,
  'Policy:Kubernetes/AdminAccessToDefaultServiceAccount': HIGH,
  'Backdoor:Lambda/C&CActivity.B': HIGH,
  'CredentialAccess:RDS/MaliciousIPCaller.SuccessfulLogin': HIGH,
  'CryptoCurrency:Runtime/BitcoinTool.B': HIGH,
};

export const isKnownFindingType = (type: string): boolean => Object.hasOwn(FINDING_TYPES, type);

/** The resource family of a type (`…:IAMUser/…` → IAMUser, `…:S3/…` → S3). */
export const resourceFamily = (type: string): string => /:([A-Za-z0-9]+)\//.exec(type)?.[1] ?? '';
