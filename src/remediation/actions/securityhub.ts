/**
 * Security Hub remediation: the finding the event is about marked RESOLVED (BatchUpdateFindings
 * with a note), unless its workflow is already RESOLVED or SUPPRESSED — so the "Imported" event
 * that update causes ends the chain instead of starting it again. For a GuardDuty Finding event
 * the finding is GuardDuty's in Security Hub (Id = its ARN); until Security Hub imported it the
 * update is refused, and the delivery is retried.
 */
import { DeliveryError } from '../../events/delivery/delivery-error.js';
import { changed, unchanged, type RemediationAction, type SubjectOf } from '../action.js';

export const securityHubResolveFinding: RemediationAction<'finding'> = {
  name: 'securityhub-resolve-finding',
  description: "Sets the finding's Workflow.Status to RESOLVED with a note (BatchUpdateFindings), unless it is RESOLVED or SUPPRESSED already.",
  accepts: ['guardduty-finding', 'securityhub-findings'],
  subject: 'finding',
  iamActions: ['securityhub:BatchUpdateFindings'],
  async run({ id, productArn, region, closed }: SubjectOf<'finding'>, ctx) {
    if (closed) return unchanged(`${id} is already resolved or suppressed`);
    const { BatchUpdateFindingsCommand, SecurityHubClient } = await import('@aws-sdk/client-securityhub');
    const hub = ctx.client((config) => new SecurityHubClient(config), region);
    const out = await hub.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [{ Id: id, ProductArn: productArn }],
        Workflow: { Status: 'RESOLVED' },
        Note: { Text: 'Resolved by Bulwark remediation (securityhub-resolve-finding) after an EventBridge rule matched it.', UpdatedBy: 'bulwark-remediation' },
      }),
    );
    const failed = out.UnprocessedFindings?.[0];
    if (failed) {
      // FindingNotFound: Security Hub has not imported it yet (or never will); EventBridge retries.
      const notYet = failed.ErrorCode === 'FindingNotFound';
      throw new DeliveryError(notYet ? 'RESOURCE_NOT_FOUND' : 'SDK_CLIENT_ERROR', `BatchUpdateFindings did not update ${id}: ${failed.ErrorCode ?? ''} ${failed.ErrorMessage ?? ''}`.trim(), notYet);
    }
    return changed(`resolved ${id}`);
  },
};
