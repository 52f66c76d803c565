/** Every single-event rule, by family. */
import { COMPUTE_RULES } from './compute-rules.js';
import { IDENTITY_RULES } from './identity-rules.js';
import { KEY_RULES } from './key-rules.js';
import { LOGGING_RULES } from './logging-rules.js';
import { SERVERLESS_RULES } from './serverless-rules.js';
import type { SignalRule } from './signal-rule.js';
import { STORAGE_RULES } from './storage-rules.js';

export const SIGNAL_RULES: readonly SignalRule[] = [...LOGGING_RULES, ...IDENTITY_RULES, ...COMPUTE_RULES, ...STORAGE_RULES, ...KEY_RULES, ...SERVERLESS_RULES];
