/**
 * What every GuardDuty operation shares: the stored records and their kinds, ids and ARNs.
 *
 * Store layout (scope = account and Region; GuardDuty is Regional and an account has at most
 * one detector per Region, so a scope holds everything of one detector):
 *   guardduty:detector        <detector id>          DetectorRecord
 *   guardduty:finding         <finding id>           Finding (src/guardduty/finding.ts)
 *   guardduty:filter          <filter name>          FilterRecord
 *   guardduty:threatintelset  <set id>               ThreatListRecord
 *   guardduty:ipset           <set id>               ThreatListRecord
 *   guardduty:list-entries    <set id>               ListEntries (the parsed addresses, when ACTIVE)
 *   guardduty:destination     <destination id>       DestinationRecord
 *   guardduty:member          <member account>       MemberRecord (in the administrator's scope)
 *   guardduty:administrator   administrator          AdministratorRecord (in the member's scope)
 *   guardduty:invitation      <administrator acct>   InvitationRecord (in the invited account's scope)
 *   guardduty:org-admin       admin                  OrgAdminRecord (in the management account's scope)
 */
import { randomBytes } from 'node:crypto';
import type { ListedAddress } from '../../guardduty/threat-lists/index.js';
import type { Scope } from '../../store/index.js';
import type { AdministratorRecordOf, InvitationRecordOf, MemberRecordOf } from '../shared/member-accounts.js';

export const KIND = {
  detector: 'guardduty:detector',
  finding: 'guardduty:finding',
  filter: 'guardduty:filter',
  threatIntelSet: 'guardduty:threatintelset',
  ipSet: 'guardduty:ipset',
  listEntries: 'guardduty:list-entries',
  destination: 'guardduty:destination',
  member: 'guardduty:member',
  administrator: 'guardduty:administrator',
  invitation: 'guardduty:invitation',
  orgAdmin: 'guardduty:org-admin',
} as const;


export type Tags = Record<string, string>;

export interface FeatureState {
  Name: string;
  Status: 'ENABLED' | 'DISABLED';
  UpdatedAt: string;
  AdditionalConfiguration?: Array<{ Name: string; Status: 'ENABLED' | 'DISABLED'; UpdatedAt: string }>;
}

export interface DetectorRecord {
  DetectorId: string;
  CreatedAt: string;
  UpdatedAt: string;
  Status: 'ENABLED' | 'DISABLED';
  FindingPublishingFrequency: string;
  Features: FeatureState[];
  Tags: Tags;
  /** AutoEnable settings for organization members (UpdateOrganizationConfiguration). */
  OrganizationConfiguration?: Record<string, unknown>;
}

export interface FilterRecord {
  Name: string;
  Description?: string;
  Action: 'NOOP' | 'ARCHIVE';
  Rank: number;
  FindingCriteria: { Criterion?: Record<string, Record<string, unknown>> };
  Tags: Tags;
}

export type ListKind = 'threatIntelSet' | 'ipSet';

export interface ThreatListRecord {
  Id: string;
  Name: string;
  Format: string;
  Location: string;
  Status: 'INACTIVE' | 'ACTIVATING' | 'ACTIVE' | 'DEACTIVATING' | 'ERROR' | 'DELETE_PENDING' | 'DELETED';
  Tags: Tags;
  ExpectedBucketOwner?: string;
  /** Why the list could not be read (Status ERROR). */
  ErrorDetails?: string;
}

export interface ListEntries {
  addresses: ListedAddress[];
  domains: number;
}

export interface DestinationRecord {
  DestinationId: string;
  DestinationType: 'S3';
  DestinationProperties: { DestinationArn: string; KmsKeyArn: string };
  Status: 'PENDING_VERIFICATION' | 'PUBLISHING' | 'UNABLE_TO_PUBLISH_FIX_DESTINATION_PROPERTY' | 'STOPPED';
  PublishingFailureStartTimestamp?: number;
  Tags: Tags;
  /** UpdatedAt of the newest finding exported (findings updated after it go in the next export). */
  ExportedUpTo?: string;
}

export type MemberRecord = MemberRecordOf<'RelationshipStatus', 'Created' | 'Invited' | 'Enabled' | 'Disabled' | 'Removed' | 'Resigned'> & { Email: string };
export type AdministratorRecord = AdministratorRecordOf<'RelationshipStatus'>;
export type InvitationRecord = InvitationRecordOf<'RelationshipStatus'>;

export interface OrgAdminRecord {
  AdminAccountId: string;
  AdminStatus: 'ENABLED' | 'DISABLE_IN_PROGRESS';
}

/** GuardDuty's ids: 32 lower-case hex characters (detectors, findings, lists, destinations). */
export const newId = (): string => randomBytes(16).toString('hex');

export const scopeOf = (account: string, region: string): Scope => ({ account, region });

export const detectorArn = (scope: Scope, detectorId: string): string => `arn:aws:guardduty:${scope.region}:${scope.account}:detector/${detectorId}`;

/** The IAM resource path segment of each list kind (…/detector/<id>/threatintelset/<set id>). */
export const LIST_ARN_SEGMENT: Record<ListKind, string> = { threatIntelSet: 'threatintelset', ipSet: 'ipset' };

export const serviceRoleArn = (account: string): string => `arn:aws:iam::${account}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`;

/** The service principal that reads lists and writes exported findings. */
export const SERVICE_PRINCIPAL = 'guardduty.amazonaws.com';

export const nowIso = (): string => new Date().toISOString();
