/**
 * A Sigma rule as a GuardDuty detector: every event the rule matches is a detection of the
 * rule's finding type, at the severity of its level, titled by the rule; occurrences on one
 * principal aggregate into one finding as GuardDuty's own do.
 */
import type { Detection, Detector } from '../detection.js';
import type { SigmaRule } from './rule.js';

export function sigmaDetector(rule: SigmaRule): Detector {
  const { matches, eventNames } = rule.detection;
  const description = [rule.description?.trim() || rule.title, rule.id ? `(Sigma rule ${rule.id})` : ''].filter(Boolean).join(' ');
  const detection = (event: Detection['event']): Detection => ({
    type: rule.findingType,
    severity: rule.severity,
    event,
    title: rule.title,
    description,
    additionalInfo: { sigmaRuleId: rule.id ?? null, sigmaTitle: rule.title, level: rule.level, tags: [...rule.tags] },
  });
  return {
    name: `sigma:${rule.id ?? rule.findingType}`,
    findingTypes: [rule.findingType],
    eventNames,
    inspect: (event) => (matches(event) ? detection(event) : undefined),
  };
}
