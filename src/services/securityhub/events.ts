/**
 * The events Security Hub sends to EventBridge (source aws.securityhub): "Security Hub Findings
 * - Imported" for every finding a provider imports or updates and every BatchUpdateFindings
 * change (one finding per event, in the finding's account and Region, the envelope's resources
 * naming it by its `aws/securityhub/FindingId`), and "Security Hub Findings - Custom Action"
 * when a custom action is invoked on findings.
 */
import type { ServiceEvent } from '../../core/service-events.js';
import type { Asff } from '../../securityhub/finding-index.js';
import type { Scope } from '../../store/index.js';
import type { ActionTargetRecord } from './common.js';

const findingIdOf = (finding: Asff): string => String((finding.ProductFields as Record<string, unknown> | undefined)?.['aws/securityhub/FindingId'] ?? finding.Id);

export function importedEvent(scope: Scope, finding: Asff): ServiceEvent {
  return {
    source: 'aws.securityhub',
    detailType: 'Security Hub Findings - Imported',
    account: scope.account,
    region: scope.region,
    resources: [findingIdOf(finding)],
    detail: { findings: [finding] },
  };
}

export function customActionEvent(scope: Scope, target: ActionTargetRecord, findings: readonly Asff[]): ServiceEvent {
  return {
    source: 'aws.securityhub',
    detailType: 'Security Hub Findings - Custom Action',
    account: scope.account,
    region: scope.region,
    resources: [target.ActionTargetArn],
    detail: { actionName: target.Name, actionDescription: target.Description, findings },
  };
}
