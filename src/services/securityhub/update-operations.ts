/**
 * BatchUpdateFindings (at most 100 findings; only the customer-updatable fields; UpdatedAt
 * unchanged; a finding the caller does not see is unprocessed) and the older UpdateFindings
 * (a Note and RecordState for every finding matching Filters). Each changed finding goes to
 * EventBridge as "Security Hub Findings - Imported", as AWS sends it.
 */
import { applyCustomerUpdate, CUSTOMER_FIELDS } from '../../securityhub/customer-update.js';
import type { Asff } from '../../securityhub/finding-index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { findingKey } from './common.js';
import { changeVisibleFindings } from './customer-changes.js';
import { invalidInput } from './errors.js';
import { importedEvent } from './events.js';
import { compiledFilters, selectFindings } from './finding-query.js';
import { requireHub } from './hubs.js';

const MAX_FINDINGS = 100;

type Identifier = { Id: string; ProductArn: string };

function publish(ctx: RequestContext, changed: Awaited<ReturnType<typeof changeVisibleFindings>>['changed']): void {
  for (const { scope, finding } of changed) ctx.serviceEvents?.publish(importedEvent(scope, finding));
}

// Unconfirmed wording (the errors and the unprocessed reason below).
export const batchUpdateFindings: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const identifiers = (input.FindingIdentifiers as Identifier[] | undefined) ?? [];
  if (identifiers.length === 0) throw invalidInput('FindingIdentifiers must name at least one finding.');
  if (identifiers.length > MAX_FINDINGS) throw invalidInput(`BatchUpdateFindings can update at most ${MAX_FINDINGS} findings at a time.`);
  const update: OperationInput = {};
  for (const field of CUSTOMER_FIELDS) if (input[field] !== undefined) update[field] = input[field];
  if (Object.keys(update).length === 0) throw invalidInput('The request must update at least one finding field.');
  const keyOf = (i: Identifier) => findingKey(i.ProductArn, i.Id);
  const now = new Date();
  // A finding the update leaves as it was still counts as processed (it is not rewritten).
  const { changed, missing } = await changeVisibleFindings(ctx, identifiers.map(keyOf), (finding) => applyCustomerUpdate(finding, update, now));
  publish(ctx, changed);
  return {
    ProcessedFindings: identifiers.filter((i) => !missing.has(keyOf(i))),
    UnprocessedFindings: identifiers.filter((i) => missing.has(keyOf(i))).map((i) => ({ FindingIdentifier: i, ErrorCode: 'FindingNotFound', ErrorMessage: 'Finding Not Found' })),
  };
};

export const updateFindings: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const selected = await selectFindings(ctx, compiledFilters(input.Filters));
  const now = new Date().toISOString();
  const change = (finding: Asff) => {
    const next: Asff = { ...finding };
    if (input.Note !== undefined) next.Note = { ...(input.Note as Asff), UpdatedAt: now };
    if (input.RecordState !== undefined) next.RecordState = input.RecordState;
    const changed = ['Note', 'RecordState'].filter((f) => JSON.stringify(next[f]) !== JSON.stringify(finding[f]));
    return { finding: next, changed };
  };
  publish(ctx, (await changeVisibleFindings(ctx, selected.map((s) => s.key), change)).changed);
  return {};
};
