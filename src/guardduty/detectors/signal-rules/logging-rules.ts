/**
 * Logging turned off or removed: CloudTrail trails, VPC flow logs, Route 53 Resolver query
 * logs, Bedrock invocation logs.
 */
import { SEVERITY } from '../../detection.js';
import type { TrailEvent } from '../../trail-event.js';
import { fieldsOf, isFalse, itemsOf, member, requestParameters, textsOf } from '../support/record-fields.js';
import type { SignalMatch, SignalRule } from './signal-rule.js';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';
const TRAIL_DISABLED = 'Stealth:IAMUser/CloudTrailLoggingDisabled';

/** Whether an advanced event selector selects management events. */
function selectsManagement(selector: unknown): boolean {
  for (const field of itemsOf(member(fieldsOf(selector), 'FieldSelectors'))) {
    const fields = fieldsOf(field);
    if (member(fields, 'Field') !== 'eventCategory') continue;
    return textsOf(member(fields, 'Equals')).includes('Management');
  }
  return false;
}

/** PutEventSelectors leaving no selector that logs management events. */
function managementEventsExcluded(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  const basic = itemsOf(member(parameters, 'EventSelectors'));
  const advanced = itemsOf(member(parameters, 'AdvancedEventSelectors'));
  if (basic.length + advanced.length === 0) return undefined;
  if (basic.some((s) => !isFalse(member(fieldsOf(s), 'IncludeManagementEvents')))) return undefined;
  if (advanced.some(selectsManagement)) return undefined;
  return { details: { trailName: member(parameters, 'TrailName') } };
}

export const LOGGING_RULES: readonly SignalRule[] = [
  {
    signal: 'CloudTrailLoggingStopped',
    definedBy: 'GuardDuty',
    type: TRAIL_DISABLED,
    source: CLOUDTRAIL,
    eventNames: ['StopLogging', 'DeleteTrail'],
    severity: SEVERITY.LOW,
    // The trail (its name or ARN, as the call gave it), for responders such as remediation/cloudtrail-start-logging.
    match: (event) => ({ details: { trailName: member(requestParameters(event), 'name') } }),
    title: 'CloudTrail logging was disabled.',
    description: 'A CloudTrail trail was stopped or deleted. An attacker may do this to cover their tracks.',
  },
  {
    signal: 'CloudTrailManagementEventsExcluded',
    definedBy: 'Bulwark',
    type: TRAIL_DISABLED,
    source: CLOUDTRAIL,
    eventNames: ['PutEventSelectors'],
    severity: SEVERITY.LOW,
    title: 'A CloudTrail trail stopped logging management events.',
    description: "A trail's event selectors were replaced by selectors that log no management events, which silences the trail for API activity.",
    match: managementEventsExcluded,
  },
  {
    signal: 'VPCFlowLogsDeleted',
    definedBy: 'GuardDuty',
    type: 'DefenseImpairment:EC2/DisableOrModifyTools',
    source: 'ec2.amazonaws.com',
    eventNames: ['DeleteFlowLogs'],
    severity: SEVERITY.HIGH,
    routineSeverity: SEVERITY.MEDIUM,
    title: 'VPC flow logs were deleted.',
    description: 'Flow logs of a VPC, subnet or network interface were deleted, removing the record of its network traffic.',
  },
  {
    signal: 'DNSQueryLogsDeleted',
    definedBy: 'GuardDuty',
    type: 'DefenseImpairment:Route53Resolver/DisableOrModifyTools',
    source: 'route53resolver.amazonaws.com',
    eventNames: ['DeleteResolverQueryLogConfig'],
    severity: SEVERITY.MEDIUM,
    title: 'A Route 53 Resolver query logging configuration was deleted.',
    description: 'DNS query logging for the VPCs using this configuration stopped.',
  },
  {
    signal: 'BedrockLoggingDisabled',
    definedBy: 'GuardDuty',
    type: 'DefenseEvasion:IAMUser/BedrockLoggingDisabled',
    source: 'bedrock.amazonaws.com',
    eventNames: ['DeleteModelInvocationLoggingConfiguration'],
    severity: SEVERITY.MEDIUM,
    title: 'Logging of Amazon Bedrock model invocations was disabled.',
    description: 'Without invocation logs there is no record of the data sent to models or of how they are used.',
  },
];
