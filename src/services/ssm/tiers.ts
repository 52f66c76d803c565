/**
 * Parameter tiers: Standard (values up to 4 KB, no policies) and Advanced (8 KB, policies).
 * Intelligent-Tiering is a request, not a tier: Parameter Store picks Advanced when the request
 * needs it (a value over 4 KB, policies) and Standard otherwise. A parameter may move from
 * Standard to Advanced, never back. A request naming no tier gets the default tier setting —
 * Standard, as AWS starts out (Bulwark has no UpdateServiceSetting) — or keeps the tier of the
 * parameter it overwrites.
 */
import type { Tier } from './common.js';
import { validation } from './common.js';

export const STANDARD_MAX_BYTES = 4096;
export const ADVANCED_MAX_BYTES = 8192;

/** The tier a PutParameter request writes. */
export function resolveTier(requested: string | undefined, existing: Tier | undefined, valueBytes: number, hasPolicies: boolean): Tier {
  switch (requested) {
    case 'Advanced':
      return 'Advanced';
    case 'Intelligent-Tiering':
      return existing === 'Advanced' || valueBytes > STANDARD_MAX_BYTES || hasPolicies ? 'Advanced' : 'Standard';
    case 'Standard':
      if (existing === 'Advanced') {
        throw validation(
          "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
        );
      }
      return 'Standard';
    default:
      return existing ?? 'Standard';
  }
}

/** The value's size and the policies checked against the tier. */
export function checkTierLimits(tier: Tier, valueBytes: number, hasPolicies: boolean): void {
  if (tier === 'Standard' && valueBytes > STANDARD_MAX_BYTES) {
    throw validation(
      'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    );
  }
  if (valueBytes > ADVANCED_MAX_BYTES) {
    // Unconfirmed wording.
    throw validation('Advanced tier parameters support a maximum parameter value of 8192 characters.');
  }
  if (tier === 'Standard' && hasPolicies) {
    // Unconfirmed wording: parameter policies need the advanced tier.
    throw validation(
      "Standard tier parameters don't support parameter policies. To attach parameter policies, use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html",
    );
  }
}
