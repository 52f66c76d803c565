/** A valid ASFF finding of account 111111111111's default product, for tests. */
export const SAMPLE_FINDING = {
  SchemaVersion: '2018-10-08',
  Id: 'finding-1',
  ProductArn: 'arn:aws:securityhub:us-east-1:111111111111:product/111111111111/default',
  GeneratorId: 'scanner',
  AwsAccountId: '111111111111',
  Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
  CreatedAt: '2024-01-01T00:00:00.000Z',
  UpdatedAt: '2024-01-01T00:00:00.000Z',
  Severity: { Label: 'HIGH' },
  Title: 'A title',
  Description: 'A description',
  Resources: [{ Type: 'Other', Id: 'resource-1' }],
};
