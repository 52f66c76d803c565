/**
 * AWS Security Hub: hubs and product integrations, findings (BatchImportFindings validating the
 * ASFF, GetFindings over in-memory indexes, BatchUpdateFindings, UpdateFindings, history),
 * insights, automation rules, custom actions, administrator and member accounts (by invitation
 * or through AWS Organizations) and cross-Region aggregation. GuardDuty's findings arrive by
 * themselves (live.ts). See docs/SECURITYHUB.md.
 */
import { invalidatingWrites } from '../shared/invalidating-writes.js';
import { memberAccountOperations } from '../shared/member-accounts.js';
import type { OperationHandler, ServiceDefinition } from '../types.js';
import { createActionTarget, deleteActionTarget, describeActionTargets, updateActionTarget } from './action-target-operations.js';
import * as administrator from './administrator-operations.js';
import { createFindingAggregator, deleteFindingAggregator, getFindingAggregator, listFindingAggregators, updateFindingAggregator } from './aggregator-operations.js';
import { securityhubAuthorization } from './authorization.js';
import { batchDeleteAutomationRules, batchGetAutomationRules, batchUpdateAutomationRules, createAutomationRule, listAutomationRules } from './automation-rule-operations.js';
import { invalidateConfig } from './config-cache.js';
import { getFindings } from './get-findings.js';
import { getFindingHistory } from './history-operations.js';
import { describeHub, disableSecurityHub, enableSecurityHub, updateSecurityHubConfiguration } from './hub-operations.js';
import { batchImportFindings } from './import-operations.js';
import { createInsight, deleteInsight, getInsightResults, getInsights, updateInsight } from './insight-operations.js';
import * as members from './member-operations.js';
import { describeOrganizationConfiguration, disableOrganizationAdminAccount, enableOrganizationAdminAccount, listOrganizationAdminAccounts, updateOrganizationConfiguration } from './organization-admin.js';
import { describeProducts, disableImportFindingsForProduct, enableImportFindingsForProduct, listEnabledProductsForImport } from './product-operations.js';
import { listTagsForResource, tagResource, untagResource } from './tag-operations.js';
import { batchUpdateFindings, updateFindings } from './update-operations.js';

const operations: Record<string, OperationHandler> = {
  EnableSecurityHub: enableSecurityHub,
  DisableSecurityHub: disableSecurityHub,
  DescribeHub: describeHub,
  UpdateSecurityHubConfiguration: updateSecurityHubConfiguration,
  DescribeProducts: describeProducts,
  EnableImportFindingsForProduct: enableImportFindingsForProduct,
  DisableImportFindingsForProduct: disableImportFindingsForProduct,
  ListEnabledProductsForImport: listEnabledProductsForImport,
  BatchImportFindings: batchImportFindings,
  GetFindings: getFindings,
  BatchUpdateFindings: batchUpdateFindings,
  UpdateFindings: updateFindings,
  GetFindingHistory: getFindingHistory,
  CreateInsight: createInsight,
  UpdateInsight: updateInsight,
  DeleteInsight: deleteInsight,
  GetInsights: getInsights,
  GetInsightResults: getInsightResults,
  CreateAutomationRule: createAutomationRule,
  BatchGetAutomationRules: batchGetAutomationRules,
  BatchUpdateAutomationRules: batchUpdateAutomationRules,
  BatchDeleteAutomationRules: batchDeleteAutomationRules,
  ListAutomationRules: listAutomationRules,
  CreateActionTarget: createActionTarget,
  DescribeActionTargets: describeActionTargets,
  UpdateActionTarget: updateActionTarget,
  DeleteActionTarget: deleteActionTarget,
  EnableOrganizationAdminAccount: enableOrganizationAdminAccount,
  DisableOrganizationAdminAccount: disableOrganizationAdminAccount,
  ListOrganizationAdminAccounts: listOrganizationAdminAccounts,
  DescribeOrganizationConfiguration: describeOrganizationConfiguration,
  UpdateOrganizationConfiguration: updateOrganizationConfiguration,
  ...memberAccountOperations({ ...administrator, ...members }),
  CreateFindingAggregator: createFindingAggregator,
  GetFindingAggregator: getFindingAggregator,
  UpdateFindingAggregator: updateFindingAggregator,
  DeleteFindingAggregator: deleteFindingAggregator,
  ListFindingAggregators: listFindingAggregators,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

/** Operations that change nothing the configuration cache holds (findings have their own index, insights and custom actions are read fresh). */
const KEEPS_CONFIG = /^(Get|List|Describe)|^(BatchImportFindings|BatchUpdateFindings|UpdateFindings|CreateInsight|UpdateInsight|DeleteInsight|CreateActionTarget|UpdateActionTarget|DeleteActionTarget)$/;

export const securityhubService: ServiceDefinition = {
  name: 'securityhub',
  operations: invalidatingWrites(operations, (operation) => KEEPS_CONFIG.test(operation), invalidateConfig),
  authorization: securityhubAuthorization,
  // Each finding is validated alone and a broken one reported in FailedFindings (src/securityhub/asff-validation.ts).
  validatesItems: { BatchImportFindings: ['Findings'] },
};
