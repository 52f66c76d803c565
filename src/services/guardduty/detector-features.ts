/**
 * A detector's protection plans: the Features list (the API's current form) and the older
 * DataSources view of the same states. CloudTrail, DNS logs and VPC flow logs are GuardDuty's
 * foundational sources, always enabled; the others may be switched. A new detector enables the
 * protection plans GuardDuty enables for a new account and leaves Runtime Monitoring off
 * (assumed: AWS does not document the API's defaults).
 */
import type { FeatureState } from './common.js';
import { bothDataSourcesAndFeatures } from './errors.js';

type Status = 'ENABLED' | 'DISABLED';

const FOUNDATIONAL = ['CLOUD_TRAIL', 'DNS_LOGS', 'FLOW_LOGS'];
const DEFAULTS: Array<[string, Status, string[]?]> = [
  ['S3_DATA_EVENTS', 'ENABLED'],
  ['EKS_AUDIT_LOGS', 'ENABLED'],
  ['EBS_MALWARE_PROTECTION', 'ENABLED'],
  ['RDS_LOGIN_EVENTS', 'ENABLED'],
  ['EKS_RUNTIME_MONITORING', 'DISABLED', ['EKS_ADDON_MANAGEMENT']],
  ['LAMBDA_NETWORK_LOGS', 'ENABLED'],
  ['RUNTIME_MONITORING', 'DISABLED', ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT']],
];

export function defaultFeatures(now: string): FeatureState[] {
  return [
    ...FOUNDATIONAL.map((Name): FeatureState => ({ Name, Status: 'ENABLED', UpdatedAt: now })),
    ...DEFAULTS.map(([Name, Status, additional]): FeatureState => ({
      Name,
      Status,
      UpdatedAt: now,
      ...(additional && { AdditionalConfiguration: additional.map((n) => ({ Name: n, Status: 'DISABLED' as Status, UpdatedAt: now })) }),
    })),
  ];
}

const statusOf = (enable: unknown): Status | undefined => (enable === true ? 'ENABLED' : enable === false ? 'DISABLED' : undefined);

/** The features after a Create/UpdateDetector's DataSources or Features (never both). */
export function applyFeatureInput(current: FeatureState[], input: Record<string, unknown>, now: string): FeatureState[] {
  if (input.DataSources !== undefined && input.Features !== undefined) throw bothDataSourcesAndFeatures();
  const features = current.map((f) => ({ ...f, AdditionalConfiguration: f.AdditionalConfiguration?.map((a) => ({ ...a })) }));
  const set = (name: string, status: Status | undefined, additional?: unknown) => {
    const feature = features.find((f) => f.Name === name);
    if (!feature) return;
    if (status !== undefined && status !== feature.Status) Object.assign(feature, { Status: status, UpdatedAt: now });
    for (const item of Array.isArray(additional) ? (additional as Array<{ Name?: unknown; Status?: unknown }>) : []) {
      const config = feature.AdditionalConfiguration?.find((a) => a.Name === item.Name);
      if (config && (item.Status === 'ENABLED' || item.Status === 'DISABLED') && item.Status !== config.Status) Object.assign(config, { Status: item.Status, UpdatedAt: now });
    }
  };
  const sources = input.DataSources as Record<string, any> | undefined;
  if (sources) {
    set('S3_DATA_EVENTS', statusOf(sources.S3Logs?.Enable));
    set('EKS_AUDIT_LOGS', statusOf(sources.Kubernetes?.AuditLogs?.Enable));
    set('EBS_MALWARE_PROTECTION', statusOf(sources.MalwareProtection?.ScanEc2InstanceWithFindings?.EbsVolumes));
  }
  for (const item of Array.isArray(input.Features) ? (input.Features as Array<Record<string, unknown>>) : []) {
    if (typeof item.Name !== 'string' || FOUNDATIONAL.includes(item.Name)) continue;
    set(item.Name, item.Status === 'ENABLED' || item.Status === 'DISABLED' ? item.Status : undefined, item.AdditionalConfiguration);
  }
  return features;
}

/** The DataSources view (GetDetector's deprecated member) of the features. */
export function dataSourcesOf(features: FeatureState[], serviceRole: string): Record<string, unknown> {
  const status = (name: string): Status => features.find((f) => f.Name === name)?.Status ?? 'DISABLED';
  return {
    CloudTrail: { Status: 'ENABLED' },
    DNSLogs: { Status: 'ENABLED' },
    FlowLogs: { Status: 'ENABLED' },
    S3Logs: { Status: status('S3_DATA_EVENTS') },
    Kubernetes: { AuditLogs: { Status: status('EKS_AUDIT_LOGS') } },
    MalwareProtection: { ScanEc2InstanceWithFindings: { EbsVolumes: { Status: status('EBS_MALWARE_PROTECTION') } }, ServiceRole: serviceRole },
  };
}

/** Whether the detector watches S3 data events (S3 Protection). */
export const s3ProtectionEnabled = (features: FeatureState[]): boolean => features.some((f) => f.Name === 'S3_DATA_EVENTS' && f.Status === 'ENABLED');
