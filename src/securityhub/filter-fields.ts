/**
 * The finding attributes of AwsSecurityFindingFilters (also the names SortCriteria and an
 * insight's GroupByAttribute use): each filter name, its kind and where its values sit in an
 * ASFF finding, as a path — `Resources[].Details.AwsEc2Instance.Type` reads the Type of every
 * resource's EC2 details (`[]` walks a list). A finding has zero, one or several values per
 * attribute.
 */
export type FieldKind = 'string' | 'number' | 'date' | 'map' | 'ip' | 'boolean' | 'keyword';

export interface FilterField {
  kind: FieldKind;
  /** Paths of the values (several for Keyword). */
  paths: readonly string[];
}

const EC2 = 'Resources[].Details.AwsEc2Instance';
const ACCESS_KEY = 'Resources[].Details.AwsIamAccessKey';
const CONTAINER = 'Resources[].Details.Container';
const PROVIDER = 'FindingProviderFields';

const TABLE: Record<string, [FieldKind, ...string[]]> = {
  ProductArn: ['string', 'ProductArn'],
  AwsAccountId: ['string', 'AwsAccountId'],
  AwsAccountName: ['string', 'AwsAccountName'],
  Id: ['string', 'Id'],
  GeneratorId: ['string', 'GeneratorId'],
  Region: ['string', 'Region'],
  Type: ['string', 'Types[]'],
  FirstObservedAt: ['date', 'FirstObservedAt'],
  LastObservedAt: ['date', 'LastObservedAt'],
  CreatedAt: ['date', 'CreatedAt'],
  UpdatedAt: ['date', 'UpdatedAt'],
  SeverityProduct: ['number', 'Severity.Product'],
  SeverityNormalized: ['number', 'Severity.Normalized'],
  SeverityLabel: ['string', 'Severity.Label'],
  Confidence: ['number', 'Confidence'],
  Criticality: ['number', 'Criticality'],
  Title: ['string', 'Title'],
  Description: ['string', 'Description'],
  RecommendationText: ['string', 'Remediation.Recommendation.Text'],
  SourceUrl: ['string', 'SourceUrl'],
  ProductFields: ['map', 'ProductFields'],
  ProductName: ['string', 'ProductName'],
  CompanyName: ['string', 'CompanyName'],
  UserDefinedFields: ['map', 'UserDefinedFields'],
  MalwareName: ['string', 'Malware[].Name'],
  MalwareType: ['string', 'Malware[].Type'],
  MalwarePath: ['string', 'Malware[].Path'],
  MalwareState: ['string', 'Malware[].State'],
  NetworkDirection: ['string', 'Network.Direction'],
  NetworkProtocol: ['string', 'Network.Protocol'],
  NetworkSourceIpV4: ['ip', 'Network.SourceIpV4'],
  NetworkSourceIpV6: ['ip', 'Network.SourceIpV6'],
  NetworkSourcePort: ['number', 'Network.SourcePort'],
  NetworkSourceDomain: ['string', 'Network.SourceDomain'],
  NetworkSourceMac: ['string', 'Network.SourceMac'],
  NetworkDestinationIpV4: ['ip', 'Network.DestinationIpV4'],
  NetworkDestinationIpV6: ['ip', 'Network.DestinationIpV6'],
  NetworkDestinationPort: ['number', 'Network.DestinationPort'],
  NetworkDestinationDomain: ['string', 'Network.DestinationDomain'],
  ProcessName: ['string', 'Process.Name'],
  ProcessPath: ['string', 'Process.Path'],
  ProcessPid: ['number', 'Process.Pid'],
  ProcessParentPid: ['number', 'Process.ParentPid'],
  ProcessLaunchedAt: ['date', 'Process.LaunchedAt'],
  ProcessTerminatedAt: ['date', 'Process.TerminatedAt'],
  ThreatIntelIndicatorType: ['string', 'ThreatIntelIndicators[].Type'],
  ThreatIntelIndicatorValue: ['string', 'ThreatIntelIndicators[].Value'],
  ThreatIntelIndicatorCategory: ['string', 'ThreatIntelIndicators[].Category'],
  ThreatIntelIndicatorLastObservedAt: ['date', 'ThreatIntelIndicators[].LastObservedAt'],
  ThreatIntelIndicatorSource: ['string', 'ThreatIntelIndicators[].Source'],
  ThreatIntelIndicatorSourceUrl: ['string', 'ThreatIntelIndicators[].SourceUrl'],
  ResourceType: ['string', 'Resources[].Type'],
  ResourceId: ['string', 'Resources[].Id'],
  ResourcePartition: ['string', 'Resources[].Partition'],
  ResourceRegion: ['string', 'Resources[].Region'],
  ResourceTags: ['map', 'Resources[].Tags'],
  ResourceAwsEc2InstanceType: ['string', `${EC2}.Type`],
  ResourceAwsEc2InstanceImageId: ['string', `${EC2}.ImageId`],
  ResourceAwsEc2InstanceIpV4Addresses: ['ip', `${EC2}.IpV4Addresses[]`],
  ResourceAwsEc2InstanceIpV6Addresses: ['ip', `${EC2}.IpV6Addresses[]`],
  ResourceAwsEc2InstanceKeyName: ['string', `${EC2}.KeyName`],
  ResourceAwsEc2InstanceIamInstanceProfileArn: ['string', `${EC2}.IamInstanceProfileArn`],
  ResourceAwsEc2InstanceVpcId: ['string', `${EC2}.VpcId`],
  ResourceAwsEc2InstanceSubnetId: ['string', `${EC2}.SubnetId`],
  ResourceAwsEc2InstanceLaunchedAt: ['date', `${EC2}.LaunchedAt`],
  ResourceAwsS3BucketOwnerId: ['string', 'Resources[].Details.AwsS3Bucket.OwnerId'],
  ResourceAwsS3BucketOwnerName: ['string', 'Resources[].Details.AwsS3Bucket.OwnerName'],
  ResourceAwsIamAccessKeyUserName: ['string', `${ACCESS_KEY}.UserName`],
  ResourceAwsIamAccessKeyPrincipalName: ['string', `${ACCESS_KEY}.PrincipalName`],
  ResourceAwsIamAccessKeyStatus: ['string', `${ACCESS_KEY}.Status`],
  ResourceAwsIamAccessKeyCreatedAt: ['date', `${ACCESS_KEY}.CreatedAt`],
  ResourceAwsIamUserUserName: ['string', 'Resources[].Details.AwsIamUser.UserName'],
  ResourceContainerName: ['string', `${CONTAINER}.Name`],
  ResourceContainerImageId: ['string', `${CONTAINER}.ImageId`],
  ResourceContainerImageName: ['string', `${CONTAINER}.ImageName`],
  ResourceContainerLaunchedAt: ['date', `${CONTAINER}.LaunchedAt`],
  ResourceDetailsOther: ['map', 'Resources[].Details.Other'],
  ResourceApplicationName: ['string', 'Resources[].ApplicationName'],
  ResourceApplicationArn: ['string', 'Resources[].ApplicationArn'],
  ComplianceStatus: ['string', 'Compliance.Status'],
  ComplianceSecurityControlId: ['string', 'Compliance.SecurityControlId'],
  ComplianceAssociatedStandardsId: ['string', 'Compliance.AssociatedStandards[].StandardsId'],
  ComplianceSecurityControlParametersName: ['string', 'Compliance.SecurityControlParameters[].Name'],
  ComplianceSecurityControlParametersValue: ['string', 'Compliance.SecurityControlParameters[].Value[]'],
  VerificationState: ['string', 'VerificationState'],
  WorkflowState: ['string', 'WorkflowState'],
  WorkflowStatus: ['string', 'Workflow.Status'],
  RecordState: ['string', 'RecordState'],
  RelatedFindingsProductArn: ['string', 'RelatedFindings[].ProductArn'],
  RelatedFindingsId: ['string', 'RelatedFindings[].Id'],
  NoteText: ['string', 'Note.Text'],
  NoteUpdatedAt: ['date', 'Note.UpdatedAt'],
  NoteUpdatedBy: ['string', 'Note.UpdatedBy'],
  Keyword: ['keyword', 'Title', 'Description'],
  FindingProviderFieldsConfidence: ['number', `${PROVIDER}.Confidence`],
  FindingProviderFieldsCriticality: ['number', `${PROVIDER}.Criticality`],
  FindingProviderFieldsRelatedFindingsId: ['string', `${PROVIDER}.RelatedFindings[].Id`],
  FindingProviderFieldsRelatedFindingsProductArn: ['string', `${PROVIDER}.RelatedFindings[].ProductArn`],
  FindingProviderFieldsSeverityLabel: ['string', `${PROVIDER}.Severity.Label`],
  FindingProviderFieldsSeverityOriginal: ['string', `${PROVIDER}.Severity.Original`],
  FindingProviderFieldsTypes: ['string', `${PROVIDER}.Types[]`],
  Sample: ['boolean', 'Sample'],
  VulnerabilitiesExploitAvailable: ['string', 'Vulnerabilities[].ExploitAvailable'],
  VulnerabilitiesFixAvailable: ['string', 'Vulnerabilities[].FixAvailable'],
};

const FIELDS = new Map<string, FilterField>(Object.entries(TABLE).map(([name, [kind, ...paths]]) => [name, { kind, paths }]));

/** The attribute a filter, sort criterion or insight grouping names; undefined for an unknown name. */
export function filterField(name: string): FilterField | undefined {
  return FIELDS.get(name);
}
