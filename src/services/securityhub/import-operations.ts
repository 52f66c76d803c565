/**
 * BatchImportFindings: findings of the caller's own default product, for the caller's own
 * account (`product/<account>/default` in the request's Region, AwsAccountId the caller's).
 * Any other product or account is refused for the whole request as AWS refuses it (access
 * denied on the product). Each finding is then checked alone: a broken finding, or any finding
 * while Security Hub is not enabled, is a FailedFindings entry; the others are imported and
 * each sent to EventBridge as "Security Hub Findings - Imported".
 */
import { asffProblem } from '../../securityhub/asff-validation.js';
import type { Asff } from '../../securityhub/finding-index.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { accessDenied, invalidInput } from './errors.js';
import { importedEvent } from './events.js';
import { callerScope, hubOf } from './hubs.js';
import { importFindings } from './import-batch.js';
import { defaultProductKey, parseProductArn } from './products.js';

interface Failed {
  Id: string;
  ErrorCode: string;
  ErrorMessage: string;
}

/** The whole request is refused when a finding names a product or account the caller may not import for. */
function checkProvider(ctx: RequestContext, findings: readonly Asff[]): void {
  for (const finding of findings) {
    if (typeof finding.ProductArn !== 'string') continue;
    const product = parseProductArn(finding.ProductArn);
    // Seen: `productArn: "arn:aws:securityhub:::product/…"` for a product ARN without a Region.
    if (!product) throw invalidInput(`productArn: "${finding.ProductArn}"`);
    const own = product.key === defaultProductKey(ctx.account) && product.account === ctx.account && product.region === ctx.region;
    const account = finding.AwsAccountId === undefined || finding.AwsAccountId === ctx.account;
    if (!own || !account) throw accessDenied(`User: ${ctx.principal.arn} is not authorized to perform: securityhub:BatchImportFindings on resource: ${finding.ProductArn}`);
  }
}

const idOf = (finding: Asff): string => (typeof finding.Id === 'string' && finding.Id !== '' ? finding.Id : 'unknown');

export const batchImportFindings: OperationHandler = async (ctx, input) => {
  const findings = (input.Findings as Asff[] | undefined) ?? [];
  checkProvider(ctx, findings);
  const scope = callerScope(ctx);
  const failed: Failed[] = [];
  const valid: Asff[] = [];
  const subscribed = (await hubOf(ctx.store, scope)) !== undefined;
  for (const finding of findings) {
    const problem = asffProblem(finding);
    // Unconfirmed wording (InvalidAccess).
    if (!subscribed) failed.push({ Id: idOf(finding), ErrorCode: 'InvalidAccess', ErrorMessage: `Account ${ctx.account} is not subscribed to AWS Security Hub` });
    else if (problem) failed.push({ Id: idOf(finding), ErrorCode: 'InvalidInput', ErrorMessage: problem });
    else valid.push(finding);
  }
  const imported = await importFindings(ctx.store, scope, valid, { identity: ctx.principal.arn });
  for (const finding of imported) ctx.serviceEvents?.publish(importedEvent(scope, finding));
  return { FailedCount: failed.length, SuccessCount: valid.length, FailedFindings: failed };
};
