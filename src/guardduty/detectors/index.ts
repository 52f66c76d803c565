/**
 * Every built-in detector, fresh instances (each engine keeps its own baselines). The catalog
 * of what they report — types, severities, triggers, baselines and thresholds — is
 * docs/DETECTIONS.md.
 */
import type { Detector } from '../detection.js';
import { anomalousBehavior, BASELINE_DEFAULTS, type BaselineOptions } from './anomalous-behavior.js';
import { attackSequence } from './attack-sequence.js';
import { bedrockHijacking } from './bedrock-hijacking.js';
import { BRUTE_FORCE_DEFAULTS, consoleBruteForce, type BruteForceOptions } from './console-brute-force.js';
import { passwordPolicyChange } from './password-policy-change.js';
import { pentestUserAgent } from './pentest-user-agent.js';
import { rootCredentialUsage } from './root-credential-usage.js';
import { S3_BURST_DEFAULTS, s3ObjectBursts, type S3BurstOptions } from './s3-object-bursts.js';
import { SECRET_RETRIEVAL_DEFAULTS, secretRetrievalBurst, type SecretRetrievalOptions } from './secret-retrieval-burst.js';
import { SIGNAL_RULES } from './signal-rules/index.js';
import { signalRuleDetector } from './signal-rules/signal-rule.js';
import { threatListCaller } from './threat-list-caller.js';

export interface DetectorOptions {
  /**
   * Report the severities GuardDuty documents for its Custom Detection Rules, which AWS runs only
   * in accounts that opted in because the action is unexpected there. By default Bulwark runs
   * them everywhere and reports routine administrative actions (attaching AdministratorAccess,
   * sharing an AMI with one account, …) at Medium, keeping High for calls that are hostile in
   * themselves (public exposure). It also reports GuardDuty's severity for the S3 deletion
   * burst, whose threshold cannot tell a ransomware run from a clean-up job.
   */
  documentedSeverities?: boolean;
  baseline?: Partial<BaselineOptions>;
  secretRetrieval?: Partial<SecretRetrievalOptions>;
  consoleBruteForce?: Partial<BruteForceOptions>;
  /** Deletions and overwrites of S3 objects by one principal (S3 data events). */
  s3Bursts?: Partial<S3BurstOptions>;
}

export function createDetectors(options: DetectorOptions = {}): Detector[] {
  const documentedSeverities = options.documentedSeverities === true;
  return [
    signalRuleDetector(SIGNAL_RULES, { documentedSeverities }),
    rootCredentialUsage(),
    pentestUserAgent(),
    threatListCaller(),
    passwordPolicyChange(),
    secretRetrievalBurst(Object.assign({}, SECRET_RETRIEVAL_DEFAULTS, options.secretRetrieval)),
    consoleBruteForce(Object.assign({}, BRUTE_FORCE_DEFAULTS, options.consoleBruteForce)),
    s3ObjectBursts(Object.assign({}, S3_BURST_DEFAULTS, options.s3Bursts), documentedSeverities),
    bedrockHijacking(),
    anomalousBehavior(Object.assign({}, BASELINE_DEFAULTS, options.baseline)),
    attackSequence(),
  ];
}
