/**
 * GuardDuty findings in the AWS Security Finding Format (ASFF), as Security Hub receives them
 * from the `aws/guardduty` product: GuardDuty's severity becomes a label (low below 4, medium
 * below 7, high below 9, critical from 9) and Normalized follows the label as Security Hub
 * documents for a provider that sends only a label (LOW 1, MEDIUM 40, HIGH 70, CRITICAL 90);
 * the finding type keeps its name with `/` as `-`, under an ASFF type namespace chosen by its
 * threat purpose (the table below).
 */
import type { Finding } from './finding.js';

const NAMESPACE_OF_PURPOSE: Record<string, string> = {
  AttackSequence: 'TTPs',
  Backdoor: 'TTPs/Command and Control',
  Behavior: 'Unusual Behaviors',
  CredentialAccess: 'TTPs/Credential Access',
  Cryptocurrency: 'Effects/Resource Consumption',
  DefenseEvasion: 'TTPs/Defense Evasion',
  Discovery: 'TTPs/Discovery',
  Execution: 'TTPs/Execution',
  Exfiltration: 'Effects/Data Exfiltration',
  Impact: 'Effects',
  InitialAccess: 'TTPs/Initial Access',
  PenTest: 'TTPs/Discovery',
  Persistence: 'TTPs/Persistence',
  Policy: 'Software and Configuration Checks/Policy',
  PrivilegeEscalation: 'TTPs/Privilege Escalation',
  Recon: 'TTPs/Discovery',
  Stealth: 'TTPs/Defense Evasion',
  Trojan: 'TTPs/Execution',
  UnauthorizedAccess: 'TTPs/Initial Access',
};

export type SeverityLabel = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export function severityLabel(severity: number): SeverityLabel {
  return severity >= 9 ? 'CRITICAL' : severity >= 7 ? 'HIGH' : severity >= 4 ? 'MEDIUM' : 'LOW';
}

const NORMALIZED: Record<SeverityLabel, number> = { LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 };

/** The ASFF Types entry of a GuardDuty finding type. */
export function asffType(findingType: string): string {
  const purpose = findingType.split(':', 1)[0];
  return `${NAMESPACE_OF_PURPOSE[purpose] ?? 'Unusual Behaviors'}/${findingType.replace(/\//g, '-')}`;
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
