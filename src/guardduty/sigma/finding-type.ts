/**
 * The GuardDuty finding type a rule reports: `Custom:IAMUser/<title in PascalCase>` (the id when
 * the title has no letter or digit), or the rule's own `guardduty_finding_type`.
 */
import { RuleProblem } from './errors.js';

/** ThreatPurpose:ResourceType/ThreatFamilyName.DetectionMechanism!Artifact, as GuardDuty writes them. */
const FINDING_TYPE = /^[A-Za-z0-9]+:[A-Za-z0-9]+\/[A-Za-z0-9][A-Za-z0-9.!&_-]*$/;
const MAX_NAME = 100;

/**
 * Words of ASCII letters and digits (accents dropped), each capitalised, joined:
 * "AWS user-agent: curl" → "AWSUserAgentCurl", "Zugriff über Tor" → "ZugriffUberTor".
 */
export function pascalName(text: string): string {
  const words = text.normalize('NFKD').replace(/\p{M}+/gu, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w) => w[0].toUpperCase() + w.slice(1)).join('').slice(0, MAX_NAME);
}

export function findingTypeOf(title: string, id: string | undefined, custom: unknown): string {
  if (custom !== undefined) {
    if (typeof custom !== 'string' || !FINDING_TYPE.test(custom)) {
      throw new RuleProblem(`guardduty_finding_type '${String(custom)}' is not a finding type like 'Stealth:IAMUser/CloudTrailLoggingDisabled'`);
    }
    return custom;
  }
  const name = pascalName(title) || (id ? pascalName(id) : '');
  if (!name) throw new RuleProblem('neither the title nor the id has a letter or digit to name the finding type; set guardduty_finding_type');
  return `Custom:IAMUser/${name}`;
}
