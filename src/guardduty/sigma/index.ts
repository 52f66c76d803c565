/** Users' own detection rules, in the Sigma format (docs/CUSTOM-RULES.md). */
export { loadDetectionRules, loadSigmaRules, parseSigmaRules } from './load.js';
export { sigmaDetector } from './detector.js';
export { SigmaRuleError } from './errors.js';
export { LEVEL_SEVERITY, type SigmaLevel, type SigmaRule } from './rule.js';
