/**
 * Amazon GuardDuty: detectors with their protection plans, findings (criteria, sorting,
 * statistics, archiving, feedback, samples), filters and suppression rules, threat lists and
 * trusted IP lists read from Bulwark's S3, publishing destinations exporting findings to S3,
 * and administrator / member accounts (by invitation or through AWS Organizations). Findings
 * come from CloudTrail events through the detection engine (live.ts).
 */
import { invalidatingWrites } from '../shared/invalidating-writes.js';
import { memberAccountOperations } from '../shared/member-accounts.js';
import type { OperationHandler, ServiceDefinition } from '../types.js';
import * as administrator from './administrator.js';
import { guarddutyAuthorization } from './authorization.js';
import { invalidateConfig } from './config-cache.js';
import { createDetector, deleteDetector, getDetector, listDetectors, updateDetector } from './detectors.js';
import { createFilter, deleteFilter, getFilter, listFilters, updateFilter } from './filters.js';
import { getFindingsStatistics } from './finding-statistics.js';
import { archiveFindings, getFindings, listFindings, unarchiveFindings, updateFindingsFeedback } from './findings.js';
import * as members from './members.js';
import { disableOrganizationAdminAccount, enableOrganizationAdminAccount, listOrganizationAdminAccounts } from './organization-admin.js';
import { createPublishingDestination, deletePublishingDestination, describePublishingDestination, listPublishingDestinations, updatePublishingDestination } from './publishing.js';
import { createSampleFindings } from './sample-findings.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import { threatListOperations } from './threat-sets.js';

const operations: Record<string, OperationHandler> = {
  CreateDetector: createDetector,
  GetDetector: getDetector,
  UpdateDetector: updateDetector,
  DeleteDetector: deleteDetector,
  ListDetectors: listDetectors,
  ListFindings: listFindings,
  GetFindings: getFindings,
  GetFindingsStatistics: getFindingsStatistics,
  ArchiveFindings: archiveFindings,
  UnarchiveFindings: unarchiveFindings,
  UpdateFindingsFeedback: updateFindingsFeedback,
  CreateSampleFindings: createSampleFindings,
  CreateFilter: createFilter,
  GetFilter: getFilter,
  UpdateFilter: updateFilter,
  DeleteFilter: deleteFilter,
  ListFilters: listFilters,
  ...threatListOperations,
  CreatePublishingDestination: createPublishingDestination,
  DescribePublishingDestination: describePublishingDestination,
  UpdatePublishingDestination: updatePublishingDestination,
  DeletePublishingDestination: deletePublishingDestination,
  ListPublishingDestinations: listPublishingDestinations,
  EnableOrganizationAdminAccount: enableOrganizationAdminAccount,
  DisableOrganizationAdminAccount: disableOrganizationAdminAccount,
  ListOrganizationAdminAccounts: listOrganizationAdminAccounts,
  ...memberAccountOperations({ ...administrator, ...members }),
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

/** Operations that change nothing the live path caches (findings are read fresh). */
const KEEPS_CONFIG = /^(Get|List|Describe)|^(ArchiveFindings|UnarchiveFindings|UpdateFindingsFeedback|CreateSampleFindings)$/;

export const guarddutyService: ServiceDefinition = {
  name: 'guardduty',
  operations: invalidatingWrites(operations, (operation) => KEEPS_CONFIG.test(operation), invalidateConfig),
  authorization: guarddutyAuthorization,
};
