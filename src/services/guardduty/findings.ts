/**
 * Reading and triaging findings: ListFindings (FindingCriteria, SortCriteria, pages of ids),
 * GetFindings (up to 50 ids), ArchiveFindings / UnarchiveFindings (an administrator's call: a
 * member account cannot archive) and UpdateFindingsFeedback (Service.UserFeedback). An
 * administrator sees and triages its associated members' findings too.
 */
import type { Finding } from '../../guardduty/finding.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { badRequest } from './errors.js';
import { compileCriteria } from './finding-criteria.js';
import { sortFindings } from './finding-sort.js';
import { changeFindings, visibleFindings, visibleFindingsById } from './finding-store.js';
import { callerScope, requireDetector } from './lookup.js';
import { paginate } from './pagination.js';
import { administratorOf } from './relationships.js';

export const listFindings: OperationHandler = async (ctx, input) => {
  await requireDetector(ctx, input.DetectorId);
  const matches = compileCriteria(input.FindingCriteria);
  const sorted = sortFindings((await visibleFindings(ctx)).filter(matches), input.SortCriteria);
  const { page, NextToken } = paginate(sorted.map((f) => f.Id), input.MaxResults, input.NextToken);
  return { FindingIds: page, ...(NextToken && { NextToken }) };
};

export const getFindings: OperationHandler = async (ctx, input) => {
  await requireDetector(ctx, input.DetectorId);
  const found = await visibleFindingsById(ctx, (input.FindingIds as string[] | undefined) ?? []);
  return { Findings: input.SortCriteria ? sortFindings(found, input.SortCriteria) : found };
};

async function requireNotMember(ctx: RequestContext): Promise<void> {
  // Unconfirmed wording: the user guide says only administrator accounts can archive findings.
  if (await administratorOf(ctx.store, callerScope(ctx))) throw badRequest('The request is rejected because member accounts cannot archive or unarchive findings.');
}

const setArchived = (archived: boolean): OperationHandler => async (ctx, input) => {
  await requireDetector(ctx, input.DetectorId);
  await requireNotMember(ctx);
  await changeFindings(ctx, input.FindingIds as string[], (finding) => withService(finding, { Archived: archived }));
  return {};
};

export const archiveFindings = setArchived(true);
export const unarchiveFindings = setArchived(false);

export const updateFindingsFeedback: OperationHandler = async (ctx, input) => {
  await requireDetector(ctx, input.DetectorId);
  await changeFindings(ctx, input.FindingIds as string[], (finding) => withService(finding, { UserFeedback: input.Feedback as string }));
  return {};
};

function withService(finding: Finding, changes: Record<string, unknown>): Finding {
  return { ...finding, Service: { ...finding.Service, ...changes } };
}
