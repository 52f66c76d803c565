/**
 * What the Security Hub operations share: the stored records, their kinds and ARNs.
 *
 * Store layout (scope = account and Region unless told):
 *   securityhub:hub                   hub                 HubRecord (Security Hub enabled here)
 *   securityhub:product-subscription  <company/product>   SubscriptionRecord (findings of a product imported)
 *   securityhub:finding               <finding key>       StoredFinding (finding-records.ts)
 *   securityhub:finding-change        <12-digit seq>      FindingChange: the change log the finding index catches up from
 *   securityhub:finding-seq           seq                 FindingSeq: the next change number and the log's epoch
 *   securityhub:finding-history       <finding key>       FindingHistory (GetFindingHistory)
 *   securityhub:insight               <insight id>        InsightRecord
 *   securityhub:automation-rule       <rule id>           RuleRecord
 *   securityhub:action-target         <custom action id>  ActionTargetRecord
 *   securityhub:member                <member account>    MemberRecord (in the administrator's scope)
 *   securityhub:administrator         administrator       AdministratorRecord (in the member's scope)
 *   securityhub:invitation            <administrator>     InvitationRecord (in the invited account's scope)
 *   securityhub:org-admin             admin               OrgAdminRecord (in the management account's scope)
 *   securityhub:org-configuration     configuration       OrgConfigurationRecord (in the administrator's scope)
 *   securityhub:finding-aggregator    aggregator          AggregatorRecord (account, GLOBAL: one per account)
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Scope } from '../../store/index.js';
import type { AdministratorRecordOf, InvitationRecordOf, MemberRecordOf } from '../shared/member-accounts.js';

export const KIND = {
  hub: 'securityhub:hub',
  subscription: 'securityhub:product-subscription',
  finding: 'securityhub:finding',
  findingChange: 'securityhub:finding-change',
  findingSeq: 'securityhub:finding-seq',
  history: 'securityhub:finding-history',
  insight: 'securityhub:insight',
  rule: 'securityhub:automation-rule',
  actionTarget: 'securityhub:action-target',
  member: 'securityhub:member',
  administrator: 'securityhub:administrator',
  invitation: 'securityhub:invitation',
  orgAdmin: 'securityhub:org-admin',
  orgConfiguration: 'securityhub:org-configuration',
  aggregator: 'securityhub:finding-aggregator',
} as const;

export const HUB_ID = 'hub';
export { ADMINISTRATOR_ID } from '../shared/member-accounts.js';
export const ORG_CONFIGURATION_ID = 'configuration';
export const AGGREGATOR_ID = 'aggregator';

export type Tags = Record<string, string>;

export interface HubRecord {
  HubArn: string;
  SubscribedAt: string;
  AutoEnableControls: boolean;
  ControlFindingGenerator: 'STANDARD_CONTROL' | 'SECURITY_CONTROL';
  Tags: Tags;
}

export interface SubscriptionRecord {
  ProductArn: string;
  ProductSubscriptionArn: string;
}

export interface InsightRecord {
  InsightArn: string;
  Name: string;
  Filters: Record<string, unknown>;
  GroupByAttribute: string;
}

export interface ActionTargetRecord {
  ActionTargetArn: string;
  Name: string;
  Description: string;
}

export type MemberRecord = MemberRecordOf<'MemberStatus', 'Created' | 'Invited' | 'Enabled' | 'Removed' | 'Resigned' | 'Deleted'>;
export type AdministratorRecord = AdministratorRecordOf<'MemberStatus'>;
export type InvitationRecord = InvitationRecordOf<'MemberStatus'>;

export interface OrgAdminRecord {
  AccountId: string;
  Status: 'ENABLED' | 'DISABLE_IN_PROGRESS';
}

export interface OrgConfigurationRecord {
  AutoEnable: boolean;
  AutoEnableStandards: 'NONE' | 'DEFAULT';
}

export type RegionLinkingMode = 'ALL_REGIONS' | 'ALL_REGIONS_EXCEPT_SPECIFIED' | 'SPECIFIED_REGIONS' | 'NO_REGIONS';

export interface AggregatorRecord {
  FindingAggregatorArn: string;
  FindingAggregationRegion: string;
  RegionLinkingMode: RegionLinkingMode;
  Regions: string[];
}

export const scopeOf = (account: string, region: string): Scope => ({ account, region });

export const partitionOf = (region: string): string => (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');

export const arnPrefix = (region: string, account: string): string => `arn:${partitionOf(region)}:securityhub:${region}:${account}`;

export const hubArn = (scope: Scope): string => `${arnPrefix(scope.region, scope.account)}:hub/default`;

/** A finding is known by its product and its Id; the store key is their hash (any Id, any length). */
export function findingKey(productArn: string, id: string): string {
  return createHash('sha256').update(productArn).update('\u0000').update(id).digest('hex').slice(0, 40);
}

export const newUuid = (): string => randomUUID();

export const nowIso = (): string => new Date().toISOString();

/** A caller-supplied id usable as a store key (no NUL, no lone surrogate), else undefined: it names nothing. */
export function storeKey(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && !value.includes('\u0000') && !/\p{Cs}/u.test(value) ? value : undefined;
}
