/**
 * Where CloudTrail puts its files in the trail's bucket ("Finding your CloudTrail log files",
 * "CloudTrail digest file structure"):
 *
 *   [prefix/]AWSLogs/[<org id>/]<account>/CloudTrail/<region>/YYYY/MM/DD/
 *       <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 alphanumerics>.json.gz
 *   [prefix/]AWSLogs/[<org id>/]<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/
 *       <account>_CloudTrail-Digest_<region>_<trail name>_<home region>_<YYYYMMDDTHHmmssZ>.json.gz
 *
 * The organization id appears for an organization trail. Dates are UTC: the delivery time for a
 * log file, the digest's end time for a digest file.
 */
import { randomInt } from 'node:crypto';
import type { TrailRecord } from '../../services/cloudtrail/common.js';

type TrailPlace = Pick<TrailRecord, 'S3KeyPrefix' | 'IsOrganizationTrail' | 'OrganizationId' | 'Name' | 'HomeRegion'>;

const two = (n: number): string => String(n).padStart(2, '0');
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function folder(trail: TrailPlace, account: string, kind: 'CloudTrail' | 'CloudTrail-Digest', region: string, at: Date): string {
  const prefix = trail.S3KeyPrefix ? `${trail.S3KeyPrefix}/` : '';
  const org = trail.IsOrganizationTrail && trail.OrganizationId ? `${trail.OrganizationId}/` : '';
  return `${prefix}AWSLogs/${org}${account}/${kind}/${region}/${at.getUTCFullYear()}/${two(at.getUTCMonth() + 1)}/${two(at.getUTCDate())}/`;
}

/** `20240501T1020Z` */
function minuteStamp(at: Date): string {
  return `${at.getUTCFullYear()}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}T${two(at.getUTCHours())}${two(at.getUTCMinutes())}Z`;
}

/** `20240501T102030Z` */
export function secondStamp(at: Date): string {
  return `${minuteStamp(at).slice(0, -1)}${two(at.getUTCSeconds())}Z`;
}

export function logFileKey(trail: TrailPlace, account: string, region: string, at: Date): string {
  let random = '';
  for (let i = 0; i < 16; i++) random += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return `${folder(trail, account, 'CloudTrail', region, at)}${account}_CloudTrail_${region}_${minuteStamp(at)}_${random}.json.gz`;
}

export function digestFileKey(trail: TrailPlace, account: string, region: string, end: Date): string {
  return `${folder(trail, account, 'CloudTrail-Digest', region, end)}${account}_CloudTrail-Digest_${region}_${trail.Name}_${trail.HomeRegion}_${secondStamp(end)}.json.gz`;
}
