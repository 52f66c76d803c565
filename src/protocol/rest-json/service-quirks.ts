import type { AwsError } from '../../core/aws-error.js';
import { guarddutyQuirks } from './guardduty.js';
import { securityhubQuirks } from './securityhub.js';

/**
 * The few places where a rest-json service's front end answers differently from the protocol's
 * default (see errors.ts). Each service's overrides live in a file named for it.
 */
export interface RestJsonQuirks {
  validationError?(violations: string[]): AwsError;
  /** A body that is not JSON or holds a value of the wrong type. */
  malformedBody?(detail: string): AwsError;
  /** A label, query parameter or header whose text does not fit its shape. */
  badValue?(wire: string, text: string): AwsError;
  /** No route matches the method and path. */
  unknownOperation?(method: string, path: string): AwsError;
  /** Adjusts an error body after the modelled members are written. */
  errorBody?(body: Record<string, unknown>, error: AwsError): void;
}

const QUIRKS: Record<string, RestJsonQuirks> = {
  guardduty: guarddutyQuirks,
  securityhub: securityhubQuirks,
};

export function quirksFor(service: string): RestJsonQuirks {
  return QUIRKS[service] ?? {};
}
