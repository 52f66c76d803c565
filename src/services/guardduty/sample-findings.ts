/**
 * CreateSampleFindings: one sample finding per requested type (every known type when none is
 * named), with GuardDuty's placeholder details ("GeneratedFinding…") and marked as a sample the
 * way AWS marks them — `"sample": true` in Service.AdditionalInfo. Samples are findings of the
 * caller's detector: listed, archived, suppressed by filters and exported like any other.
 */
import type { Finding } from '../../guardduty/finding.js';
import type { OperationHandler } from '../types.js';
import { KIND, newId, nowIso } from './common.js';
import { invalidFindingType } from './errors.js';
import { FINDING_TYPES, isKnownFindingType, resourceFamily } from './finding-types.js';
import { callerScope, requireDetector } from './lookup.js';
import { filtersOf } from './filters.js';
import { withSuppression } from './suppression.js';

const SAMPLE_IP = '198.51.100.0';

const accessKeyDetails = {
  AccessKeyId: 'GeneratedFindingAccessKeyId',
  PrincipalId: 'GeneratedFindingPrincipalId',
  UserName: 'GeneratedFindingUserName',
  UserType: 'IAMUser',
};

const remoteIpDetails = {
  City: { CityName: 'GeneratedFindingCityName' },
  Country: { CountryName: 'GeneratedFindingCountryName' },
  GeoLocation: { Lat: 0, Lon: 0 },
  IpAddressV4: SAMPLE_IP,
  Organization: { Asn: '-1', AsnOrg: 'GeneratedFindingASNOrg', Isp: 'GeneratedFindingISP', Org: 'GeneratedFindingORG' },
};

function resourceFor(family: string, account: string): Record<string, unknown> {
  switch (family) {
    case 'S3':
      return {
        ResourceType: 'S3Bucket',
        AccessKeyDetails: accessKeyDetails,
        S3BucketDetails: [{ Arn: 'arn:aws:s3:::bucketName', Name: 'bucketName', Type: 'Destination', Owner: { Id: 'CanonicalId of Owner' } }],
      };
    case 'EC2':
    case 'Runtime':
      return {
        ResourceType: 'Instance',
        InstanceDetails: { InstanceId: 'i-99999999', InstanceType: 'm3.xlarge', InstanceState: 'running', AvailabilityZone: 'GeneratedFindingInstaceAvailabilityZone', ImageId: 'ami-99999999' },
      };
    case 'Kubernetes':
      return { ResourceType: 'EKSCluster', EksClusterDetails: { Name: 'GeneratedFindingEKSClusterName', Arn: `arn:aws:eks:us-east-1:${account}:cluster/GeneratedFindingEKSClusterName` } };
    case 'Lambda':
      return { ResourceType: 'Lambda', LambdaDetails: { FunctionName: 'GeneratedFindingLambdaFunctionName' } };
    case 'RDS':
      return { ResourceType: 'RDSDBInstance', RdsDbInstanceDetails: { DbInstanceIdentifier: 'GeneratedFindingDBInstanceId' } };
    default:
      return { ResourceType: 'AccessKey', AccessKeyDetails: accessKeyDetails };
  }
}

function actionFor(family: string): Record<string, unknown> {
  if (family === 'EC2' || family === 'Runtime') {
    return {
      ActionType: 'NETWORK_CONNECTION',
      NetworkConnectionAction: { Blocked: false, ConnectionDirection: 'OUTBOUND', Protocol: 'TCP', LocalPortDetails: { Port: 39677 }, RemotePortDetails: { Port: 443 }, RemoteIpDetails: remoteIpDetails },
    };
  }
  return {
    ActionType: 'AWS_API_CALL',
    AwsApiCallAction: { Api: 'GeneratedFindingAPIName', CallerType: 'Remote IP', ServiceName: 'GeneratedFindingAPIServiceName', RemoteIpDetails: remoteIpDetails },
  };
}

export function sampleFinding(type: string, account: string, region: string, detectorId: string, now: string): Finding {
  const id = newId();
  const family = resourceFamily(type);
  return {
    AccountId: account,
    Arn: `arn:aws:guardduty:${region}:${account}:detector/${detectorId}/finding/${id}`,
    CreatedAt: now,
    Description: `This is a sample finding of type ${type}.`,
    Id: id,
    Partition: 'aws',
    Region: region,
    Resource: resourceFor(family, account),
    SchemaVersion: '2.0',
    Service: {
      Action: actionFor(family),
      AdditionalInfo: { Value: JSON.stringify({ sample: true }), Type: 'default' },
      Archived: false,
      Count: 1,
      DetectorId: detectorId,
      EventFirstSeen: now,
      EventLastSeen: now,
      ResourceRole: 'TARGET',
      ServiceName: 'guardduty',
    },
    Severity: FINDING_TYPES[type]!,
    Title: `Sample finding: ${type}.`,
    Type: type,
    UpdatedAt: now,
  };
}

export const createSampleFindings: OperationHandler = async (ctx, input) => {
  const detector = await requireDetector(ctx, input.DetectorId);
  const requested = Array.isArray(input.FindingTypes) && input.FindingTypes.length > 0 ? [...new Set(input.FindingTypes as string[])] : Object.keys(FINDING_TYPES);
  if (!requested.every(isKnownFindingType)) throw invalidFindingType();
  const scope = callerScope(ctx);
  const filters = await filtersOf(ctx.store, scope);
  const now = nowIso();
  const samples = requested.map((type) => withSuppression(sampleFinding(type, ctx.account, ctx.region, detector.DetectorId, now), filters));
  await ctx.store.transaction(async (tx) => {
    for (const finding of samples) await tx.put(scope, KIND.finding, finding.Id, finding);
  });
  return {};
};
