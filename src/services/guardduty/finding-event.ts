/**
 * A finding as GuardDuty sends it to EventBridge: detail-type "GuardDuty Finding", source
 * aws.guardduty, the finding in its JSON form (the API's wire names) as the detail, no
 * resources in the envelope — on each new finding and each update of one.
 */
import type { ServiceEvent } from '../../core/service-events.js';
import type { Finding } from '../../guardduty/finding.js';
import { findingToJson } from './finding-json.js';

export function guardDutyFindingEvent(finding: Finding): ServiceEvent {
  return {
    source: 'aws.guardduty',
    detailType: 'GuardDuty Finding',
    account: finding.AccountId,
    region: finding.Region,
    resources: [],
    detail: findingToJson(finding),
  };
}
