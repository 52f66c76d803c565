/**
 * Trail names and trail ARNs as CloudTrail accepts them. A name has 3–128 characters: ASCII
 * letters, digits, periods, underscores and dashes; it starts and ends with a letter or digit,
 * has no two adjacent periods/underscores/dashes and is not shaped like an IP address. Wherever
 * AWS takes "the name or the ARN", a value starting with `arn:` must be a trail ARN
 * (`arn:aws:cloudtrail:<region>:<account>:trail/<name>`), else CloudTrailARNInvalidException.
 */
import { invalidArn, invalidTrailName } from './common.js';

const MIN = 3;
const MAX = 128;
const ALNUM = /^[A-Za-z0-9]$/;
const TRAIL_ARN = /^arn:aws[a-z-]*:cloudtrail:([a-z0-9-]+):(\d{12}):trail\/(.*)$/;

/** InvalidTrailNameException unless `name` follows the naming rules (checked in AWS's order). */
export function checkTrailName(name: string): void {
  const length = [...name].length;
  if (length < MIN) throw invalidTrailName(`Trail name too short. Minimum allowed length: ${MIN} characters. Specified name length: ${length} characters.`);
  if (length > MAX) throw invalidTrailName(`Trail name too long. Maximum allowed length: ${MAX} characters. Specified name length: ${length} characters.`);
  if (!ALNUM.test(name[0] as string)) throw invalidTrailName('Trail name must starts with a letter or number.');
  if (!ALNUM.test(name[name.length - 1] as string)) throw invalidTrailName('Trail name must ends with a letter or number.');
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw invalidTrailName('Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).');
  }
  // Unconfirmed wording (the two rules below).
  if (/[._-]{2}/.test(name)) throw invalidTrailName('Trail name must not have adjacent periods, underscores or dashes.');
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) throw invalidTrailName('Trail name must not be formatted as an IP address.');
}

/** What a "name or ARN" member names. */
export interface TrailReference {
  /** As given (error messages repeat it). */
  given: string;
  name: string;
  /** Set when given as an ARN. */
  account?: string;
  region?: string;
}

/** Parses and checks a trail name or trail ARN. */
export function parseTrailReference(value: string): TrailReference {
  if (value.startsWith('arn:')) {
    const m = TRAIL_ARN.exec(value);
    if (!m) throw invalidArn(value);
    const [, region, account, name] = m as unknown as [string, string, string, string];
    checkTrailName(name);
    return { given: value, name, account, region };
  }
  checkTrailName(value);
  return { given: value, name: value };
}

/** The parts of a trail ARN, or undefined when `arn` is not one (with a valid trail name). */
export function parseTrailArn(arn: string): { region: string; account: string; name: string } | undefined {
  const m = TRAIL_ARN.exec(arn);
  if (!m) return undefined;
  const [, region, account, name] = m as unknown as [string, string, string, string];
  try {
    checkTrailName(name);
  } catch {
    return undefined;
  }
  return { region, account, name };
}
